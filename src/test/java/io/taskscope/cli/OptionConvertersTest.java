package io.taskscope.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionConvertersTest {

    @Test
    void durations() {
        DurationOption d = new DurationOption();
        assertThat(d.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(d.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(d.convert("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Arrays.asList("", "ten", "5 parsecs")).allSatisfy(bad ->
                assertThatThrownBy(() -> d.convert(bad)).isInstanceOf(picocli.CommandLine.TypeConversionException.class));
    }

    @Test
    void byteSizes() {
        ByteSizeOption b = new ByteSizeOption();
        assertThat(b.convert("4194304")).isEqualTo(4194304L);
        assertThat(b.convert("64k")).isEqualTo(64L << 10);
        assertThat(b.convert("256M")).isEqualTo(256L << 20);
        assertThat(b.convert("1GiB")).isEqualTo(1L << 30);
        assertThat(b.convert(" 2 mb ")).isEqualTo(2L << 20);
        assertThat(Arrays.asList("", "big", "-1", "1T", "1.5M", "99999999999999999999G")).allSatisfy(bad ->
                assertThatThrownBy(() -> b.convert(bad)).isInstanceOf(picocli.CommandLine.TypeConversionException.class));
    }
}
