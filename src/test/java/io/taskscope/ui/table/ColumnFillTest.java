package io.taskscope.ui.table;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnFillTest {

    @Test
    void columnsStretchAlikeToFillTheWidthTheLastTakingTheRounding() {
        double[] w = ColumnFill.widths(new double[]{100, 50, 50}, 401);
        assertThat(w[0]).isEqualTo(200);
        assertThat(w[1]).isEqualTo(100);
        assertThat(w[2]).isEqualTo(101);
        assertThat(w[0] + w[1] + w[2]).isEqualTo(401);
    }

    @Test
    void columnsThatNeedMoreThanTheWidthKeepTheirNaturalWidths() {
        assertThat(ColumnFill.widths(new double[]{300, 200}, 400)).containsExactly(300, 200);
        assertThat(ColumnFill.widths(new double[]{}, 400)).isEmpty();
    }
}
