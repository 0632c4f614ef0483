package io.taskscope.cli;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import io.taskscope.live.SystemCpus;
import io.taskscope.ui.source.HelperCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The privileged helper refuses before anything starts, and runs exactly what was accepted. */
class PrivilegedHelperTest {

    /** An 8-CPU machine. */
    private static final SystemCpus EIGHT = new SystemCpus(CpuSet.range(0, 7), CpuSet.range(0, 7), 8);

    private final List<List<String>> started = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PrivilegedHelper.run(List.of(args), EIGHT, new PrintStream(err, true, StandardCharsets.UTF_8),
                command -> {
                    started.add(command);
                    return 0;
                });
    }

    @Test
    void aRefusalExitsTwoSaysWhyAndStartsNothing() {
        for (String[] args : new String[][]{{}, {"gui"}, {"stats", "x"},
                {"record", "--source", "live", "-o", "/etc/passwd"},
                {"record", "--source", "live", "-o", "-", "--some-unknown"},
                {"record", "--source", "live", "-o", "-", "--listener", "a=0-x"}}) {
            err.reset();
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(PrivilegedHelper.EXIT_REFUSED);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("taskscope-helper: refused: ");
        }
        assertThat(started).isEmpty();
    }

    @Test
    void anAcceptedCommandRunsOnceAsRebuilt() {
        assertThat(run("record", "-o", "-", "--source", "live", "--listener", "a=0-3")).isZero();
        assertThat(started).containsExactly(List.of("record", "--source", "live", "-o", "-", "--listener=a=0-3"));
        assertThat(err.size()).isZero();
    }

    /**
     * The window's pkexec command, after pkexec and the helper, is one the helper accepts, listeners and all; masks
     * from a bigger simulated machine are cut to this one.
     */
    @Test
    void whatTheWindowAsksForIsAccepted() {
        ListenerSet listeners = ListenerSet.empty().add("web", CpuSet.range(0, 3)).add("idle", CpuSet.empty())
                .add("a=b", CpuSet.range(4, 5)).add("-o", CpuSet.range(6, 7)).add("big", CpuSet.range(4, 63));
        List<String> pkexec = HelperCommand.pkexec(listeners);
        int record = pkexec.indexOf("record");
        assertThat(run(pkexec.subList(record, pkexec.size()).toArray(String[]::new))).isZero();
        assertThat(started).containsExactly(List.of("record", "--source", "live", "-o", "-", "--listener=web=0-3",
                "--listener=idle=", "--listener=big=4-7"));
    }

    /** The real entry point in its own JVM: refused, exit 2, nothing on stdout, and the file asked for never made. */
    @Test
    void theHelperProgramRefusesAnOutputFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("passwd");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HelperCommand.HELPER_MAIN,
                "record", "--source", "live", "-o", file.toString()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(stderr).isEqualTo(PrivilegedHelper.EXIT_REFUSED);
        assertThat(stderr).contains("refused").contains("standard output (-o -)");
        assertThat(out).isEmpty();
        assertThat(Files.exists(file)).isFalse();
    }
}
