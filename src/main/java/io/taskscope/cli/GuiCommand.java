package io.taskscope.cli;

import io.taskscope.ui.TaskscopeApp;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code taskscope gui}: the desktop app (the default when no subcommand is given). */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the desktop app.")
public final class GuiCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        TaskscopeApp.launchAndWait();
        return 0;
    }
}
