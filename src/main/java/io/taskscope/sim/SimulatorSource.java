package io.taskscope.sim;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.RecordBlock;
import io.taskscope.source.SimulatorControls;
import io.taskscope.source.Source;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceInfo;
import io.taskscope.source.SourceKind;
import io.taskscope.source.SourceState;
import io.taskscope.source.SourceThread;

import java.util.List;
import java.util.Optional;

/**
 * The built-in simulator as a source: runs anywhere, no privileges. Paced, it keeps simulated time in step with
 * wall time times the speed factor and hands over a batch every few milliseconds; unpaced, it generates as fast as
 * the consumer takes the batches. Either way the records are those of {@link SimEngine} for the settings' seed.
 */
public final class SimulatorSource implements Source, SimulatorControls {

    /** Rows per batch; a paced batch covers at most {@link #TICK_MILLIS} of simulated time. */
    public static final int BATCH_ROWS = 8192;
    private static final int TICK_MILLIS = 10;

    private final SimSettings settings;
    private final SourceInfo info;
    private final long epochStartNanos;
    private final long stopAfterNanos;
    private final SourceThread thread = new SourceThread("taskscope-simulator");
    private volatile boolean paused;

    public SimulatorSource(SimSettings settings) {
        this(settings, Long.MAX_VALUE);
    }

    /** A simulator that stops by itself after {@code simulatedNanos} of simulated time (for tests and benches). */
    public SimulatorSource(SimSettings settings, long simulatedNanos) {
        this.settings = settings;
        this.stopAfterNanos = simulatedNanos;
        this.epochStartNanos = settings.resolveStart(System.currentTimeMillis() * 1_000_000L);
        this.info = new SourceInfo(SourceKind.SIM, settings.describe(), CpulistLimits.forMachine(settings.cpus()),
                CpuSet.range(0, settings.cpus() - 1));
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    public SimSettings settings() {
        return settings;
    }

    @Override
    public int taskstatsVersion() {
        return settings.taskstatsVersion();
    }

    @Override
    public Optional<SimulatorControls> simulator() {
        return Optional.of(this);
    }

    @Override
    public void start(SourceConsumer consumer) {
        thread.start(() -> run(consumer));
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public void stop() {
        thread.stop();
    }

    /** Blocks until the simulator has stopped (by itself, for a bounded run, or by {@link #stop()}). */
    public void awaitEnd() throws InterruptedException {
        thread.awaitEnd();
    }

    private void run(SourceConsumer consumer) {
        SimEngine engine = new SimEngine(settings.profile(), settings.cpus(), settings.rate(), settings.seed(),
                epochStartNanos, settings.taskstatsVersion());
        RecordBlock block = new RecordBlock(BATCH_ROWS);
        consumer.stateChanged(SourceState.RUNNING, settings.describe());
        long wallStart = System.nanoTime();
        long pausedNanos = 0;
        try {
            while (thread.running() && engine.simNanos() < stopAfterNanos) {
                if (paused) {
                    long pauseStart = System.nanoTime();
                    consumer.stateChanged(SourceState.PAUSED, "paused");
                    while (paused && thread.running()) {
                        Thread.sleep(20);
                    }
                    pausedNanos += System.nanoTime() - pauseStart;
                    consumer.stateChanged(SourceState.RUNNING, settings.describe());
                    continue;
                }
                long until;
                if (settings.unpaced()) {
                    until = stopAfterNanos;
                } else {
                    long wallElapsed = System.nanoTime() - wallStart - pausedNanos;
                    until = Math.min(stopAfterNanos, (long) (wallElapsed * settings.speed()));
                }
                block.clear();
                engine.generate(block, BATCH_ROWS, until);
                if (!block.isEmpty()) {
                    consumer.batch(new SourceBatch(block, List.of(), 0));
                }
                if (!settings.unpaced() && engine.simNanos() >= until) {
                    Thread.sleep(TICK_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.stateChanged(SourceState.STOPPED, "simulator stopped after "
                    + String.format(java.util.Locale.ROOT, "%.1f", engine.simNanos() / 1e9) + " simulated s");
        }
    }
}
