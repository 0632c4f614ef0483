package io.taskscope.ui.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands that stream a live session to an unprivileged GUI: this very program's {@code record --source live
 * -o -}, run through pkexec (a local privileged helper) or ssh (a remote box).
 */
public final class HelperCommand {
    private HelperCommand() {
    }

    /** What runs on a remote machine. */
    public static final String REMOTE_RECORD = "taskscope record --source live -o -";

    /** pkexec, then the java and jar (or classpath) this app runs from. */
    public static List<String> pkexec() {
        List<String> command = new ArrayList<>(List.of("pkexec"));
        command.addAll(self());
        command.addAll(List.of("record", "--source", "live", "-o", "-"));
        return command;
    }

    public static List<String> ssh(String host) {
        return List.of("ssh", "-o", "BatchMode=yes", host, REMOTE_RECORD);
    }

    /**
     * How to start this program again: the installed launcher (jpackage sets jpackage.app-path; its runtime has no
     * bin/java), else the java binary and its classpath.
     */
    public static List<String> self() {
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null && !launcher.isBlank()) {
            return List.of(launcher);
        }
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-cp", System.getProperty("java.class.path"), "io.taskscope.Launcher");
    }
}
