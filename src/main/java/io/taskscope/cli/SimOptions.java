package io.taskscope.cli;

import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the simulator simulates: {@code --profile --cpus --rate --seed --taskstats-version}. Fields are null when not
 * given, as the app starts as it was left unless one of them is; listen and record fill in the defaults named here.
 */
final class SimOptions {

    static final int DEFAULT_CPUS = 64;
    static final long DEFAULT_SEED = 1;
    static final int DEFAULT_TASKSTATS_VERSION = 16;

    @Mixin
    ProfileOption profile = new ProfileOption();

    @Option(names = "--cpus", paramLabel = "N",
            description = "Sim: CPUs of the simulated machine, 1..8192. Default: " + DEFAULT_CPUS + ".")
    Integer cpus;

    @Option(names = "--rate", paramLabel = "EXITS_PER_S",
            description = "Sim: exits per second for the whole machine. Default: the profile's.")
    Double rate;

    @Option(names = "--seed", paramLabel = "N",
            description = "Sim: the same seed gives the same records. Default: " + DEFAULT_SEED + ".")
    Long seed;

    @Option(names = "--taskstats-version", paramLabel = "16|17",
            description = "Sim: the struct taskstats version to emit (17 adds the delay-max timestamps of Linux 7.0). "
                    + "Default: " + DEFAULT_TASKSTATS_VERSION + ".")
    Integer taskstatsVersion;

    boolean anyGiven() {
        return profile.profile != null || cpus != null || rate != null || seed != null || taskstatsVersion != null;
    }

    /** The settings asked for, the rest the defaults above (the profile's rate). */
    SimSettings settings(double speed, CommandLine cli) {
        return settings(profile.orDefault(), DEFAULT_CPUS, Double.NaN, speed, cli);
    }

    /**
     * The settings asked for, the rest from these defaults (a NaN rate: the profile's).
     *
     * @throws CommandLine.ParameterException for settings that make no sense, listing what is allowed
     */
    SimSettings settings(Profile defaultProfile, int defaultCpus, double defaultRate, double speed, CommandLine cli) {
        try {
            return SimSettings.of(profile.profile != null ? profile.profile : defaultProfile,
                            cpus != null ? cpus : defaultCpus, rate != null ? rate : defaultRate,
                            seed != null ? seed : DEFAULT_SEED, speed)
                    .withTaskstatsVersion(taskstatsVersion != null ? taskstatsVersion : DEFAULT_TASKSTATS_VERSION);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
    }
}
