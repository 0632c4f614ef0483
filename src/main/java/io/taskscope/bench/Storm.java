package io.taskscope.bench;

import io.taskscope.core.CpuSet;
import io.taskscope.live.PinnedExits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load of the live benchmark: short-lived threads on every online CPU, as fast as the machine makes them. Where
 * the project's tools are at hand it is exactly {@code storm-compare}'s storm: one {@code tstorm} per CPU (pinned,
 * 8 threads at a time, {@code threads} of them, then its own exit), built with gcc. Otherwise the same shape from
 * inside the JVM ({@link PinnedExits}) for a fixed time. Every exit carries a command name starting with
 * {@link #COMM_PREFIX}, so what each listener received of the storm can be counted by name.
 */
abstract class Storm {

    static final String COMM_PREFIX = "tscmp";

    /** One run: exits made and how long it took. */
    record Run(long exits, long nanos) {
        double exitsPerSecond() {
            return exits / (nanos / 1e9);
        }
    }

    abstract Run run(CpuSet cpus) throws IOException, InterruptedException;

    abstract String describe();

    /** The same storm, a tenth as long: for warming up. */
    abstract Storm shorter();

    /** storm-compare's tstorm, built from {@code source} into {@code binDir}. */
    static Storm tstorm(Path source, Path binDir, int threadsPerCpu) throws IOException, InterruptedException {
        Path binary = Tools.build(source, binDir, "tstorm", "-pthread");
        return new Storm() {
            @Override
            Run run(CpuSet cpus) throws IOException, InterruptedException {
                List<Process> storms = new ArrayList<>();
                long start = System.nanoTime();
                for (int cpu = cpus.nextCpu(0); cpu >= 0; cpu = cpus.nextCpu(cpu + 1)) {
                    storms.add(new ProcessBuilder(binary.toString(), Integer.toString(cpu),
                            Integer.toString(threadsPerCpu), COMM_PREFIX + cpu, "8")
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                }
                for (Process p : storms) {
                    if (p.waitFor() != 0) {
                        throw new IOException("tstorm exited with " + p.exitValue());
                    }
                }
                // each tstorm makes its threads' exits, then its own
                return new Run((threadsPerCpu + 1L) * storms.size(), System.nanoTime() - start);
            }

            @Override
            String describe() {
                return "tstorm (" + source + "): " + threadsPerCpu + " threads per CPU, 8 at a time";
            }

            @Override
            Storm shorter() {
                try {
                    return tstorm(source, binDir, Math.max(1000, threadsPerCpu / 10));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** The same shape without gcc: a generator thread pinned to each CPU starts and joins native threads. */
    static Storm builtIn(java.time.Duration length) {
        return new Storm() {
            @Override
            Run run(CpuSet cpus) throws InterruptedException {
                AtomicBoolean stop = new AtomicBoolean();
                LongAdder created = new LongAdder();
                List<Thread> generators = new ArrayList<>();
                for (int cpu = cpus.nextCpu(0); cpu >= 0; cpu = cpus.nextCpu(cpu + 1)) {
                    int pinned = cpu;
                    // the native threads inherit this thread's name as their comm
                    generators.add(new Thread(() -> generate(pinned, stop, created), COMM_PREFIX + cpu));
                }
                long start = System.nanoTime();
                generators.forEach(Thread::start);
                Thread.sleep(length.toMillis());
                stop.set(true);
                for (Thread g : generators) {
                    g.join();
                }
                return new Run(created.sum(), System.nanoTime() - start);
            }

            @Override
            String describe() {
                return "built-in (no tstorm.c or gcc): native threads on every CPU for " + length.toSeconds() + " s";
            }

            @Override
            Storm shorter() {
                return builtIn(length.dividedBy(10));
            }
        };
    }

    private static void generate(int cpu, AtomicBoolean stop, LongAdder created) {
        PinnedExits exits = new PinnedExits(cpu);
        while (!stop.get()) {
            exits.make(8);
            created.add(8);
        }
    }

    /** Building the project's C tools with gcc. */
    static final class Tools {
        private Tools() {
        }

        static boolean gccPresent() {
            try {
                return new ProcessBuilder("gcc", "--version").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        static Path build(Path source, Path binDir, String name, String... flags) throws IOException, InterruptedException {
            Files.createDirectories(binDir);
            Path binary = binDir.resolve(name);
            List<String> argv = new ArrayList<>(List.of("gcc", "-O2"));
            argv.addAll(List.of(flags));
            argv.addAll(List.of("-o", binary.toString(), source.toString()));
            Process gcc = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(gcc.getInputStream().readAllBytes());
            if (gcc.waitFor() != 0) {
                throw new IOException("gcc could not build " + source + ": " + out.strip());
            }
            return binary;
        }
    }
}
