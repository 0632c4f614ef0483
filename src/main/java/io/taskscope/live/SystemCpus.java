package io.taskscope.live;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.CpulistParse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPUs of this machine as sysfs tells them ({@code /sys/devices/system/cpu}): possible (every CPU that can ever
 * exist, which bounds cpulists), online (where tasks can run and exit now) and kernel_max (NR_CPUS - 1).
 *
 * @param possible cpu_possible_mask
 * @param online   cpu_online_mask
 * @param nrCpus   CONFIG_NR_CPUS
 */
public record SystemCpus(CpuSet possible, CpuSet online, int nrCpus) {

    public static final Path SYSFS = Path.of("/sys/devices/system/cpu");

    public static SystemCpus read() throws IOException {
        return read(SYSFS);
    }

    /** Reads from {@code dir} (a copy of /sys/devices/system/cpu in tests). */
    public static SystemCpus read(Path dir) throws IOException {
        CpuSet possible = readList(dir.resolve("possible"));
        int nrCpus = possible.last() + 1;
        Path kernelMax = dir.resolve("kernel_max");
        if (Files.exists(kernelMax)) {
            nrCpus = Math.max(nrCpus, Integer.parseInt(ProcFiles.read(kernelMax)) + 1);
        }
        return new SystemCpus(possible, readOnline(dir), Math.min(nrCpus, CpulistLimits.MAX_CPUS));
    }

    public static CpuSet readOnline(Path dir) throws IOException {
        return readList(dir.resolve("online"));
    }

    private static CpuSet readList(Path file) throws IOException {
        String text = ProcFiles.read(file);
        CpulistParse parsed = CpuSet.parse(text, CpulistLimits.forMachine(CpulistLimits.MAX_CPUS));
        if (parsed instanceof CpulistParse.Refused refused) {
            throw new IOException(file + ": " + refused.error().describe());
        }
        return parsed.orElseThrow();
    }

    /** The bounds the kernel checks a taskstats cpumask against on this machine. */
    public CpulistLimits limits() {
        return new CpulistLimits(possible.last() + 1, Math.max(nrCpus, possible.last() + 1));
    }
}
