package io.taskscope.cli;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.live.SystemCpus;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The privileged helper: what {@code pkexec /opt/taskscope/bin/taskscope-helper record --source live -o - …} runs as
 * root, so that the window, which never has privileges, can read live records from its standard output. It runs the
 * one command {@link HelperAllowList} accepts, or refuses with exit 2 before anything starts.
 */
public final class PrivilegedHelper {
    private PrivilegedHelper() {
    }

    /** Exit code of a refusal, picocli's code for invalid input. */
    public static final int EXIT_REFUSED = 2;

    public static int run(String... args) {
        return run(List.of(args), machine(), System.err, PrivilegedHelper::record);
    }

    /** Decides, then hands the accepted command line to {@code collector}, which is not called on a refusal. */
    static int run(List<String> args, SystemCpus machine, PrintStream err, ToIntFunction<List<String>> collector) {
        HelperAllowList.Decision decision = HelperAllowList.decide(args, machine.possible(), machine.limits());
        if (decision instanceof HelperAllowList.Refused refused) {
            err.println("taskscope-helper: refused: " + refused.reason());
            return EXIT_REFUSED;
        }
        return collector.applyAsInt(((HelperAllowList.Accepted) decision).command());
    }

    /** This machine's CPUs; if sysfs cannot say, the widest machine, and record checks against the real one itself. */
    private static SystemCpus machine() {
        try {
            return SystemCpus.read();
        } catch (IOException | RuntimeException e) {
            CpuSet all = CpuSet.range(0, CpulistLimits.MAX_CPUS - 1);
            return new SystemCpus(all, all, CpulistLimits.MAX_CPUS);
        }
    }

    /** The record command, with picocli's {@code @file} expansion off: no argument is ever read as a file name. */
    private static int record(List<String> command) {
        CommandLine cli = TaskscopeCommand.commandLine();
        cli.setExpandAtFiles(false);
        cli.setOut(new TaskscopeCommand.StdoutWriter());
        return cli.execute(command.toArray(String[]::new));
    }
}
