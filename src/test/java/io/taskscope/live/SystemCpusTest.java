package io.taskscope.live;

import io.taskscope.core.CpuSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SystemCpusTest {

    @Test
    void readsPossibleOnlineAndKernelMax(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("possible"), "0-7\n");
        Files.writeString(dir.resolve("online"), "0-3,6\n");
        Files.writeString(dir.resolve("kernel_max"), "255\n");
        SystemCpus cpus = SystemCpus.read(dir);
        assertThat(cpus.possible()).isEqualTo(CpuSet.range(0, 7));
        assertThat(cpus.online().toCpulist()).isEqualTo("0-3,6");
        assertThat(cpus.nrCpus()).isEqualTo(256);
        assertThat(cpus.limits().nrCpuIds()).isEqualTo(8);
        assertThat(cpus.limits().maxTextLength()).isEqualTo(100 + 6 * 256 - 1);
    }

    @Test
    void refusesGarbage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("possible"), "zero\n");
        Files.writeString(dir.resolve("online"), "0\n");
        assertThatThrownBy(() -> SystemCpus.read(dir)).isInstanceOf(IOException.class).hasMessageContaining("EINVAL");
    }

    @Test
    void thisMachine() throws IOException {
        SystemCpus cpus = SystemCpus.read();
        assertThat(cpus.online().isSubsetOf(cpus.possible())).isTrue();
        assertThat(cpus.nrCpus()).isGreaterThanOrEqualTo(cpus.possible().last() + 1);
    }

    @Test
    void numericSysctlsAreReadWhole() throws IOException {
        // proc_dointvec answers only a read at offset 0: a naive reader gets "4" of "4194304".
        Path rmemMax = Path.of("/proc/sys/net/core/rmem_max");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(rmemMax), rmemMax + " is not readable here");
        assertThat(ProcFiles.read(rmemMax)).matches("\\d+").hasSizeGreaterThan(2);
    }
}
