package io.taskscope.cli;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.CpulistParse;
import io.taskscope.core.ListenerSet;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;
import io.taskscope.ui.GuiOptions;
import io.taskscope.ui.TaskscopeApp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code taskscope gui}: the desktop app (the default when no subcommand is given). */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the desktop app. Without options it starts as you left it (first time: the simulator).",
        footer = {"", "Examples:",
                "  taskscope gui --source sim --profile fork-storm --cpus 256",
                "  taskscope gui --listener all=0-63 --snapshot docs.png --after 5s",
                "  taskscope gui --profile memory-pressure --view heatmap --focus web --snapshot heat.png",
                "  taskscope gui --bench 30s"})
public final class GuiCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--source", paramLabel = "sim|live", converter = SourceOptions.SourceKindConverter.class,
            description = "Start on this source (default: the last one used, first time sim).")
    SourceKind source;

    @Option(names = "--profile", paramLabel = "NAME", converter = SourceOptions.ProfileConverter.class,
            description = "Simulator workload: desktop, build, fork-storm, database, memory-pressure, container-host.")
    Profile profile;

    @Option(names = "--cpus", paramLabel = "N", description = "Simulated CPUs, 1..8192.")
    Integer cpus;

    @Option(names = "--rate", paramLabel = "EXITS_PER_S", description = "Simulated exits per second.")
    Double rate;

    @Option(names = "--seed", paramLabel = "N", description = "Simulator seed.")
    Long seed;

    @Option(names = "--taskstats-version", paramLabel = "16|17",
            description = "The struct version the simulator emits (17: with the delay-max timestamps). Default: 16.")
    Integer taskstatsVersion;

    @Option(names = "--listener", paramLabel = "NAME=CPULIST", converter = ListenCommand.ListenerOptionConverter.class,
            description = "Start with these listeners (repeatable).")
    List<ListenerOption> listeners = new ArrayList<>();

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

    @Option(names = "--queue-bytes", paramLabel = "BYTES", converter = ByteSizeOption.class,
            description = "Live: the bound of the queue between the socket reader and the rest (64M, 1G...; "
                    + "remembered; default 256M, at most 1/8 of RAM).")
    Long queueBytes;

    @Option(names = "--theme", paramLabel = "light|dark", description = "Colour theme.")
    String theme;

    @Option(names = "--size", paramLabel = "WxH", description = "Window size, e.g. 1920x1080.")
    String size;

    @Override
    public Integer call() {
        return TaskscopeApp.launchAndWait(options());
    }

    GuiOptions options() {
        CommandLine cli = spec == null ? new CommandLine(this) : spec.commandLine();
        SimSettings sim = null;
        boolean benchDefaults = bench != null;
        if (profile != null || cpus != null || rate != null || seed != null || taskstatsVersion != null
                || benchDefaults) {
            Profile p = profile != null ? profile : benchDefaults ? Profile.CONTAINER_HOST : Profile.BUILD;
            int n = cpus != null ? cpus : benchDefaults ? 256 : 64;
            double r = rate != null ? rate : benchDefaults ? 100_000 : Double.NaN;
            try {
                sim = SimSettings.of(p, n, r, seed == null ? 1 : seed, 1)
                        .withTaskstatsVersion(taskstatsVersion == null ? 16 : taskstatsVersion);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, e.getMessage());
            }
        }
        ListenerSet set = null;
        int machine = sim != null ? sim.cpus() : CpulistLimits.MAX_CPUS;
        if (!listeners.isEmpty()) {
            set = ListenerSet.empty();
            for (ListenerOption option : listeners) {
                CpulistParse parsed = CpuSet.parse(option.cpulist(), CpulistLimits.forMachine(machine));
                if (parsed instanceof CpulistParse.Refused refused) {
                    throw new CommandLine.ParameterException(cli, "--listener " + option.name() + "="
                            + option.cpulist() + ": " + refused.error().describe());
                }
                set = set.add(option.name(), parsed.orElseThrow());
            }
        } else if (benchDefaults) {
            set = ListenerSet.splitEvenly(sim.cpus(), 8);
        }
        Boolean dark = theme == null ? null : switch (theme) {
            case "dark" -> Boolean.TRUE;
            case "light" -> Boolean.FALSE;
            default -> throw new CommandLine.ParameterException(cli, "--theme is light or dark");
        };
        double w = Double.NaN;
        double h = Double.NaN;
        if (size != null) {
            String[] parts = size.toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                w = Double.parseDouble(parts[0]);
                h = Double.parseDouble(parts[1]);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(cli, "--size is WIDTHxHEIGHT, e.g. 1280x800");
            }
        }
        if (view != null && !java.util.List.of("listeners", "table", "heatmap", "tiles").contains(view)) {
            throw new CommandLine.ParameterException(cli, "--view is listeners, table, heatmap or tiles");
        }
        SourceKind kind = source != null ? source : sim != null ? SourceKind.SIM : null;
        if (tableRows < 0 || tableRows > 1_000_000) {
            throw new CommandLine.ParameterException(cli, "--table-rows is 100..1000000");
        }
        return new GuiOptions(kind, sim, set, snapshot, after, bench, dark, w, h, view, focus, tableRows, open,
                queueBytes == null ? 0 : Math.max(1, queueBytes));
    }
}
