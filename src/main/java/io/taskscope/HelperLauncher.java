package io.taskscope;

import io.taskscope.cli.PrivilegedHelper;

/**
 * The privileged helper's entry point: the installed {@code /opt/taskscope/bin/taskscope-helper} launcher, which
 * the polkit action {@code io.taskscope.helper} names, runs this. It does one thing (record live to stdout) and
 * refuses every other argument list; the GUI reads its stream.
 */
public final class HelperLauncher {
    private HelperLauncher() {
    }

    public static void main(String[] args) {
        System.exit(PrivilegedHelper.run(args));
    }
}
