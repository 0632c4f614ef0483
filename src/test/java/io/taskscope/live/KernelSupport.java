package io.taskscope.live;

import io.taskscope.core.ExitRecord;
import io.taskscope.live.nativeio.NetlinkSocket;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceState;
import io.taskscope.taskstats.FamilyReply;
import io.taskscope.testing.Await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

import static io.taskscope.testing.KernelUnavailable.assumeKernel;

/** What the real-kernel tests need: the preconditions (with a visible skip reason), a helper binary, a consumer. */
final class KernelSupport {
    private KernelSupport() {
    }

    private static String unavailable;

    /** Skips the calling test, saying why, unless this process can register taskstats listeners. */
    static synchronized void assumeLiveTaskstats() {
        if (unavailable == null) {
            unavailable = probe();
        }
        assumeKernel(unavailable.isEmpty(), unavailable);
    }

    private static String probe() {
        if (!System.getProperty("os.name").equals("Linux")) {
            return "needs Linux";
        }
        if (!KernelFacts.hasCapability(KernelFacts.CAP_NET_ADMIN)) {
            return "needs root or CAP_NET_ADMIN to register taskstats listeners";
        }
        try (NetlinkSocket socket = NetlinkSocket.open()) {
            FamilyReply reply = new TaskstatsChannel(socket).resolveFamily();
            return reply instanceof FamilyReply.Found ? "" : "the kernel has no TASKSTATS family: " + reply;
        } catch (IOException | RuntimeException | LinkageError e) {
            return "no netlink here: " + e;
        }
    }

    static int onlineCpuCount() throws IOException {
        return SystemCpus.read().online().size();
    }

    private static Path helper;

    /** src/test/c/exiter.c, compiled once per run into target/. */
    static synchronized Path exiter() throws IOException, InterruptedException {
        if (helper == null) {
            Path out = Path.of("target", "test-helpers", "exiter").toAbsolutePath();
            Files.createDirectories(out.getParent());
            Process gcc = new ProcessBuilder("gcc", "-O1", "-pthread", "-o", out.toString(),
                    Path.of("src", "test", "c", "exiter.c").toAbsolutePath().toString()).inheritIO().start();
            if (gcc.waitFor() != 0) {
                throw new IOException("gcc could not build the exiter helper");
            }
            helper = out;
        }
        return helper;
    }

    /** Runs {@code command} pinned to {@code cpu} and returns its pid (taskset execs it, so the pid is kept). */
    static long runPinned(int cpu, String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu)));
        argv.addAll(List.of(command));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        return p.pid();
    }

    /** Starts {@code command} pinned to {@code cpu} and returns at once; its output is discarded. */
    static Process startPinned(int cpu, String... command) throws IOException {
        List<String> argv = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu)));
        argv.addAll(List.of(command));
        return new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * A block device where a direct write really sleeps in io_schedule() (and so in delayacct_blkio_start()), or
     * empty. A checkout on tmpfs, 9p or virtiofs has no block device, and one on zram (or brd, or pmem) has one that
     * completes each bio inside submit_bio(), so dd never waits: CI counted no block-I/O delay for dd on both kinds.
     * A loop device on a file in {@code scratch} hands each bio to its worker thread, wherever that file lives.
     * Without the loop driver, the first of {@code candidates} on a block device that makes a direct writer wait
     * will do.
     */
    static Optional<DirectIoTarget> directIoTarget(Path scratch, Path... candidates)
            throws IOException, InterruptedException {
        Optional<DirectIoTarget> loop = LoopDevice.attach(scratch, 16 << 20);
        if (loop.isPresent()) {
            return loop;
        }
        Optional<Path> disk = diskBackedDirectory(candidates);
        if (disk.isEmpty()) {
            return Optional.empty();
        }
        Path file = Files.createTempFile(disk.get(), "direct-io", ".bin");
        return Optional.of(new DirectIoTarget(file, () -> Files.deleteIfExists(file)));
    }

    /** Where dd writes ({@code of=}), and what undoes it. */
    record DirectIoTarget(Path path, AutoCloseable undo) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            undo.close();
        }
    }

    /** A loop device over a sparse file, attached with losetup and detached (and the file deleted) on close. */
    private static final class LoopDevice {
        static Optional<DirectIoTarget> attach(Path scratch, long bytes) throws IOException, InterruptedException {
            Path backing = Files.createTempFile(scratch, "loop", ".img");
            String device = "";
            try {
                try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(backing.toFile(), "rw")) {
                    f.setLength(bytes);
                }
                Process losetup;
                try {
                    losetup = new ProcessBuilder("losetup", "--find", "--show", backing.toString())
                            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                } catch (IOException noLosetup) {
                    Files.deleteIfExists(backing);
                    return Optional.empty();
                }
                device = new String(losetup.getInputStream().readAllBytes()).trim();
                if (!finished(losetup) || losetup.exitValue() != 0 || !device.startsWith("/dev/")) {
                    Files.deleteIfExists(backing); // no loop driver, no free device: the disk will do
                    return Optional.empty();
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                detach(device, backing);
                throw e;
            }
            String attached = device;
            return Optional.of(new DirectIoTarget(Path.of(attached), () -> detach(attached, backing)));
        }

        /** Detaches {@code device} (when one was attached) and deletes the file; says so when it cannot. */
        private static void detach(String device, Path backing) throws IOException, InterruptedException {
            try {
                if (device.startsWith("/dev/")) {
                    Process p = new ProcessBuilder("losetup", "--detach", device)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                    if (!finished(p) || p.exitValue() != 0) {
                        throw new IOException("losetup --detach " + device + " failed: it is still attached to "
                                + backing);
                    }
                }
            } finally {
                Files.deleteIfExists(backing);
            }
        }

        private static boolean finished(Process p) throws InterruptedException {
            if (p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                return true;
            }
            p.destroyForcibly();
            return false;
        }
    }

    /**
     * Whether a block device (its sysfs directory; a partition's parent is its disk) is one of those that complete
     * each bio inside submit_bio(), so a writer never sleeps: zram, brd's ram disks and pmem (its BTT too). A loop
     * device, device-mapper and md hand their bios on to another thread or disk, and do sleep.
     */
    static boolean completesInSubmit(Path sysfsDevice) {
        Path dev = Files.exists(sysfsDevice.resolve("partition")) ? sysfsDevice.getParent() : sysfsDevice;
        String name = dev.getFileName().toString();
        return name.startsWith("zram") || name.matches("ram\\d+") || name.startsWith("pmem");
    }

    /** The first of {@code candidates} on a filesystem whose block device makes a direct writer wait. */
    static Optional<Path> diskBackedDirectory(Path... candidates) throws IOException {
        List<String[]> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            mounts.add(new String[] {unescapeMountPoint(f[4]), f[2]});
        }
        for (Path candidate : candidates) {
            if (!Files.isDirectory(candidate) || !Files.isWritable(candidate)) {
                continue;
            }
            String real = candidate.toRealPath().toString();
            String device = null;
            int longest = -1;
            for (String[] mount : mounts) { // the last of equally long mount points is the one on top
                String point = mount[0];
                boolean under = real.equals(point) || point.equals("/")
                        || real.startsWith(point.endsWith("/") ? point : point + "/");
                if (under && point.length() >= longest) {
                    longest = point.length();
                    device = mount[1];
                }
            }
            Path sysfs = device == null ? null : Path.of("/sys/dev/block", device);
            if (sysfs != null && Files.exists(sysfs) && !completesInSubmit(sysfs.toRealPath())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Mount points in mountinfo escape space, tab, newline and backslash as octal (show_mountinfo()). */
    private static String unescapeMountPoint(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The kernel's own count of messages dropped on the netlink socket with port id {@code port}: the Drops column
     * of /proc/net/netlink (sk_drops), read independently of the collector.
     */
    static long kernelDrops(int port) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/net/netlink"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 9 && f[1].equals("16") && f[2].equals(Integer.toUnsignedString(port))) {
                return Long.parseLong(f[8]);
            }
        }
        throw new IOException("no netlink socket with port id " + port + " in /proc/net/netlink");
    }

    /** Keeps everything a source hands over; can hold its thread back to simulate a stalled reader. */
    static final class Collector implements SourceConsumer {
        final List<ExitRecord> records = new ArrayList<>();
        /** Registered mode: what each listener's own socket got, by listener name, as placed on CPUs. */
        final java.util.Map<String, List<ExitRecord>> copies = new java.util.HashMap<>();
        final List<LossEvent> losses = new ArrayList<>();
        final List<String> states = new ArrayList<>();
        long stale;
        private volatile CountDownLatch gate;

        @Override
        public void batch(SourceBatch batch) {
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                for (int row = 0; row < batch.records().size(); row++) {
                    records.add(batch.records().record(row));
                }
                if (batch.copies() != null) {
                    for (int row = 0; row < batch.copies().records().size(); row++) {
                        copies.computeIfAbsent(batch.copies().listener(row), k -> new ArrayList<>())
                                .add(batch.copies().records().record(row));
                    }
                }
                losses.addAll(batch.losses());
                stale += batch.stale();
                notifyAll();
            }
        }

        @Override
        public synchronized void stateChanged(SourceState state, String detail) {
            states.add(state + ": " + detail);
        }

        void pause() {
            gate = new CountDownLatch(1);
        }

        void resume() {
            CountDownLatch g = gate;
            gate = null;
            if (g != null) {
                g.countDown();
            }
        }

        /** Waits until at least {@code atLeast} records match; fails if they have not come within Await.PATIENCE. */
        synchronized List<ExitRecord> await(Predicate<ExitRecord> which, int atLeast) throws InterruptedException {
            long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
            while (true) {
                List<ExitRecord> found = records.stream().filter(which).toList();
                long left = deadline - System.nanoTime();
                if (found.size() >= atLeast) {
                    return found;
                }
                if (left <= 0) {
                    throw new AssertionError("waited " + Await.PATIENCE.toSeconds() + " s for " + atLeast
                            + " matching records, in vain: " + found.size() + " came");
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }

        synchronized long lostOn(int cpu) {
            return losses.stream().filter(l -> l.cpu() == cpu).mapToLong(LossEvent::records).sum();
        }

        synchronized long lostOn(int cpu, LossEvent.Origin origin) {
            return losses.stream().filter(l -> l.cpu() == cpu && l.origin() == origin).mapToLong(LossEvent::records)
                    .sum();
        }

        synchronized long overflowsOn(int cpu) {
            return losses.stream().filter(l -> l.cpu() == cpu && l.cause() == LossEvent.Cause.ENOBUFS).count();
        }
    }
}
