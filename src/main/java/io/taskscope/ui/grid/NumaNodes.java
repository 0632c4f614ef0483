package io.taskscope.ui.grid;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.CpulistParse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NUMA nodes and their CPUs: from /sys/devices/system/node when the machine's CPU count matches this host's,
 * otherwise groups of up to 16 consecutive CPUs (how the simulator lays its machines out).
 */
public final class NumaNodes {
    private NumaNodes() {
    }

    public static List<CpuSet> of(int cpus) {
        List<CpuSet> host = hostNodes();
        int hostCpus = host.stream().mapToInt(n -> n.last() + 1).max().orElse(0);
        if (!host.isEmpty() && hostCpus == cpus) {
            return host;
        }
        int nodes = Math.max(1, Math.min(8, cpus / 16));
        List<CpuSet> out = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            out.add(CpuSet.range((int) ((long) cpus * i / nodes), (int) ((long) cpus * (i + 1) / nodes) - 1));
        }
        return out;
    }

    /** This host's nodes from /sys/devices/system/node (empty when it does not say). */
    public static List<CpuSet> host() {
        return hostNodes();
    }

    private static List<CpuSet> hostNodes() {
        List<CpuSet> out = new ArrayList<>();
        for (int node = 0; node < 1024; node++) {
            Path list = Path.of("/sys/devices/system/node/node" + node + "/cpulist");
            if (!Files.isReadable(list)) {
                break;
            }
            try {
                CpulistParse p = CpuSet.parse(Files.readString(list).strip(),
                        CpulistLimits.forMachine(CpulistLimits.MAX_CPUS));
                if (p instanceof CpulistParse.Parsed ok && !ok.cpus().isEmpty()) {
                    out.add(ok.cpus());
                }
            } catch (IOException e) {
                break;
            }
        }
        return out;
    }
}
