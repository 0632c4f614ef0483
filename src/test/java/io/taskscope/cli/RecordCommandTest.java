package io.taskscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.live.LiveTestAccess;
import io.taskscope.store.SessionReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** record then stats, end to end: the simulator anywhere, the live kernel where permitted. */
class RecordCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TaskscopeCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static JsonNode stats(Path file) throws Exception {
        Run r = run("stats", file.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void aSimulatedRecordingReplaysTheOverflowStory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("storm.tsk");
        CtrlCRecording.Ended rec = new CtrlCRecording("record", "--source", "sim", "--profile", "fork-storm",
                "--cpus", "64", "--speed", "0", "--listener", "all=0-63", "--listener", "q0=0-15",
                "--listener", "q1=16-31", "-o", file.toString()).awaitRecorded(100_000).ctrlC();
        assertThat(rec.code()).as(rec.err()).isZero();
        assertThat(rec.err()).contains("records");
        JsonNode s = stats(file);
        assertThat(s.get("source_kind").asText()).isEqualTo("sim");
        assertThat(s.get("records").asLong()).isGreaterThanOrEqualTo(100_000);
        assertThat(s.get("intact").asBoolean()).isTrue();
        JsonNode listeners = s.get("listeners");
        assertThat(listeners.get(0).get("name").asText()).isEqualTo("all");
        assertThat(listeners.get(0).get("lost").asLong()).isPositive(); // one listener on 64 CPUs overflows
        assertThat(listeners.get(1).get("lost").asLong()).isZero(); // a quarter does not
        assertThat(listeners.get(2).get("lost").asLong()).isZero();
        long all = listeners.get(0).get("delivered").asLong() + listeners.get(0).get("lost").asLong();
        assertThat(all).isEqualTo(s.get("records").asLong());
        assertThat(s.get("delays").get("cpu").get("tasks").asLong()).isPositive();
        assertThat(s.get("taskstats_version").asInt()).isEqualTo(16);
        assertThat(s.get("implausible").asLong()).isZero(); // the simulator never sends what cannot be true
    }

    @Test
    void aV17SimulatedRecordingSaysSoAndKeepsItsTimestamps(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("v17.tsk");
        CtrlCRecording.Ended rec = new CtrlCRecording("record", "--source", "sim", "--profile", "memory-pressure",
                "--cpus", "8", "--speed", "0", "--taskstats-version", "17", "-o", file.toString())
                .awaitRecorded(10_000).ctrlC();
        assertThat(rec.code()).as(rec.err()).isZero();
        assertThat(stats(file).get("taskstats_version").asInt()).isEqualTo(17);
        Path csv = dir.resolve("v17.csv");
        Run export = run("export", file.toString(), "--format", "csv", "-o", csv.toString());
        assertThat(export.code()).as(export.err()).isZero();
        java.util.List<String> lines = java.nio.file.Files.readAllLines(csv);
        int column = java.util.Arrays.asList(lines.get(0).split(",")).indexOf("blkio_delay_max_ts");
        assertThat(column).isPositive();
        assertThat(lines.stream().skip(1).map(l -> l.split(",", -1)[column]).filter(v -> !v.equals("0")).count())
                .isPositive();
    }

    @Test
    @Tag("kernel")
    void aLiveRecordingHoldsThePinnedExitsOnTheirCpus(@TempDir Path dir) throws Exception {
        LiveTestAccess.assumeLiveTaskstats();
        Path file = dir.resolve("live.tsk");
        CtrlCRecording recording = new CtrlCRecording("record", "--listener", "a=0", "--listener", "b=1",
                "-o", file.toString());
        List<Long> pids = new ArrayList<>();
        CtrlCRecording.Ended rec;
        try {
            // progress is printed once the source has started: the collector listens on every online CPU by then
            recording.awaitRecorded(0);
            for (int i = 0; i < 3; i++) {
                pids.add(LiveTestAccess.runPinned(0, LiveTestAccess.exiter().toString(), "exit", "0"));
                pids.add(LiveTestAccess.runPinned(1, LiveTestAccess.exiter().toString(), "exit", "0"));
            }
        } finally {
            rec = recording.ctrlC(); // the exits are in the sockets already: stopping records them
        }
        assertThat(rec.code()).as(rec.err()).isZero();
        RecordBlock all = new RecordBlock(64);
        List<ListenerSet> masks = new ArrayList<>();
        try (SessionReader r = ((SessionReader.Session) SessionReader.open(file)).reader()) {
            assertThat(r.header().sourceKind()).isEqualTo("live");
            assertThat(r.header().taskstatsVersion()).isGreaterThanOrEqualTo(13);
            r.readAll(new SessionReader.FrameVisitor() {
                @Override
                public void records(RecordBlock block) {
                    for (int row = 0; row < block.size(); row++) {
                        all.add(block, row);
                    }
                }

                @Override
                public void listeners(long nanos, ListenerSet set) {
                    masks.add(set);
                }
            });
        }
        assertThat(masks).singleElement().satisfies(m -> assertThat(m.byName("b").orElseThrow().cpus().toCpulist())
                .isEqualTo("1"));
        for (int i = 0; i < pids.size(); i++) {
            long pid = pids.get(i);
            int cpu = i % 2;
            boolean found = false;
            for (int row = 0; row < all.size(); row++) {
                if (all.isPid(row) && all.taskId(row) == pid) {
                    assertThat(all.cpu(row)).isEqualTo(cpu);
                    assertThat(all.comm(row)).isEqualTo("exiter");
                    found = true;
                }
            }
            assertThat(found).as("pid %d in the recording", pid).isTrue();
        }
        JsonNode s = stats(file);
        assertThat(s.get("listeners").get(0).get("delivered").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(s.get("listeners").get(1).get("delivered").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void damagedAndForeignFilesHaveTheirOwnExitCodes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.tsk");
        CtrlCRecording.Ended rec = new CtrlCRecording("record", "--source", "sim", "--speed", "0",
                "-o", file.toString()).awaitRecorded(1000).ctrlC();
        assertThat(rec.code()).as(rec.err()).isZero();
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.tsk");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        Run damaged = run("stats", cut.toString());
        assertThat(damaged.code()).isEqualTo(StatsCommand.EXIT_DAMAGED);
        assertThat(damaged.out()).contains("TORN at byte");
        Path other = dir.resolve("other.txt");
        Files.writeString(other, "not a recording");
        Run foreign = run("stats", other.toString());
        assertThat(foreign.code()).isEqualTo(StatsCommand.EXIT_NOT_A_SESSION);
        assertThat(foreign.err()).contains("not a Taskscope session file");
        assertThat(run("stats", dir.resolve("missing.tsk").toString()).code())
                .isEqualTo(StatsCommand.EXIT_NOT_A_SESSION);
    }
}
