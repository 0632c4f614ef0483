package io.taskscope.ui.grid;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HeatLegendTest {

    @ParameterizedTest(name = "{0} exits/s reads {1}")
    @CsvSource({"1,1.0", "0.25,0.3", "12,12", "123,120", "999,1000", "1234,1.2k", "2000,2.0k", "56789,57k",
            "123456,120k", "3456789,3.5M"})
    void theScaleReadsInTwoDigits(double rate, String text) {
        assertThat(HeatLegend.rate(rate)).isEqualTo(text);
    }
}
