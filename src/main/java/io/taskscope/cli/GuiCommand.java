package io.taskscope.cli;

import io.taskscope.core.CpulistLimits;
import io.taskscope.core.ListenerSet;
import io.taskscope.live.QueueSize;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;
import io.taskscope.ui.GuiOptions;
import io.taskscope.ui.TaskscopeApp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code taskscope gui}: the desktop app (the default when no subcommand is given). */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the desktop app. Without options it starts as you left it (first time: the simulator).",
        footer = {"", "Examples:",
                "  taskscope gui --source sim --profile fork-storm --cpus 256",
                "  taskscope gui --listener all=0-63 --snapshot docs.png --after 5s",
                "  taskscope gui --profile memory-pressure --view heatmap --focus web --snapshot heat.png",
                "  taskscope gui --bench 30s"},
        resourceBundle = "io.taskscope.cli.GuiCommand$Texts")
public final class GuiCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SourceKindOption source = new SourceKindOption();

    @Mixin
    SimOptions sim = new SimOptions();

    @Mixin
    ListenerOptions listeners = new ListenerOptions();

    @Option(names = "--snapshot", paramLabel = "FILE.png", description = "Write a PNG of the window, then exit 0.")
    Path snapshot;

    @Option(names = "--after", paramLabel = "DURATION", converter = DurationOption.class, defaultValue = "3s",
            description = "How long to run before --snapshot. Default: ${DEFAULT-VALUE}.")
    Duration after = Duration.ofSeconds(3);

    @Option(names = "--bench", paramLabel = "DURATION", converter = DurationOption.class,
            description = "Measure frame intervals for this long (default load: 100 000 exits/s on 256 CPUs, "
                    + "8 listeners), print p50/p99, exit.")
    Duration bench;

    @Option(names = "--view", paramLabel = "listeners|table|heatmap|tiles",
            description = "The view to show first (with --snapshot: the view to capture).")
    String view;

    @Option(names = "--focus", paramLabel = "NAME", description = "The listener the views show ('all': every CPU).")
    String focus;

    @Option(names = "--table-rows", paramLabel = "N",
            description = "Records each listener's table keeps (default 10 000, remembered).")
    int tableRows;

    @Option(names = "--open", paramLabel = "FILE.tsk", description = "Replay this recording.")
    Path open;

    @Mixin
    QueueBytesOption queue = new QueueBytesOption();

    @Mixin
    ListenerModeOption liveMode = new ListenerModeOption();

    @Option(names = "--theme", paramLabel = "light|dark", description = "Colour theme.")
    String theme;

    @Option(names = "--size", paramLabel = "WxH", description = "Window size, e.g. 1920x1080.")
    String size;

    @Override
    public Integer call() {
        return TaskscopeApp.launchAndWait(options());
    }

    GuiOptions options() {
        // made only to refuse an option or to parse the simulator's and listeners' ones: a start without options
        // (TaskscopeCommand.run) builds no command line at all
        java.util.function.Supplier<CommandLine> cli = () -> spec == null ? new CommandLine(this) : spec.commandLine();
        SimSettings simSettings = null;
        boolean benchDefaults = bench != null;
        if (benchDefaults) { // the load --bench's help promises, where not asked otherwise
            simSettings = sim.settings(Profile.CONTAINER_HOST, 256, 100_000, 1, cli.get());
        } else if (sim.anyGiven()) {
            simSettings = sim.settings(1, cli.get());
        }
        ListenerSet set = null;
        int machine = simSettings != null ? simSettings.cpus() : CpulistLimits.MAX_CPUS;
        if (!listeners.isEmpty()) {
            set = listeners.asGiven(CpulistLimits.forMachine(machine), cli.get());
        } else if (benchDefaults) {
            set = ListenerSet.splitEvenly(simSettings.cpus(), 8);
        }
        Boolean dark = theme == null ? null : switch (theme) {
            case "dark" -> Boolean.TRUE;
            case "light" -> Boolean.FALSE;
            default -> throw new CommandLine.ParameterException(cli.get(), "--theme is light or dark");
        };
        double w = Double.NaN;
        double h = Double.NaN;
        if (size != null) {
            String[] parts = size.toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                w = Double.parseDouble(parts[0]);
                h = Double.parseDouble(parts[1]);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(cli.get(), "--size is WIDTHxHEIGHT, e.g. 1280x800");
            }
        }
        if (view != null && !java.util.List.of("listeners", "table", "heatmap", "tiles").contains(view)) {
            throw new CommandLine.ParameterException(cli.get(), "--view is listeners, table, heatmap or tiles");
        }
        SourceKind kind = source.orElse(simSettings != null ? SourceKind.SIM : null);
        if (tableRows < 0 || tableRows > 1_000_000) {
            throw new CommandLine.ParameterException(cli.get(), "--table-rows is 100..1000000");
        }
        Boolean registered = liveMode.mode == null ? null : liveMode.registered(cli.get());
        return new GuiOptions(kind, simSettings, set, snapshot, after, bench, dark, w, h, view, focus, tableRows, open,
                queue.bytes == null ? 0 : Math.max(1, queue.bytes), registered);
    }

    /** What gui --help says of the shared options: the app starts as it was left, so most name no default. */
    static final class Texts extends OptionTexts {
        public Texts() {
            super("source.label", "sim|live",
                    "source", "Start on this source (default: the last one used, first time sim).",
                    "profile", "Simulator workload: desktop, build, fork-storm, database, memory-pressure, "
                            + "container-host.",
                    "cpus", "Simulated CPUs, 1..8192.",
                    "rate", "Simulated exits per second.",
                    "seed", "Simulator seed.",
                    "taskstats-version", "The struct version the simulator emits (17: with the delay-max "
                            + "timestamps). Default: " + SimOptions.DEFAULT_TASKSTATS_VERSION + ".",
                    "listener", "Start with these listeners (repeatable).",
                    "queue-bytes", "Live: the bound of the queue between the socket reader and the rest (64M, 1G...; "
                            + "remembered; default " + QueueSize.DEFAULT_MIB + "M, at most 1/8 of RAM).");
        }
    }
}
