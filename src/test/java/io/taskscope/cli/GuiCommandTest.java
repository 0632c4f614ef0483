package io.taskscope.cli;

import io.taskscope.core.CpuSet;
import io.taskscope.sim.Profile;
import io.taskscope.source.SourceKind;
import io.taskscope.ui.GuiOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuiCommandTest {

    private static GuiOptions parse(String... args) {
        GuiCommand command = new GuiCommand();
        CommandLine cli = new CommandLine(command);
        cli.parseArgs(args);
        command.spec = cli.getCommandSpec();
        return command.options();
    }

    @Test
    void simulatorListenersViewAndSnapshot() {
        GuiOptions o = parse("--profile", "fork-storm", "--cpus", "256", "--listener", "a=0-127",
                "--listener", "b=128-255:1/2", "--view", "heatmap", "--focus", "a", "--snapshot", "x.png",
                "--after", "5s", "--table-rows", "2000", "--size", "1920x1080", "--theme", "dark");
        assertThat(o.source()).isEqualTo(SourceKind.SIM);
        assertThat(o.sim().profile()).isEqualTo(Profile.FORK_STORM);
        assertThat(o.sim().cpus()).isEqualTo(256);
        assertThat(o.listeners().byName("b").orElseThrow().cpus().size()).isEqualTo(64);
        assertThat(o.listeners().byName("a").orElseThrow().cpus()).isEqualTo(CpuSet.range(0, 127));
        assertThat(o.view()).isEqualTo("heatmap");
        assertThat(o.focus()).isEqualTo("a");
        assertThat(o.snapshot()).isEqualTo(Path.of("x.png"));
        assertThat(o.after().toSeconds()).isEqualTo(5);
        assertThat(o.tableRows()).isEqualTo(2000);
        assertThat(o.width()).isEqualTo(1920);
        assertThat(o.dark()).isTrue();
    }

    @Test
    void benchDefaultsToTheIssuesLoad() {
        GuiOptions o = parse("--bench", "30s");
        assertThat(o.sim().cpus()).isEqualTo(256);
        assertThat(o.sim().rate()).isEqualTo(100_000);
        assertThat(o.listeners().size()).isEqualTo(8);
    }

    @Test
    void badOptionsAreRefusedWithWhatIsAllowed() {
        assertThatThrownBy(() -> parse("--cpus", "16", "--listener", "a=0-16"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("ERANGE");
        assertThatThrownBy(() -> parse("--view", "pie")).hasMessageContaining("listeners, table, heatmap or tiles");
        assertThatThrownBy(() -> parse("--cpus", "0")).hasMessageContaining("1..8192");
        assertThatThrownBy(() -> parse("--size", "big")).hasMessageContaining("WIDTHxHEIGHT");
        assertThatThrownBy(() -> parse("--theme", "purple")).hasMessageContaining("light or dark");
    }

    @Test
    void aStartWithoutOptionsHasTheOptionsParsingNoneLeaves() {
        // TaskscopeCommand.run starts `taskscope` and `taskscope gui` from an unparsed GuiCommand
        assertThat(new GuiCommand().options()).isEqualTo(parse());
        assertThat(new GuiCommand().options()).isEqualTo(GuiOptions.defaults());
    }
}
