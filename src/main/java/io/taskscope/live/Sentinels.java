package io.taskscope.live;

import io.taskscope.live.nativeio.Affinity;
import io.taskscope.live.nativeio.NativeException;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Makes one short task exit pinned to a CPU, so that its record's {@code nlmsg_seq} shows how many records that CPU's
 * socket lost. The kernel numbers every exit on a CPU that has a listener ({@code prepare_reply()}:
 * {@code this_cpu_inc_return(taskstats_seqnum) - 1}), so a gap is exact, but only a later record shows it: after an
 * overflow at the end of a burst, on a CPU that then stays quiet, nothing would. A sentinel is that later record.
 * <p>
 * The exit is a Java thread named {@value #NAME} that pins itself to the CPU ({@code sched_setaffinity} migrates the
 * caller before it returns) and ends: an ordinary thread exit, received and shown like any other. Requests come from
 * the socket reader, which must not wait: it flags the CPU and unparks this helper's own thread.
 */
final class Sentinels implements AutoCloseable {

    /** The comm the sentinel exits carry (15 characters: the kernel's TASK_COMM_LEN - 1). */
    static final String NAME = "tscope-sentinel";

    private final AtomicIntegerArray wanted;
    private final BiConsumer<Integer, String> failed;
    private final AtomicLong made = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param failed told (cpu, why) when a sentinel cannot run on a CPU (e.g. a cpuset that excludes it) */
    Sentinels(int cpuCount, BiConsumer<Integer, String> failed) {
        this.wanted = new AtomicIntegerArray(cpuCount);
        this.failed = failed;
        this.thread = new Thread(this::run, "taskscope-live-sentinels");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Asks for a sentinel exit on {@code cpu}; returns at once. */
    void request(int cpu) {
        wanted.set(cpu, 1);
        LockSupport.unpark(thread);
    }

    /** Sentinel exits made so far. */
    long made() {
        return made.get();
    }

    private void run() {
        while (running) {
            boolean any = false;
            for (int cpu = 0; cpu < wanted.length(); cpu++) {
                if (wanted.getAndSet(cpu, 0) == 1) {
                    any = true;
                    exitOn(cpu);
                }
            }
            if (!any) {
                LockSupport.parkNanos(this, 200_000_000L);
            }
        }
    }

    private void exitOn(int cpu) {
        String[] problem = new String[1];
        Thread sentinel = new Thread(() -> {
            try {
                Affinity.pinCurrentThread(cpu);
            } catch (NativeException e) {
                problem[0] = e.getMessage();
            }
        }, NAME);
        sentinel.setDaemon(true);
        sentinel.start();
        try {
            sentinel.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (problem[0] != null) {
            failed.accept(cpu, problem[0]);
        } else {
            made.incrementAndGet();
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
