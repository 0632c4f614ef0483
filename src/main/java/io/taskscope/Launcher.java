package io.taskscope;

import io.taskscope.cli.TaskscopeCommand;

/**
 * The jar's entry point. A plain class (not a JavaFX Application) so the app runs from the classpath: with no
 * arguments it opens the desktop app, otherwise it runs the named subcommand.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(TaskscopeCommand.run(args));
    }
}
