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
 * @param startEpochNanos where simulated time 0 sits on the wall clock (ns since the epoch): {@link #FIXED_START}
 *                unless asked otherwise, so the same settings give the same bytes every run; {@link #NOW} for the
 *                moment the simulator starts
 * @param taskstatsVersion the struct version it emits: 16, or 17 (with the delay-max timestamps)
 */
public record SimSettings(Profile profile, int cpus, double rate, long seed, double speed, long startEpochNanos,
                          int taskstatsVersion) {

    public static final double UNPACED = 0;
    /** Simulated time 0 by default: 2026-01-01T00:00:00Z. */
    public static final long FIXED_START = java.time.Instant.parse("2026-01-01T00:00:00Z").getEpochSecond()
            * 1_000_000_000L;
    /** startEpochNanos meaning "the wall clock when the simulator starts". */
    public static final long NOW = Long.MIN_VALUE;
    /** The struct versions the simulator can emit. */
    public static final java.util.Set<Integer> VERSIONS = java.util.Set.of(16, 17);
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
        return new SimSettings(profile, cpus, r, seed, speed, FIXED_START, 16);
    }

    /** These settings with simulated time 0 at {@code epochNanos} ({@link #NOW}: when the simulator starts). */
    public SimSettings withStartTime(long epochNanos) {
        return new SimSettings(profile, cpus, rate, seed, speed, epochNanos, taskstatsVersion);
    }

    /** These settings emitting struct taskstats {@code version} (16 or 17). */
    public SimSettings withTaskstatsVersion(int version) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("--taskstats-version " + version + ": the simulator emits 16 or 17");
        }
        return new SimSettings(profile, cpus, rate, seed, speed, startEpochNanos, version);
    }

    /** The epoch nanoseconds of simulated time 0 for a simulator starting at {@code wallNanos}. */
    public long resolveStart(long wallNanos) {
        return startEpochNanos == NOW ? wallNanos : startEpochNanos;
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
        return String.format(Locale.ROOT, "sim: %s, %d CPUs, %,.0f exits/s, seed %d%s%s", profile.cliName(), cpus, rate,
                seed, unpaced() ? ", unpaced" : speed == 1 ? "" : ", x" + speed,
                taskstatsVersion == 16 ? "" : ", taskstats v" + taskstatsVersion);
    }
}
