package io.taskscope.ui.heatmap;

import io.taskscope.core.CpuSet;
import io.taskscope.ui.base.AxisLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimeAxisTest {

    /** 12:03:40 UTC on 14 March 2026: the newest second of a recording. */
    private static final long LATEST = Instant.parse("2026-03-14T12:03:40Z").getEpochSecond();

    private static StripLayout layout(double width, int seconds) {
        return new StripLayout(width, 200, CpuSet.range(0, 7).toArray(), seconds, 40, t -> t.length() * 6.5, 13);
    }

    private static List<AxisLabels.Placed> ticks(StripLayout l, boolean replay, ZoneId zone) {
        return TimeAxis.ticks(l, LATEST, replay, zone, t -> t.length() * 6.5);
    }

    @Test
    void aRunningSourceCountsSecondsBackToNow() {
        List<AxisLabels.Placed> ticks = ticks(layout(1200, 30), false, ZoneOffset.UTC);
        assertThat(ticks).extracting(AxisLabels.Placed::text).containsExactly("-30 s", "-25 s", "-20 s", "-15 s",
                "-10 s", "-5 s", "now");
    }

    @Test
    void aReplayIsLabelledWithTheRecordingsClock() {
        StripLayout l = layout(1200, 30);
        List<AxisLabels.Placed> ticks = ticks(l, true, ZoneOffset.UTC);
        assertThat(ticks).extracting(AxisLabels.Placed::text).containsExactly("12:03:15", "12:03:20", "12:03:25",
                "12:03:30", "12:03:35", "12:03:40");
        // each tick sits at the start of its second: 12:03:15 begins column 4 (the first column is 12:03:11)
        assertThat(ticks.get(0).center()).isCloseTo(l.columnX(4), within(1e-9));
        // the same moment in another zone reads as that zone's clock, as the tooltip's %tT does
        assertThat(ticks(l, true, ZoneId.of("Europe/Berlin"))).extracting(AxisLabels.Placed::text)
                .contains("13:03:40").doesNotContain("12:03:40");
    }

    @ParameterizedTest(name = "{1} s over {0} px, replay {2}")
    @CsvSource({"300,30,true", "300,30,false", "800,300,true", "800,300,false", "2000,300,true", "2000,60,false",
            "520,120,true", "3000,30,true"})
    void ticksNeverOverlapAndSayWhereTheyAre(double width, int seconds, boolean replay) {
        StripLayout l = layout(width, seconds);
        List<AxisLabels.Placed> ticks = ticks(l, replay, ZoneOffset.UTC);
        assertThat(ticks).hasSizeGreaterThanOrEqualTo(2);
        long first = LATEST - seconds + 1;
        for (int i = 0; i < ticks.size(); i++) {
            AxisLabels.Placed t = ticks.get(i);
            assertThat(t.start()).isGreaterThanOrEqualTo(0);
            assertThat(t.end()).isLessThanOrEqualTo(width);
            if (i > 0) {
                assertThat(t.start()).isGreaterThan(ticks.get(i - 1).end());
            }
            long second = replay ? LocalTime.parse(t.text()).toSecondOfDay() + Math.floorDiv(LATEST, 86_400) * 86_400
                    : t.text().equals("now") ? LATEST + 1 : LATEST + 1 - Long.parseLong(t.text().replace(" s", "").substring(1));
            assertThat(second).isBetween(first, LATEST + 1);
            assertThat(t.center()).isCloseTo(l.columnX(second - first), within(1e-6));
        }
    }
}
