package io.taskscope.source;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;

/**
 * The machine a source describes.
 *
 * @param kind        live, sim or replay
 * @param description one line for people: "live: host (Linux 6.18.44)", "sim: build, 64 CPUs"
 * @param limits      cpulist bounds (nr_cpu_ids, NR_CPUS), for validating listener masks
 * @param possible    the CPUs that can ever exist (cpu_possible_mask)
 */
public record SourceInfo(SourceKind kind, String description, CpulistLimits limits, CpuSet possible) {

    public int cpuCount() {
        return limits.nrCpuIds();
    }
}
