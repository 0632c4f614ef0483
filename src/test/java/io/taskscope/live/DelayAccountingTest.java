package io.taskscope.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DelayAccountingTest {

    @Test
    void enableRestoresWhatWasThere(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("task_delayacct");
        Files.writeString(file, "0\n");
        DelayAccounting sysctl = new DelayAccounting(file);
        try (DelayAccounting.Restore restore = sysctl.enable()) {
            assertThat(sysctl.isOn()).isTrue();
        }
        assertThat(sysctl.isOn()).isFalse();
    }

    @Test
    void enableLeavesAnOnSwitchOn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("task_delayacct");
        Files.writeString(file, "1\n");
        DelayAccounting sysctl = new DelayAccounting(file);
        try (DelayAccounting.Restore restore = sysctl.enable()) {
            assertThat(sysctl.isOn()).isTrue();
        }
        assertThat(sysctl.isOn()).isTrue();
    }

    @Test
    void missingSysctlIsUnavailable(@TempDir Path dir) {
        assertThat(new DelayAccounting(dir.resolve("nope")).available()).isFalse();
    }
}
