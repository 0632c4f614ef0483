package io.taskscope.ui.shell;

import io.taskscope.ui.shell.IntroductionText.Running;
import io.taskscope.ui.shell.IntroductionText.Showing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The introduction calls the source under it by what it is (issue 15, item 10). */
class IntroductionTextTest {

    @Test
    void eachSourceIsNamedWithItsMachineAndOnlyTheSimulatorIsCalledSo() {
        assertThat(IntroductionText.intro(new Running(Showing.SIMULATOR, "build", 64)))
                .endsWith("the built-in simulator: a busy machine of 64 CPUs (profile build), so every view is alive:");
        assertThat(IntroductionText.intro(new Running(Showing.LIVE, "vm (Linux 6.18)", 2)))
                .endsWith("this machine, vm (Linux 6.18), live: the exits on its 2 CPUs as its kernel sends them:");
        assertThat(IntroductionText.intro(new Running(Showing.STREAM, "pkexec helper", 1)))
                .contains("a live stream from the pkexec helper").contains("that machine's 1 CPU as");
        assertThat(IntroductionText.intro(new Running(Showing.RECORDING, "box.tsk", 16)))
                .contains("the recording box.tsk, replaying: the exits on its 16 CPUs as they were recorded");
        for (Showing other : new Showing[]{Showing.LIVE, Showing.STREAM, Showing.RECORDING}) {
            assertThat(IntroductionText.intro(new Running(other, "x", 4))).doesNotContainIgnoringCase("simulator");
        }
    }

    @Test
    void theClosingLineFitsTheSource() {
        assertThat(IntroductionText.next(new Running(Showing.SIMULATOR, "build", 64))).startsWith("To watch this "
                + "machine's real exits: Source → Live");
        assertThat(IntroductionText.next(new Running(Showing.LIVE, "vm", 2))).startsWith("These are real exits.")
                .contains("Source → Simulator (Ctrl+1)");
        assertThat(IntroductionText.next(new Running(Showing.RECORDING, "box.tsk", 16))).startsWith("The replay bar");
        assertThat(IntroductionText.next(new Running(Showing.STREAM, "remote box", 8)))
                .startsWith("The remote box holds the privileges");
    }
}
