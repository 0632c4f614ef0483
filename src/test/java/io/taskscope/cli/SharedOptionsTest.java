package io.taskscope.cli;

import io.taskscope.live.LiveCollector;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;
import io.taskscope.ui.GuiOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared option mixins reach every command that mixes them in, with each command's defaults and words. */
class SharedOptionsTest {

    /** Parses {@code args} as the real command line does and gives the innermost command it chose. */
    @SuppressWarnings("unchecked")
    private static <T> T parse(String... args) {
        CommandLine.ParseResult result = TaskscopeCommand.commandLine().parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return (T) result.commandSpec().userObject();
    }

    @Test
    void listenTakesTheListenerSourceAndDurationMixins() {
        ListenCommand listen = parse("listen", "--listener", "a=0-1", "--listener", "b=2", "--profile", "desktop",
                "--source", "sim", "--cpus", "8", "--rate", "500", "--seed", "7", "--taskstats-version", "17",
                "--speed", "0", "--receive-buffer", "65536", "--reader-nice", "5", "--queue-bytes", "64M",
                "--duration", "5s");
        assertThat(listen.listeners.given).containsExactly(new ListenerOption("a", "0-1"), new ListenerOption("b", "2"));
        assertThat(listen.source.kind.kind).isEqualTo(SourceKind.SIM);
        SimSettings sim = listen.source.simSettings(listen.spec.commandLine());
        assertThat(sim.profile()).isEqualTo(Profile.DESKTOP);
        assertThat(sim.cpus()).isEqualTo(8);
        assertThat(sim.rate()).isEqualTo(500);
        assertThat(sim.seed()).isEqualTo(7);
        assertThat(sim.taskstatsVersion()).isEqualTo(17);
        assertThat(sim.speed()).isZero();
        LiveCollector.Settings live = listen.source.liveSettings();
        assertThat(live.receiveBufferBytes()).isEqualTo(65536);
        assertThat(live.readerNice()).isEqualTo(5);
        assertThat(live.queueBytes()).isEqualTo(64L << 20);
        assertThat(listen.duration.limit).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void optionsNotGivenAreTheDefaultsListenAndRecordShow() {
        ListenCommand listen = parse("listen");
        RecordCommand record = parse("record", "-o", "x.tsk");
        for (SourceOptions source : List.of(listen.source, record.source)) {
            assertThat(source.kind.orElse(SourceKind.LIVE)).isEqualTo(SourceKind.LIVE);
            SimSettings sim = source.simSettings(TaskscopeCommand.commandLine());
            assertThat(sim.profile()).isEqualTo(Profile.BUILD);
            assertThat(sim.cpus()).isEqualTo(64);
            assertThat(sim.rate()).isEqualTo(Profile.BUILD.defaultRate());
            assertThat(sim.seed()).isEqualTo(1);
            assertThat(sim.speed()).isEqualTo(1);
            assertThat(sim.taskstatsVersion()).isEqualTo(16);
            assertThat(sim.startEpochNanos()).isEqualTo(SimSettings.FIXED_START);
            assertThat(source.liveSettings()).isEqualTo(LiveCollector.Settings.defaults());
        }
    }

    @Test
    void recordTakesTheListenerSourceDurationAndOutputMixins() {
        RecordCommand record = parse("record", "--source", "sim", "--profile", "database", "--listener", "q=0-3",
                "--duration", "2m", "-o", "-");
        assertThat(record.listeners.given).containsExactly(new ListenerOption("q", "0-3"));
        assertThat(record.source.simSettings(record.spec.commandLine()).profile()).isEqualTo(Profile.DATABASE);
        assertThat(record.duration.limit).isEqualTo(Duration.ofMinutes(2));
        assertThat(record.output.isStandardOutput()).isTrue();
        assertThat(((RecordCommand) parse("record", "--output", "box.tsk")).output.file).isEqualTo("box.tsk");
    }

    @Test
    void theAppTakesTheSourceSimListenerAndQueueMixins() {
        GuiCommand gui = parse("gui", "--source", "live", "--profile", "desktop", "--cpus", "16", "--seed", "3",
                "--listener", "a=0-1", "--queue-bytes", "1G");
        GuiOptions o = gui.options();
        assertThat(o.source()).isEqualTo(SourceKind.LIVE);
        assertThat(o.sim().profile()).isEqualTo(Profile.DESKTOP);
        assertThat(o.sim().cpus()).isEqualTo(16);
        assertThat(o.sim().seed()).isEqualTo(3);
        assertThat(o.listeners().byName("a")).isPresent();
        assertThat(o.queueBytes()).isEqualTo(1L << 30);
        GuiOptions asLeft = ((GuiCommand) parse("gui")).options();
        assertThat(asLeft.source()).isNull();
        assertThat(asLeft.sim()).isNull();
        assertThat(asLeft.listeners()).isNull();
        assertThat(asLeft.queueBytes()).isZero();
    }

    @Test
    void benchLiveTakesTheSocketReaderDurationAndJsonMixins() {
        BenchCommand.Live live = parse("bench", "live", "--receive-buffer", "1048576", "--reader-nice", "-5",
                "--duration", "2s", "--json");
        assertThat(live.reader.receiveBuffer).isEqualTo(1 << 20);
        assertThat(live.reader.readerNice).isEqualTo(-5);
        assertThat(live.duration.orElse(null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(live.json.enabled).isTrue();
        BenchCommand.Live defaults = parse("bench", "live");
        assertThat(defaults.reader.receiveBuffer).isEqualTo(LiveCollector.Settings.DEFAULT_RECEIVE_BUFFER);
        assertThat(defaults.reader.readerNice).isNull();
        assertThat(defaults.duration.limit).isNull(); // the built-in storm's 10s is bench live's own default
        assertThat(defaults.json.enabled).isFalse();
    }

    @Test
    void benchStoreTakesTheProfileMixin() {
        assertThat(((BenchCommand.Store) parse("bench", "store", "--profile", "fork-storm")).profile.orDefault())
                .isEqualTo(Profile.FORK_STORM);
        assertThat(((BenchCommand.Store) parse("bench", "store")).profile.orDefault()).isEqualTo(Profile.BUILD);
    }

    @Test
    void benchServeCountsAWholeNumberOfScrapeIntervalsOfAtLeastTwentySeconds() {
        assertThat(((BenchCommand.Serve) parse("bench", "serve", "--scrape-interval", "1s")).windowSeconds())
                .isEqualTo(20);
        // the default, packaging/prometheus's 15 s: two scrapes, where 20 s would hold one of a 15 s rate's 1.33
        assertThat(((BenchCommand.Serve) parse("bench", "serve")).windowSeconds()).isEqualTo(30);
        assertThat(((BenchCommand.Serve) parse("bench", "serve", "--scrape-interval", "7s")).windowSeconds())
                .isEqualTo(21);
        assertThat(((BenchCommand.Serve) parse("bench", "serve", "--scrape-interval", "1m")).windowSeconds())
                .isEqualTo(60);
    }

    @Test
    void theSessionFileCommandsTakeTheFileJsonRangeAndOutputMixins() {
        StatsCommand stats = parse("stats", "box.tsk", "--json");
        assertThat(stats.file.file).isEqualTo(Path.of("box.tsk"));
        assertThat(stats.json.enabled).isTrue();
        ExportCommand export = parse("export", "box.tsk", "--format", "csv", "--from", "10s", "--to", "1m",
                "-o", "-");
        assertThat(export.file.file).isEqualTo(Path.of("box.tsk"));
        assertThat(export.times.from).isEqualTo(Duration.ofSeconds(10));
        assertThat(export.times.to).isEqualTo(Duration.ofMinutes(1));
        assertThat(export.output.isStandardOutput()).isTrue();
        CutCommand cut = parse("cut", "box.tsk", "--from", "1m", "-o", "minute2.tsk");
        assertThat(cut.file.file).isEqualTo(Path.of("box.tsk"));
        assertThat(cut.times.from).isEqualTo(Duration.ofMinutes(1));
        assertThat(cut.times.to).isNull();
        assertThat(cut.output.file).isEqualTo("minute2.tsk");
        assertThat(((ProbeCommand) parse("probe", "--json")).json.enabled).isTrue();
    }

    /** Each text a command gives a shared option (see {@link OptionTexts}) is what that command's help shows. */
    @Test
    void eachCommandsOwnWordsReachItsOptions() {
        List<String> checked = new ArrayList<>();
        for (CommandSpec command : OptionsDeclaredOnceTest.commands(TaskscopeCommand.commandLine())) {
            ResourceBundle texts = command.resourceBundle();
            if (!(texts instanceof OptionTexts)) {
                continue;
            }
            for (String key : texts.keySet()) {
                boolean label = key.endsWith(".label");
                String name = "--" + (label ? key.substring(0, key.length() - ".label".length()) : key);
                OptionSpec option = command.findOption(name);
                assertThat(option).as(command.qualifiedName() + ": " + key + " names no option").isNotNull();
                assertThat(label ? option.paramLabel() : String.join("", option.description()))
                        .as(command.qualifiedName() + " " + key).isEqualTo(texts.getString(key));
                checked.add(command.name() + " " + key);
            }
        }
        assertThat(checked).contains("gui cpus", "gui source.label", "record output.label", "live receive-buffer",
                "live duration.label", "store profile.label", "probe json", "export from", "cut output");
    }
}
