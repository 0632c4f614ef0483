package io.taskscope.ui.source;

import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands that stream a live session to an unprivileged GUI: {@code record --source live -o -}, run through
 * pkexec by the privileged helper (a local collector), or by taskscope on a remote box through ssh.
 */
public final class HelperCommand {
    private HelperCommand() {
    }

    /** What runs on a remote machine. */
    public static final String REMOTE_RECORD = "taskscope record --source live -o -";

    /** The installed helper launcher, beside the main one: the program the polkit action io.taskscope.helper names. */
    public static final String HELPER_LAUNCHER = "taskscope-helper";

    /** The helper's entry point (io.taskscope.HelperLauncher, named, since ui may not depend on it). */
    public static final String HELPER_MAIN = "io.taskscope.HelperLauncher";

    /**
     * pkexec, the helper, and the one command it accepts, with the window's listeners so the stream's definition
     * is the one the user has (a listener whose name the helper cannot take, with '=' or a leading '-', is left out).
     */
    public static List<String> pkexec(ListenerSet listeners) {
        List<String> command = new ArrayList<>(List.of("pkexec"));
        command.addAll(helper());
        command.addAll(List.of("record", "--source", "live", "-o", "-"));
        for (Listener l : listeners.listeners()) {
            if (helperTakes(l.name())) {
                command.add("--listener=" + l.name() + "=" + l.cpus().toCpulist());
            }
        }
        return command;
    }

    /** The names the helper's allow-list (cli.HelperAllowList) takes: NAME=CPULIST splits at the first '='. */
    private static boolean helperTakes(String name) {
        return name.indexOf('=') < 0 && !name.startsWith("-") && name.chars().noneMatch(Character::isISOControl);
    }

    /**
     * The installed helper when running from the app image (jpackage sets jpackage.app-path); in development, this
     * java and classpath with the helper's main class. Only the installed one is what the polkit policy names (and
     * only it is root-owned): pkexec then asks "register taskstats listeners"; in development it asks to run java.
     */
    static List<String> helper() {
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null && !launcher.isBlank()) {
            return List.of(Path.of(launcher).resolveSibling(HELPER_LAUNCHER).toString());
        }
        return List.of(java(), "-cp", System.getProperty("java.class.path"), HELPER_MAIN);
    }

    /**
     * ssh in batch mode (no password prompt on a terminal nobody sees), then {@code --}: whatever the host text is,
     * ssh reads no option from it. The host must pass {@link RemoteHost#problem}; the dialog checks it first.
     */
    public static List<String> ssh(String host) {
        RemoteHost.problem(host).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return List.of("ssh", "-o", "BatchMode=yes", "--", host, REMOTE_RECORD);
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
        return List.of(java(), "-cp", System.getProperty("java.class.path"), "io.taskscope.Launcher");
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
