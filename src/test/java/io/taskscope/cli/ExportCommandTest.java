package io.taskscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.core.TaskstatsField;
import io.taskscope.store.SessionReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ExportCommandTest {

    @TempDir
    static Path dir;
    static Path recording;
    static final RecordBlock ALL = new RecordBlock(1024);

    private static int run(String... args) {
        CommandLine cli = TaskscopeCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @BeforeAll
    static void record() throws Exception {
        recording = dir.resolve("r.tsk");
        // 5000 records of the build profile (3000/s, more in its bursts) cover the 400 ms a cut below needs; paced
        // at x4, the file stays small however long the machine takes to show them
        CtrlCRecording.Ended rec = new CtrlCRecording("record", "--source", "sim", "--profile", "build", "--cpus", "8",
                "--speed", "4", "--listener", "a=0-3", "--listener", "b=4-7", "-o", recording.toString())
                .awaitRecorded(5000).ctrlC();
        assertThat(rec.code()).as(rec.err()).isZero();
        try (SessionReader r = ((SessionReader.Session) SessionReader.open(recording)).reader()) {
            r.readAll(block -> {
                for (int row = 0; row < block.size(); row++) {
                    ALL.add(block, row);
                }
            });
        }
    }

    @Test
    void csvRoundTripsThroughACsvParserWithKernelNames() throws Exception {
        Path csv = dir.resolve("a.csv");
        assertThat(run("export", recording.toString(), "--format", "csv", "--listener", "a", "-o", csv.toString()))
                .isZero();
        try (Reader in = Files.newBufferedReader(csv);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertThat(parser.getHeaderNames()).contains("time_ns", "cpu", "ac_pid", "ac_comm", "blkio_delay_total",
                    "irq_delay_min");
            List<CSVRecord> rows = parser.getRecords();
            long expected = 0;
            for (int row = 0; row < ALL.size(); row++) {
                if (ALL.cpu(row) <= 3) {
                    expected++;
                }
            }
            assertThat(rows).hasSize((int) expected);
            CSVRecord first = rows.get(0);
            int row0 = 0;
            while (ALL.cpu(row0) > 3) {
                row0++;
            }
            assertThat(Long.parseLong(first.get("ac_pid"))).isEqualTo(ALL.get(row0, TaskstatsField.AC_PID));
            assertThat(first.get("ac_comm")).isEqualTo(ALL.comm(row0));
            assertThat(Long.parseLong(first.get("cpu_delay_total"))).isEqualTo(ALL.get(row0, TaskstatsField.CPU_DELAY_TOTAL));
            assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(Integer.parseInt(r.get("cpu"))).isBetween(0, 3));
        }
    }

    @Test
    void perfettoTraceHasATrackPerCpuAnInstantPerExitAndCounters() throws Exception {
        Path json = dir.resolve("t.json");
        assertThat(run("export", recording.toString(), "--format", "perfetto", "-o", json.toString())).isZero();
        JsonNode trace = new ObjectMapper().readTree(json.toFile());
        Set<Integer> tracks = new HashSet<>();
        int instants = 0;
        int counters = 0;
        for (JsonNode e : trace.get("traceEvents")) {
            String ph = e.get("ph").asText();
            if (ph.equals("M") && e.get("name").asText().equals("thread_name")) {
                tracks.add(e.get("tid").asInt());
                assertThat(e.get("args").get("name").asText()).startsWith("CPU ");
            } else if (ph.equals("i")) {
                instants++;
                assertThat(e.get("args").has("pid")).isTrue();
            } else if (ph.equals("C")) {
                counters++;
            }
        }
        assertThat(tracks).hasSize(8);
        assertThat(instants).isEqualTo(ALL.size());
        assertThat(counters).isPositive();
    }

    @Test
    void timeRangesAndCutsKeepWhatIsInside() throws Exception {
        Path cut = dir.resolve("cut.tsk");
        assertThat(run("cut", recording.toString(), "--from", "200ms", "--to", "400ms", "-o", cut.toString())).isZero();
        long first = ALL.receivedNanos(0);
        long expected = 0;
        for (int row = 0; row < ALL.size(); row++) {
            long offset = ALL.receivedNanos(row) - first;
            if (offset >= 200_000_000L && offset < 400_000_000L) {
                expected++;
            }
        }
        List<ListenerSet> masks = new ArrayList<>();
        long[] records = {0};
        try (SessionReader r = ((SessionReader.Session) SessionReader.open(cut)).reader()) {
            r.readAll(new SessionReader.FrameVisitor() {
                @Override
                public void records(RecordBlock block) {
                    records[0] += block.size();
                }

                @Override
                public void listeners(long nanos, ListenerSet set) {
                    masks.add(set);
                }
            });
        }
        assertThat(records[0]).isEqualTo(expected).isPositive();
        assertThat(masks).hasSize(1); // the definitions in force at the cut's start
        assertThat(masks.get(0).byName("b").orElseThrow().cpus().toCpulist()).isEqualTo("4-7");
    }
}
