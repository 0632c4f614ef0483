package io.taskscope.ui.base;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class StartupClockTest {

    private static final Pattern REPORT = Pattern.compile("start to first frame  (\\d+) ms \\(to main (\\d+) ms, "
            + "toolkit (\\d+) ms, window built (\\d+) ms, shown (\\d+) ms, first pulse (\\d+) ms; cpu (\\d+) ms\\)");

    @Test
    void theStepsAddUpToTheTotalFromTheProcessStart() {
        // Marks keep their first value, so in a JVM where the app already ran these calls change nothing; either way
        // all four are set now, in order.
        StartupClock.mainEntered();
        StartupClock.appStarted();
        StartupClock.windowBuilt();
        StartupClock.windowShown();
        StartupClock.firstFrame();

        Matcher m = REPORT.matcher(StartupClock.report());
        assertThat(m.matches()).as(StartupClock.report()).isTrue();
        long total = Long.parseLong(m.group(1));
        long steps = 0;
        for (int i = 2; i <= 6; i++) {
            steps += Long.parseLong(m.group(i));
        }
        // each step is rounded to the millisecond on its own
        assertThat(steps).isBetween(total - 5, total + 5);
        // the process (this test JVM) started before main was entered, and its start is seen in ticks (10 ms)
        assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(0);
        // this JVM has run code to get here
        assertThat(Long.parseLong(m.group(7))).isPositive();
    }
}
