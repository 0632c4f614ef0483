package io.taskscope.session.views;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowBudgetTest {

    @Test
    void tablesGetWhatTheyAskWhileTheBudgetLastsThenWhatIsLeftThenTheMinimum() {
        RowBudget budget = new RowBudget(25_000);
        assertThat(budget.take(10_000)).isEqualTo(10_000);
        assertThat(budget.take(10_000)).isEqualTo(10_000);
        assertThat(budget.take(10_000)).isEqualTo(5_000);
        assertThat(budget.take(10_000)).isEqualTo(RowBudget.MIN_ROWS);
        assertThat(budget.remaining()).isZero();
    }

    @Test
    void aSmallWishIsGrantedAsItIs() {
        RowBudget budget = new RowBudget(1_000_000);
        assertThat(budget.take(500)).isEqualTo(500);
        assertThat(budget.remaining()).isEqualTo(999_500);
    }

    @Test
    void aHeapOf256MbKeepsTenThousandRowsForTheWholeMachineAndTwelveListenersButNotSixtyFour() {
        RowBudget budget = RowBudget.forHeap(256L << 20);
        long rows = budget.remaining();
        assertThat(rows * RowBudget.BYTES_PER_ROW).isLessThanOrEqualTo((long) ((256L << 20) * RowBudget.HEAP_SHARE));
        assertThat(rows).isGreaterThanOrEqualTo(13 * 10_000L).isLessThan(65 * 10_000L);
    }

    @Test
    void theRowCostCountsEveryFieldOfTheRecord() {
        // 78 fields of 8 bytes dominate: a row of a table is far more than its handful of header columns
        assertThat(RowBudget.BYTES_PER_ROW).isGreaterThan(8L * io.taskscope.core.RecordBlock.FIELD_COUNT);
    }
}
