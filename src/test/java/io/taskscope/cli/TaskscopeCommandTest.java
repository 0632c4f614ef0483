package io.taskscope.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class TaskscopeCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        return run(TaskscopeCommand.commandLine(), args);
    }

    private static Run run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: taskscope").contains("gui").contains("Open the desktop app")
                .contains("listen").contains("probe").contains("bench");
    }

    @Test
    void versionNamesTheBuild() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("taskscope 0.").contains("Java 17").contains("JavaFX 21.0.11");
    }

    @Test
    void unknownOptionsAreRefusedWithUsage() {
        Run r = run("--no-such-option");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option").contains("Try 'taskscope --help'");
    }

    @Test
    void theDesktopAppsCommandLineParsesGuiAsTheWholeOneDoes() {
        // none of these reach the window: help, version and refused options end in picocli or in GuiCommand.options()
        String[][] cases = {{"gui", "--help"}, {"gui", "--version"}, {"gui", "--no-such-option"},
                {"gui", "--theme", "purple"}, {"gui", "--size", "big"}, {"gui", "--view", "nowhere"},
                {"gui", "--cpus", "x"}, {"gui", "extra"}};
        for (String[] args : cases) {
            Run whole = run(TaskscopeCommand.commandLine(), args);
            Run desktop = run(TaskscopeCommand.commandLine(args), args);
            assertThat(desktop).as(String.join(" ", args)).isEqualTo(whole);
        }
        assertThat(run(TaskscopeCommand.commandLine("gui", "--help"), "gui", "--help").out())
                .contains("Usage: taskscope gui").contains("--snapshot");
        // anything else gets the whole command line
        assertThat(TaskscopeCommand.commandLine("listen").getSubcommands()).containsKeys("listen", "gui", "probe");
        assertThat(TaskscopeCommand.commandLine("gui").getSubcommands()).containsOnlyKeys("gui");
        assertThat(TaskscopeCommand.commandLine().getSubcommands()).containsKey("bench");
    }
}
