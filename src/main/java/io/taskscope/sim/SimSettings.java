package io.taskscope.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the simulator simulates.
 *
 * @param profile the workload
 * @param cpus    possible CPUs, 1..8192
 * @param rate    exits per second for the whole machine (at phase factor 1)
 * @param seed    the same seed, profile and settings give the same records, bit for bit
 * @param speed   simulated seconds per wall second; {@link #UNPACED} generates as fast as possible
 */
public record SimSettings(Profile profile, int cpus, double rate, long seed, double speed) {

    public static final double UNPACED = 0;
    public static final double MAX_RATE = 10_000_000;
    public static final int MAX_CPUS = io.taskscope.core.CpulistLimits.MAX_CPUS;

    /** The GUI's first screen: a build on 64 CPUs. */
    public static SimSettings defaults() {
        return of(Profile.BUILD, 64, Double.NaN, 1, 1);
    }

    /** A rate of NaN means the profile's default. Invalid settings throw with every problem listed. */
    public static SimSettings of(Profile profile, int cpus, double rate, long seed, double speed) {
        double r = Double.isNaN(rate) ? profile.defaultRate() : rate;
        List<String> problems = problems(cpus, r, speed);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new SimSettings(profile, cpus, r, seed, speed);
    }

    /** Everything wrong with these values, each naming what is allowed. */
    public static List<String> problems(int cpus, double rate, double speed) {
        List<String> out = new ArrayList<>();
        if (cpus < 1 || cpus > MAX_CPUS) {
            out.add("--cpus " + cpus + " is outside 1.." + MAX_CPUS + " (NR_CPUS can be at most 8192)");
        }
        if (!(rate > 0) || rate > MAX_RATE || Double.isInfinite(rate)) {
            out.add(String.format(Locale.ROOT, "--rate %s is outside (0, %,.0f] exits per second", rate, MAX_RATE));
        }
        if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
            out.add("--speed " + speed + " must be 0 (as fast as possible) or a positive factor of real time");
        }
        return out;
    }

    public boolean unpaced() {
        return speed == UNPACED;
    }

    public String describe() {
        return String.format(Locale.ROOT, "sim: %s, %d CPUs, %,.0f exits/s, seed %d%s", profile.cliName(), cpus, rate,
                seed, unpaced() ? ", unpaced" : speed == 1 ? "" : ", x" + speed);
    }
}
