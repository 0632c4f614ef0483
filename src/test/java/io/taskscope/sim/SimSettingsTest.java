package io.taskscope.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimSettingsTest {

    @Test
    void nanRateMeansTheProfilesDefault() {
        assertThat(SimSettings.of(Profile.FORK_STORM, 64, Double.NaN, 1, 1).rate()).isEqualTo(200_000);
    }

    @Test
    void refusesWhatMakesNoSenseAndSaysWhatIsAllowed() {
        assertThatThrownBy(() -> SimSettings.of(Profile.BUILD, 0, 10, 1, 1)).hasMessageContaining("1..8192");
        assertThatThrownBy(() -> SimSettings.of(Profile.BUILD, 8193, 10, 1, 1)).hasMessageContaining("1..8192");
        assertThatThrownBy(() -> SimSettings.of(Profile.BUILD, 4, -1, 1, 1)).hasMessageContaining("(0, 10,000,000]");
        assertThatThrownBy(() -> SimSettings.of(Profile.BUILD, 4, 1e12, 1, 1)).hasMessageContaining("(0, 10,000,000]");
        assertThatThrownBy(() -> SimSettings.of(Profile.BUILD, 4, 10, 1, -2)).hasMessageContaining("--speed");
        assertThat(SimSettings.problems(0, -1, -1)).hasSize(3);
    }

    @Test
    void profilesByName() {
        assertThat(Profile.byName("memory-pressure")).isEqualTo(Profile.MEMORY_PRESSURE);
        assertThat(Profile.byName("nope")).isNull();
        assertThat(Profile.names()).contains("desktop").contains("container-host");
    }

    @Test
    void extremeMachinesWork() {
        SimEngine one = new SimEngine(Profile.DESKTOP, 1, 1, 1, 0);
        io.taskscope.core.RecordBlock block = new io.taskscope.core.RecordBlock(16);
        one.generate(block, 1000, 10_000_000_000L);
        assertThat(block.size()).isBetween(3, 30); // 1 exit/s for 10 s
        SimEngine big = new SimEngine(Profile.CONTAINER_HOST, 8192, 1_000_000, 1, 0);
        block.clear();
        big.generate(block, 100_000, 50_000_000L);
        assertThat(block.size()).isBetween(45_000, 56_000); // 1M/s for 50 ms
        assertThat(java.util.stream.IntStream.range(0, block.size()).map(block::cpu).max().orElseThrow()).isGreaterThan(8000);
    }
}
