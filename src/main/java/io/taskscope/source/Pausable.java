package io.taskscope.source;

/** A source that can hold still and go on where it stopped: the simulator and a replay (a live kernel cannot). */
public interface Pausable {
    void pause();

    void resume();
}
