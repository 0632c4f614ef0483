package io.taskscope.sim;

import io.taskscope.core.DelayClass;

import java.util.List;
import java.util.Locale;

/**
 * The simulator's workload presets. Each is a machine doing one recognisable thing: who exits, how often, on which
 * CPUs, and what they waited for. Rates are totals for the whole machine; {@code --rate} overrides them.
 */
public enum Profile {

    /** A workstation: few exits (shells, git, helpers), most CPUs idle, a few busy ones. Delays small. */
    DESKTOP("desktop", "few exits, mostly idle: shells, git and browser helpers on a handful of busy CPUs", 40,
            new CpuLayout(0.6, 0.1, 6, 0.2)) {
        @Override
        List<TaskKind> kinds() {
            return List.of(
                    TaskKind.named("bash", "sh", "git", "grep", "sed", "ls", "cat").weight(6).lives(15_000, 1.6)
                            .cpu(0.3).rss(3_000).users(1000).build(),
                    TaskKind.named("chrome", "code", "firefox").weight(1).threaded(0.8, 24).lives(4_000_000, 1.5)
                            .cpu(0.2).rss(180_000).io(2_000_000).users(1000)
                            .delay(DelayClass.BLKIO, DelayModel.of(2, 1_500_000, 1.2)).build(),
                    TaskKind.named("systemd-journal", "dbus-daemon", "cron").weight(1).lives(300_000, 1)
                            .cpu(0.1).users(0).delay(DelayClass.BLKIO, DelayModel.of(5, 800_000, 1)).build());
        }
    },

    /**
     * make -j: bursts of short compiler processes on every CPU; CPU delay climbs with the load of a burst.
     */
    BUILD("build", "make -j: bursts of cc1, as and ld; CPU delay rises under load", 3_000,
            new CpuLayout(0.0, 0.0, 1, 0.15)) {
        @Override
        List<TaskKind> kinds() {
            return List.of(
                    TaskKind.named("cc1", "cc1plus").weight(5).lives(350_000, 0.9).cpu(0.9).rss(90_000)
                            .io(300_000).cpuDelay(150_000, 1.1)
                            .delay(DelayClass.BLKIO, DelayModel.of(4, 400_000, 1.3)).build(),
                    TaskKind.named("as", "collect2", "sh", "make", "gcc").weight(6).lives(25_000, 1.1).cpu(0.6)
                            .rss(8_000).cpuDelay(120_000, 1.1).build(),
                    TaskKind.named("ld", "ld.lld").weight(1).threaded(0.5, 8).lives(900_000, 0.7).cpu(0.8)
                            .rss(400_000).io(40_000_000).cpuDelay(150_000, 1.1)
                            .delay(DelayClass.BLKIO, DelayModel.of(40, 600_000, 1.2)).build());
        }

        /** Bursts: every 12 s a burst of 7 s at full rate, then a quieter link/configure phase. */
        @Override
        double rateFactor(double seconds) {
            return (seconds % 12) < 7 ? 1.6 : 0.25;
        }
    },

    /** A tight loop of very short tasks on every CPU: the rate that overflows one listener's socket buffer. */
    FORK_STORM("fork-storm", "a tight loop of very short tasks on every CPU: the overflow case", 200_000,
            new CpuLayout(0.0, 0.0, 1, 0.1)) {
        @Override
        List<TaskKind> kinds() {
            return List.of(
                    TaskKind.named("true", "sh", "date", "sleep", "printf").weight(1).lives(600, 0.5).cpu(0.7)
                            .rss(1_200).io(0).cpuDelay(40_000, 0.9).build(),
                    TaskKind.named("worker").weight(0.2).threaded(1.0, 8).lives(2_000, 0.6).cpu(0.8).rss(2_500)
                            .cpuDelay(40_000, 0.9).build());
        }
    },

    /** Long-lived database threads, their exits rare and their lives dominated by block I/O delay. */
    DATABASE("database", "long-lived database threads waiting on block I/O", 300,
            new CpuLayout(0.2, 0.25, 3, 0.3)) {
        @Override
        List<TaskKind> kinds() {
            return List.of(
                    TaskKind.named("postgres", "mysqld").weight(4).threaded(0.6, 48).lives(20_000_000, 1.4)
                            .cpu(0.35).rss(600_000).io(200_000_000).users(999)
                            .delay(DelayClass.BLKIO, DelayModel.of(120, 1_200_000, 1.3))
                            .delay(DelayClass.SWAPIN, DelayModel.of(0.5, 3_000_000, 1)).build(),
                    TaskKind.named("pg_dump", "psql", "backup.sh").weight(1).lives(2_000_000, 1.2).cpu(0.3)
                            .rss(40_000).io(50_000_000).users(999)
                            .delay(DelayClass.BLKIO, DelayModel.of(60, 900_000, 1.2)).build());
        }

        @Override
        double rateFactor(double seconds) {
            return 1 + 0.4 * Math.sin(seconds / 30 * 2 * Math.PI);
        }
    },

    /** Memory runs out over the first 90 s: swap-in, reclaim, thrashing and compaction delays rise, then stay. */
    MEMORY_PRESSURE("memory-pressure", "memory runs short: swap-in, reclaim, thrashing and compaction delays rise", 800,
            new CpuLayout(0.1, 0.2, 2, 0.2)) {
        @Override
        List<TaskKind> kinds() {
            DelayModel swapin = DelayModel.underPressure(60, 2_500_000, 1.2);
            DelayModel reclaim = DelayModel.underPressure(25, 700_000, 1.3);
            DelayModel thrashing = DelayModel.underPressure(40, 3_000_000, 1.2);
            DelayModel compact = DelayModel.underPressure(6, 1_200_000, 1.1);
            return List.of(
                    TaskKind.named("java", "node", "python3").weight(3).threaded(0.6, 32).lives(3_000_000, 1.3)
                            .cpu(0.5).rss(1_500_000).io(5_000_000).delay(DelayClass.SWAPIN, swapin)
                            .delay(DelayClass.FREEPAGES, reclaim).delay(DelayClass.THRASHING, thrashing)
                            .delay(DelayClass.COMPACT, compact)
                            .delay(DelayClass.BLKIO, DelayModel.of(10, 900_000, 1.2)).build(),
                    TaskKind.named("sh", "ps", "free", "grep").weight(4).lives(20_000, 1.2).cpu(0.4).rss(3_000)
                            .delay(DelayClass.SWAPIN, DelayModel.underPressure(20, 1_500_000, 1.1))
                            .delay(DelayClass.FREEPAGES, reclaim).build());
        }

        @Override
        double pressure(double seconds) {
            return Math.min(1, seconds / 90);
        }
    },

    /** Many tenants, each on its own group of CPUs with its own load: a mixed, uneven machine. */
    CONTAINER_HOST("container-host", "many tenants on their own CPU groups: mixed and uneven", 5_000,
            new CpuLayout(0.05, 0.0, 1, 0.25, 8)) {
        @Override
        List<TaskKind> kinds() {
            int[] tenants = {100000, 165536, 231072, 296608, 362144, 427680, 493216, 558752};
            return List.of(
                    TaskKind.named("nginx", "php-fpm", "node").weight(3).lives(400_000, 1.4).cpu(0.4).rss(60_000)
                            .io(500_000).users(tenants).delay(DelayClass.BLKIO, DelayModel.of(8, 700_000, 1.2)).build(),
                    TaskKind.named("java", "python3").weight(1).threaded(0.7, 40).lives(5_000_000, 1.3).cpu(0.5)
                            .rss(700_000).io(8_000_000).users(tenants)
                            .delay(DelayClass.BLKIO, DelayModel.of(15, 900_000, 1.2))
                            .delay(DelayClass.FREEPAGES, DelayModel.of(2, 600_000, 1.2)).build(),
                    TaskKind.named("sh", "runc", "containerd-shim", "curl").weight(5).lives(30_000, 1.3).cpu(0.5)
                            .rss(5_000).users(0).build());
        }
    };

    private final String cliName;
    private final String summary;
    private final double defaultRate;
    private final CpuLayout layout;

    Profile(String cliName, String summary, double defaultRate, CpuLayout layout) {
        this.cliName = cliName;
        this.summary = summary;
        this.defaultRate = defaultRate;
        this.layout = layout;
    }

    /** The kinds of task this machine runs. */
    abstract List<TaskKind> kinds();

    /** Multiplier of the exit rate at this simulated second (phases, bursts). */
    double rateFactor(double seconds) {
        return 1;
    }

    /** Memory pressure 0..1 at this simulated second; drives pressure-driven delay classes. */
    double pressure(double seconds) {
        return 0;
    }

    public String cliName() {
        return cliName;
    }

    public String summary() {
        return summary;
    }

    /** Exits per second for the whole machine when no rate is given. */
    public double defaultRate() {
        return defaultRate;
    }

    CpuLayout layout() {
        return layout;
    }

    public static Profile byName(String name) {
        for (Profile p : values()) {
            if (p.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }

    /** "desktop, build, fork-storm, ..." for error messages. */
    public static String names() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Profile::cliName).toList());
    }
}
