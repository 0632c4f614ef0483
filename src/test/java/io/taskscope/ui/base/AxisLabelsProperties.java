package io.taskscope.ui.base;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Labels along an axis: whatever is asked, none overlaps another or leaves the axis. */
class AxisLabelsProperties {

    @Provide
    Arbitrary<List<AxisLabels.Candidate>> candidates() {
        Arbitrary<String> text = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(14);
        Arbitrary<Double> center = Arbitraries.doubles().between(-50, 1050);
        return net.jqwik.api.Combinators.combine(text, center).as(AxisLabels.Candidate::new).list().ofMaxSize(60);
    }

    @Property(tries = 500)
    void placedLabelsNeverOverlapAndStayOnTheAxis(@ForAll("candidates") List<AxisLabels.Candidate> candidates,
                                                  @ForAll @DoubleRange(min = 0, max = 1000) double length,
                                                  @ForAll @DoubleRange(min = 0, max = 20) double gap,
                                                  @ForAll @DoubleRange(min = 1, max = 12) double charWidth) {
        List<AxisLabels.Placed> placed = AxisLabels.place(candidates, t -> t.length() * charWidth, 0, length, gap);
        for (int i = 0; i < placed.size(); i++) {
            AxisLabels.Placed p = placed.get(i);
            assertThat(p.start()).isGreaterThanOrEqualTo(0);
            assertThat(p.end()).isLessThanOrEqualTo(length + 1e-9);
            assertThat(p.end() - p.start()).isCloseTo(p.text().length() * charWidth, org.assertj.core.data.Offset.offset(1e-9));
            if (i > 0) {
                assertThat(p.start()).as("a gap after the previous label").isGreaterThanOrEqualTo(placed.get(i - 1).end() + gap - 1e-9);
            }
        }
    }

    @Property(tries = 300)
    void theFirstCandidateIsKeptWheneverItFits(@ForAll("candidates") List<AxisLabels.Candidate> candidates,
                                               @ForAll @IntRange(min = 100, max = 1000) int length) {
        List<AxisLabels.Placed> placed = AxisLabels.place(candidates, t -> t.length() * 7.0, 0, length, 4);
        if (!candidates.isEmpty()) {
            assertThat(placed).extracting(AxisLabels.Placed::text).contains(candidates.get(0).text());
        }
    }

    @Test
    void aLabelAtTheEdgeIsNudgedInsideAndNeighboursThatWouldTouchItAreSkipped() {
        List<AxisLabels.Placed> placed = AxisLabels.place(List.of(new AxisLabels.Candidate("now", 300),
                new AxisLabels.Candidate("-5 s", 290), new AxisLabels.Candidate("-10 s", 220)), t -> t.length() * 10.0,
                0, 300, 6);
        assertThat(placed).extracting(AxisLabels.Placed::text).containsExactly("-10 s", "now");
        assertThat(placed.get(1).start()).isEqualTo(270); // "now" ends at the axis' end, not beyond
    }

    @Test
    void theStepIsTheSmallestRungThatLeavesRoom() {
        assertThat(AxisLabels.step(20, 15, 1, 2, 4)).isEqualTo(1);
        assertThat(AxisLabels.step(5, 15, 1, 2, 4)).isEqualTo(4);
        assertThat(AxisLabels.step(1, 15, 1, 2, 4)).isEqualTo(16); // past the ladder: its last rung doubled
        assertThat(AxisLabels.step(36, 60, 5, 10, 15)).isEqualTo(5);
    }
}
