package io.taskscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskscope.core.TaskstatsField;
import io.taskscope.live.LiveTestAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code taskscope listen} end to end on the real kernel: options in, JSON lines and summary out. */
@Tag("kernel")
class ListenCommandKernelTest {

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void needsTheKernel() throws Exception {
        LiveTestAccess.assumeLiveTaskstats();
    }

    private record Run(int code, String out, String err) {
    }

    private static CompletableFuture<Run> listen(String... args) {
        return CompletableFuture.supplyAsync(() -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = TaskscopeCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Run(code, out.toString(), err.toString());
        });
    }

    @Test
    void jsonLinesPerListenerAndASummary() throws Exception {
        CompletableFuture<Run> running = listen("listen", "--listener", "a=0", "--listener", "b=1",
                "--listener", "all=0-1", "--format", "jsonl", "--duration", "3s");
        Thread.sleep(1500); // the collector is registered well before this
        long pid0 = LiveTestAccess.runPinned(0, LiveTestAccess.exiter().toString(), "exit", "5");
        long pid1 = LiveTestAccess.runPinned(1, LiveTestAccess.exiter().toString(), "exit", "6");
        Run run = running.get();
        assertThat(run.code()).as(run.err()).isZero();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            lines.add(json.readTree(line));
        }
        List<String> pid0To = lines.stream().filter(n -> n.get("ac_pid").asLong() == pid0)
                .map(n -> n.get("listener").asText()).toList();
        List<String> pid1To = lines.stream().filter(n -> n.get("ac_pid").asLong() == pid1)
                .map(n -> n.get("listener").asText()).toList();
        assertThat(pid0To).containsExactlyInAnyOrder("a", "all");
        assertThat(pid1To).containsExactlyInAnyOrder("b", "all");
        JsonNode one = lines.stream().filter(n -> n.get("ac_pid").asLong() == pid1).findFirst().orElseThrow();
        assertThat(one.get("cpu").asInt()).isEqualTo(1);
        assertThat(one.get("kind").asText()).isEqualTo("pid");
        assertThat(one.get("ac_comm").asText()).isEqualTo("exiter");
        assertThat(one.get("ac_exitcode").asLong()).isEqualTo(6 << 8);
        for (TaskstatsField f : TaskstatsField.values()) {
            assertThat(one.has(f.kernelName())).as(f.kernelName()).isTrue();
        }

        JsonNode summary = json.readTree(run.err().strip().lines().reduce((a, b) -> b).orElseThrow()).get("summary");
        assertThat(summary.get("listeners")).hasSize(3);
        long deliveredToAll = summary.get("listeners").get(2).get("delivered").asLong();
        long deliveredToA = summary.get("listeners").get(0).get("delivered").asLong();
        long deliveredToB = summary.get("listeners").get(1).get("delivered").asLong();
        assertThat(deliveredToAll).isEqualTo(deliveredToA + deliveredToB).isEqualTo(summary.get("received").asLong());
        assertThat(lines).hasSize((int) (deliveredToA + deliveredToB + deliveredToAll));
    }

    /** A Writer that holds every write until the gate opens: a pipe nobody reads for a while. */
    private static final class GatedWriter extends java.io.Writer {
        final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] chars, int off, int len) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (text) {
                text.append(chars, off, len);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anOutputStalledThroughAStormLosesNothing() throws Exception {
        GatedWriter stalled = new GatedWriter();
        StringWriter err = new StringWriter();
        int[] code = {-1};
        Thread command = new Thread(() -> { // runs until interrupted, as a listen until Ctrl-C
            CommandLine cli = TaskscopeCommand.commandLine();
            cli.setOut(new PrintWriter(stalled, false));
            cli.setErr(new PrintWriter(err, true));
            code[0] = cli.execute("listen", "--listener", "c1=1", "--format", "jsonl");
        }, "test-listen");
        command.start();
        Thread.sleep(1500); // the collector is registered well before this
        int threads = 20_000;
        long storm = LiveTestAccess.runPinned(1, LiveTestAccess.exiter().toString(), "storm", Integer.toString(threads));
        stalled.gate.countDown(); // the output comes back: everything queued meanwhile is written now
        command.interrupt(); // Ctrl-C: stopping delivers what the sockets and the queue still hold
        command.join();
        assertThat(code[0]).as(err.toString()).isZero();

        long stormLines = stalled.text.toString().lines().map(line -> {
            try {
                return json.readTree(line);
            } catch (java.io.IOException e) {
                throw new AssertionError(line, e);
            }
        }).filter(n -> n.get("ac_tgid").asLong() == storm && n.get("kind").asText().equals("pid")).count();
        assertThat(stormLines).as("every storm exit printed").isEqualTo(threads + 1);
        JsonNode summary = json.readTree(err.toString().strip().lines().reduce((a, b) -> b).orElseThrow()).get("summary");
        assertThat(summary.get("lost").asLong()).isZero();
        assertThat(summary.get("lost_by_cause").get("kernel").asLong()).isZero();
        assertThat(summary.get("lost_by_cause").get("queue").asLong()).isZero();
    }

    @Test
    void countStopsAfterNLines() throws Exception {
        CompletableFuture<Run> running = listen("listen", "--count", "3", "--format", "csv", "--duration", "20s");
        Thread.sleep(1500);
        for (int i = 0; i < 5; i++) {
            LiveTestAccess.runPinned(i % 2, "/bin/true");
        }
        Run run = running.get();
        assertThat(run.code()).isZero();
        String[] rows = run.out().split("\n");
        assertThat(rows).hasSize(4); // header + 3
        assertThat(rows[0]).startsWith("listener,cpu,kind,id,seq,version,");
        assertThat(run.err()).contains("listener").contains("all");
    }

    @Test
    void badCpulistIsRefusedWithTheKernelsErrorClass() throws Exception {
        Run run = listen("listen", "--listener", "x=0-9999").get();
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--listener x=0-9999").contains("ERANGE");
        run = listen("listen", "--listener", "y=1-0").get();
        assertThat(run.err()).contains("EINVAL");
        run = listen("listen", "--listener", "noequals").get();
        assertThat(run.err()).contains("NAME=CPULIST");
    }
}
