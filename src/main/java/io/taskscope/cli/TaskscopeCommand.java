package io.taskscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code taskscope}: the desktop app when run bare, and the headless subcommands. */
@Command(name = "taskscope",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Visualise Linux taskstats: which virtual listener receives which task exits, on which CPU, "
                + "with their delay accounting. Without a subcommand it opens the desktop app.",
        subcommands = {GuiCommand.class, ListenCommand.class, ProbeCommand.class, RecordCommand.class, ServeCommand.class, StatsCommand.class, ExportCommand.class,
                CutCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class TaskscopeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return new GuiCommand().call();
    }

    /** Runs the command line and returns the exit code; never lets a stack trace reach the user. */
    public static int run(String... args) {
        io.taskscope.ui.base.StartupClock.mainEntered(); // main's first step: gui --bench counts from here
        if (args.length == 0 || args.length == 1 && args[0].equals("gui")) {
            return desktopApp();
        }
        CommandLine cli = commandLine(args);
        cli.setOut(new StdoutWriter());
        return cli.execute(args);
    }

    /**
     * The desktop app with no option to parse (the menu entry runs {@code taskscope gui}): with nothing to parse no
     * command line is built, which for gui alone took picocli ~0.12 s of the start (with the class-data archive).
     * Its options are the ones parsing none leaves (GuiCommandTest); a failure ends as execute's handler ends it.
     */
    static int desktopApp() {
        try {
            return new GuiCommand().call();
        } catch (RuntimeException e) {
            System.err.println(failure(e));
            return 1;
        }
    }

    private static String failure(Exception e) {
        return "taskscope: " + (e.getMessage() == null ? e.toString() : e.getMessage());
    }

    /**
     * The process's standard output as the commands' Writer: commands that write a lot ({@code listen}) see it is
     * stdout itself and write bytes to file descriptor 1 instead, in big UTF-8 writes.
     */
    static final class StdoutWriter extends java.io.PrintWriter {
        StdoutWriter() {
            super(new java.io.OutputStreamWriter(System.out, java.nio.charset.Charset.defaultCharset()), true);
        }
    }

    /** The configured command line: bad options get one line and a pointer to --help, failures one message. */
    public static CommandLine commandLine() {
        return configured(new CommandLine(new TaskscopeCommand()));
    }

    /**
     * The command line for these arguments: for the desktop app ({@code taskscope}, {@code taskscope gui ...}) one
     * that knows only gui, which parses them the same; else the whole one. Picocli builds the model of every
     * subcommand and mixin it knows up front: all of them took about 0.12 s of the app's start, gui alone a fraction.
     */
    public static CommandLine commandLine(String... args) {
        if (args.length == 0 || args[0].equals("gui")) {
            CommandLine cli = new CommandLine(new DesktopOnly());
            cli.addSubcommand("gui", new CommandLine(new GuiCommand()));
            return configured(cli);
        }
        return commandLine();
    }

    /** The top level as {@link TaskscopeCommand} declares it, with gui its only subcommand. */
    @Command(name = "taskscope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
    static final class DesktopOnly implements Callable<Integer> {
        @Override
        public Integer call() {
            return new GuiCommand().call();
        }
    }

    private static CommandLine configured(CommandLine cli) {
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("taskscope: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(failure(e));
            return 1;
        });
        return cli;
    }
}
