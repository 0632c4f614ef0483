package io.taskscope.source;

/** What the built-in simulator lets a user do beyond any source: pause and resume its machine. */
public interface SimulatorControls extends Pausable {
}
