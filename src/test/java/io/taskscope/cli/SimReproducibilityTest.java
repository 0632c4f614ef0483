package io.taskscope.cli;

import io.taskscope.sim.SimSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same seed, profile and settings give the same bytes, in separate JVMs started at different moments:
 * simulated time sits at a fixed epoch, not at the wall clock of the run.
 */
class SimReproducibilityTest {

    private static byte[] listen(Path dir, String name, String... extra) throws Exception {
        Path out = dir.resolve(name);
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.taskscope.Launcher", "listen", "--source", "sim",
                "--seed", "7", "--count", "20000", "--format", "jsonl", "--speed", "0"));
        argv.addAll(List.of(extra));
        Process p = new ProcessBuilder(argv).redirectOutput(out.toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
        assertThat(p.waitFor()).as(Files.readString(dir.resolve(name + ".err"))).isZero();
        return Files.readAllBytes(out);
    }

    @Test
    void twoRunsInSeparateJvmsPrintTheSameBytes(@TempDir Path dir) throws Exception {
        byte[] first = listen(dir, "a.jsonl");
        byte[] second = listen(dir, "b.jsonl");
        assertThat(first.length).isGreaterThan(20_000 * 500);
        assertThat(second).isEqualTo(first);
        String line = new String(first, 0, 4000, java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        long btime = Long.parseLong(line.replaceAll(".*\"ac_btime64\":(\\d+).*", "$1"));
        assertThat(btime).isBetween(SimSettings.FIXED_START / 1_000_000_000L - 3600,
                SimSettings.FIXED_START / 1_000_000_000L + 60); // the documented epoch, 2026-01-01T00:00:00Z
    }

    @Test
    void aStartTimeMovesTheRecordsAndOnlyThem(@TempDir Path dir) throws Exception {
        String a = new String(listen(dir, "a.jsonl", "--start-time", "2030-06-01T00:00:00Z"),
                java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        String b = new String(listen(dir, "b.jsonl"), java.nio.charset.StandardCharsets.UTF_8).lines().findFirst()
                .orElseThrow();
        long shift = java.time.Instant.parse("2030-06-01T00:00:00Z").getEpochSecond()
                - SimSettings.FIXED_START / 1_000_000_000L;
        long btimeA = Long.parseLong(a.replaceAll(".*\"ac_btime64\":(\\d+).*", "$1"));
        long btimeB = Long.parseLong(b.replaceAll(".*\"ac_btime64\":(\\d+).*", "$1"));
        assertThat(btimeA - btimeB).isBetween(shift - 1, shift + 1);
        assertThat(a.replaceAll("\"ac_btime(64)?\":\\d+", "")).isEqualTo(b.replaceAll("\"ac_btime(64)?\":\\d+", ""));
    }
}
