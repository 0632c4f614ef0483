package io.taskscope.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code kernel.task_delayacct} sysctl (off by default since Linux 5.14). Only tasks forked while it is on get
 * block I/O, swap-in, reclaim, thrashing, compaction, write-protect-copy and IRQ delays: the kernel allocates
 * {@code tsk->delays} at fork. CPU delay comes from sched_info and is filled either way.
 */
public final class DelayAccounting {

    public static final Path SYSCTL = Path.of("/proc/sys/kernel/task_delayacct");

    private final Path file;

    public DelayAccounting() {
        this(SYSCTL);
    }

    DelayAccounting(Path file) {
        this.file = file;
    }

    /** Whether the sysctl exists (CONFIG_TASK_DELAY_ACCT on a 5.14+ kernel). */
    public boolean available() {
        return Files.isReadable(file);
    }

    public boolean isOn() throws IOException {
        return ProcFiles.read(file).equals("1");
    }

    /** Writes the sysctl (needs CAP_SYS_ADMIN). */
    public void set(boolean on) throws IOException {
        Files.writeString(file, on ? "1\n" : "0\n");
    }

    /** Switches it on and returns an action that puts the previous value back. */
    public Restore enable() throws IOException {
        boolean before = isOn();
        if (!before) {
            set(true);
        }
        return () -> {
            if (!before) {
                set(false);
            }
        };
    }

    /** Undoes {@link #enable()}. */
    @FunctionalInterface
    public interface Restore extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    public static final String ENABLE_COMMAND = "sudo sysctl kernel.task_delayacct=1";
}
