package io.taskscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskscope.core.TaskstatsField;
import io.taskscope.live.LiveTestAccess;
import io.taskscope.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code taskscope listen} end to end on the real kernel: options in, JSON lines and summary out. */
@Tag("kernel")
class ListenCommandKernelTest {

    private final ObjectMapper json = new ObjectMapper();
    private final List<Running> started = new ArrayList<>();

    @BeforeEach
    void needsTheKernel() throws Exception {
        LiveTestAccess.assumeLiveTaskstats();
    }

    @AfterEach
    void ctrlCWhatIsStillRunning() throws InterruptedException {
        for (Running r : started) {
            r.thread.interrupt();
            r.thread.join(Await.PATIENCE.toMillis());
        }
    }

    private record Run(int code, String out, String err) {
    }

    /** A command on its own thread, as in a terminal: it ends by itself, or at Ctrl-C (an interrupt here). */
    private static final class Running {
        final Writer out;
        final StringWriter err = new StringWriter();
        final Thread thread;
        volatile int code = -1;

        Running(Writer out, String... args) {
            this.out = out;
            thread = new Thread(() -> {
                CommandLine cli = TaskscopeCommand.commandLine();
                cli.setOut(new PrintWriter(out, true));
                cli.setErr(new PrintWriter(err, true));
                code = cli.execute(args);
            }, "test-listen");
            thread.setDaemon(true);
            thread.start();
        }

        boolean ended() {
            return !thread.isAlive();
        }

        /** Waits until the command has ended by itself. */
        Run end() throws Exception {
            Await.until("the command ended", this::ended);
            return new Run(code, out.toString(), err.toString());
        }

        /** Ctrl-C: the command stops and delivers what the sockets and the queue still hold. */
        Run ctrlC() throws Exception {
            thread.interrupt();
            return end();
        }
    }

    private Running start(Writer out, String... args) {
        Running r = new Running(out, args);
        started.add(r);
        return r;
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

    private interface Shown {
        boolean test(long pid) throws Exception;
    }

    /**
     * Runs exits on {@code cpu} until the running command shows one: from then on it listens there. An exit that
     * came before the command listened is never shown; the next one is tried after a moment.
     */
    private static void awaitListening(int cpu, Shown shown) throws Exception {
        Await.until("the command shows an exit on CPU " + cpu, () -> {
            long pid = LiveTestAccess.runPinned(cpu, "/bin/true");
            return Await.within(Duration.ofMillis(500), () -> shown.test(pid));
        });
    }

    private List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    /** The listeners that printed the exit of {@code pid}, as far as {@code out} has them. */
    private List<String> listenersOf(long pid, String out) throws IOException {
        return jsonLines(out).stream().filter(n -> n.get("ac_pid").asLong() == pid)
                .map(n -> n.get("listener").asText()).toList();
    }

    @Test
    void jsonLinesPerListenerAndASummary() throws Exception {
        StringWriter out = new StringWriter();
        Running listen = start(out, "listen", "--listener", "a=0", "--listener", "b=1", "--listener", "all=0-1",
                "--format", "jsonl");
        awaitListening(0, pid -> !listenersOf(pid, out.toString()).isEmpty());
        awaitListening(1, pid -> !listenersOf(pid, out.toString()).isEmpty());
        long pid0 = LiveTestAccess.runPinned(0, LiveTestAccess.exiter().toString(), "exit", "5");
        long pid1 = LiveTestAccess.runPinned(1, LiveTestAccess.exiter().toString(), "exit", "6");
        Await.until("both exits are printed, each for two listeners",
                () -> listenersOf(pid0, out.toString()).size() >= 2 && listenersOf(pid1, out.toString()).size() >= 2,
                out::toString);
        Run run = listen.ctrlC();
        assertThat(run.code()).as(run.err()).isZero();

        List<JsonNode> lines = jsonLines(run.out());
        assertThat(listenersOf(pid0, run.out())).containsExactlyInAnyOrder("a", "all");
        assertThat(listenersOf(pid1, run.out())).containsExactlyInAnyOrder("b", "all");
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

    /** The run ends by itself after --duration, with its summary (how long it took is not this test's business). */
    @Test
    void aDurationEndsTheRunWithItsSummary() throws Exception {
        StringWriter out = new StringWriter();
        Run run = start(out, "listen", "--listener", "all=0-1", "--format", "jsonl", "--duration", "1s").end();
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode summary = json.readTree(run.err().strip().lines().reduce((a, b) -> b).orElseThrow()).get("summary");
        assertThat(summary.get("listeners")).hasSize(1);
        assertThat(jsonLines(run.out())).hasSize((int) summary.get("listeners").get(0).get("delivered").asLong());
    }

    /** A Writer that holds every write until the gate opens: a pipe nobody reads for a while. */
    private static final class GatedWriter extends java.io.Writer {
        final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] chars, int off, int len) {
            written.countDown(); // the command delivers: it listens
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

        @Override
        public String toString() {
            synchronized (text) {
                return text.toString();
            }
        }
    }

    @Test
    void anOutputStalledThroughAStormLosesNothing() throws Exception {
        GatedWriter stalled = new GatedWriter();
        Running listen = start(stalled, "listen", "--listener", "c1=1", "--format", "jsonl"); // until Ctrl-C
        // the first line it writes stalls the command's delivery: from then on everything queues
        awaitListening(1, pid -> stalled.written.getCount() == 0);
        int threads = 20_000;
        long storm = LiveTestAccess.runPinned(1, LiveTestAccess.exiter().toString(), "storm", Integer.toString(threads));
        stalled.gate.countDown(); // the output comes back: everything queued meanwhile is written now
        Run run = listen.ctrlC();
        assertThat(run.code()).as(run.err()).isZero();

        long stormLines = jsonLines(run.out()).stream()
                .filter(n -> n.get("ac_tgid").asLong() == storm && n.get("kind").asText().equals("pid")).count();
        assertThat(stormLines).as("every storm exit printed " + run.err()).isEqualTo(threads + 1);
        JsonNode summary = json.readTree(run.err().strip().lines().reduce((a, b) -> b).orElseThrow()).get("summary");
        assertThat(summary.get("lost").asLong()).isZero();
        assertThat(summary.get("lost_by_cause").get("kernel").asLong()).isZero();
        assertThat(summary.get("lost_by_cause").get("queue").asLong()).isZero();
    }

    @Test
    void countStopsAfterNLines() throws Exception {
        StringWriter out = new StringWriter();
        Running listen = start(out, "listen", "--count", "3", "--format", "csv");
        int[] exits = {0};
        Await.until("listen --count 3 ends after exits", () -> {
            if (!listen.ended()) {
                LiveTestAccess.runPinned(exits[0]++ % 2, "/bin/true");
            }
            return listen.ended();
        }, () -> exits[0] + " exits run, printed: " + out);
        Run run = listen.end();
        assertThat(run.code()).isZero();
        String[] rows = run.out().split("\n");
        assertThat(rows).hasSize(4); // header + 3
        assertThat(rows[0]).startsWith("listener,cpu,kind,id,seq,version,");
        assertThat(run.err()).contains("listener").contains("all");
    }

    @Test
    void badCpulistIsRefusedWithTheKernelsErrorClass() {
        Run run = run("listen", "--listener", "x=0-9999");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--listener x=0-9999").contains("ERANGE");
        run = run("listen", "--listener", "y=1-0");
        assertThat(run.err()).contains("EINVAL");
        run = run("listen", "--listener", "noequals");
        assertThat(run.err()).contains("NAME=CPULIST");
    }

    @Test
    void registeredListenersReportWhatTheirOwnSocketsGot() throws Exception {
        StringWriter out = new StringWriter();
        Running listen = start(out, "listen", "--listeners", "registered", "--listener", "zero=0",
                "--listener-buffer", "zero=8M", "--listener", "both=0-1", "--listener-buffer", "both=8M",
                "--format", "jsonl");
        awaitListening(0, pid -> !listenersOf(pid, out.toString()).isEmpty());
        awaitListening(1, pid -> !listenersOf(pid, out.toString()).isEmpty());
        LiveTestAccess.runPinned(1, LiveTestAccess.exiter().toString(), "storm", "300");
        Run r = listen.ctrlC();
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode registered = null;
        for (JsonNode n : jsonLines(r.err().lines().filter(l -> l.startsWith("{")).reduce("", (a, b) -> a + b + "\n"))) {
            if (n.has("registered")) {
                registered = n.get("registered");
            }
        }
        assertThat(registered).as("the registered listeners' line in %s", r.err()).isNotNull();
        assertThat(registered).extracting(n -> n.get("listener").asText()).containsExactly("zero", "both");
        JsonNode zero = registered.get(0);
        JsonNode both = registered.get(1);
        assertThat(zero.get("cpus").asText()).isEqualTo("0");
        assertThat(zero.get("buffer_bytes").asLong()).isEqualTo(16L << 20);
        assertThat(both.get("received").asLong()).as("both got the CPU-1 storm").isGreaterThanOrEqualTo(301);
        assertThat(both.get("received").asLong() - zero.get("received").asLong())
                .as("zero, on CPU 0 only, got none of the CPU-1 storm").isGreaterThanOrEqualTo(301);
        for (JsonNode n : registered) {
            assertThat(n.get("lost").asLong()).as("8 MiB held everything").isZero();
            assertThat(n.get("sent").asLong()).isEqualTo(n.get("received").asLong());
        }
    }

    @Test
    void recordKeepsTheModeAndEachSocketAndStatsShowsThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("r.tsk");
        StringWriter out = new StringWriter();
        Running record = start(out, "record", "--source", "live", "--listeners", "registered",
                "--listener", "slow=0-1", "--listener-buffer", "slow=32k", "--listener-pace", "slow=100",
                "--listener", "big=0-1", "--listener-buffer", "big=8M", "-o", file.toString());
        Await.until("the recording under way", () -> java.nio.file.Files.exists(file)
                && java.nio.file.Files.size(file) > 0);
        LiveTestAccess.runPinned(0, LiveTestAccess.exiter().toString(), "storm", "2000");
        LiveTestAccess.runPinned(1, LiveTestAccess.exiter().toString(), "storm", "2000");
        Run r = record.ctrlC();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("registered slow on 0-1 (64 KiB buffer, read at 100/s)");

        Run stats = run("stats", "--json", file.toString());
        assertThat(stats.code()).as(stats.err()).isZero();
        JsonNode s = json.readTree(stats.out());
        assertThat(s.get("listener_mode").asText()).isEqualTo("registered");
        JsonNode slow = s.get("registered").get(0);
        JsonNode big = s.get("registered").get(1);
        assertThat(slow.get("listener").asText()).isEqualTo("slow");
        assertThat(slow.get("buffer_bytes").asLong()).isEqualTo(64 << 10);
        assertThat(slow.get("pace_per_s").asLong()).isEqualTo(100);
        assertThat(slow.get("lost").asLong()).as("64 KiB read at 100/s lost in the storm, as recorded").isPositive();
        assertThat(slow.get("lost").asLong() + slow.get("received").asLong()).isEqualTo(slow.get("sent").asLong());
        assertThat(big.get("lost").asLong()).isZero();
        assertThat(big.get("sent").asLong()).as("big was sent every exit the recording has")
                .isEqualTo(big.get("received").asLong()).isGreaterThanOrEqualTo(4_002);
        Run text = run("stats", file.toString());
        assertThat(text.out()).contains("listeners    registered").contains("registered slow on 0-1");
    }

    @Test
    void registeredListenersAreRefusedWhereNoKernelRegistersThem() {
        Run sim = run("listen", "--source", "sim", "--listeners", "registered", "--duration", "1s");
        assertThat(sim.code()).isEqualTo(2);
        assertThat(sim.err()).contains("--listeners registered needs the live source");
        Run unknown = run("listen", "--listeners", "registered", "--listener", "a=0", "--listener-buffer", "b=64k",
                "--duration", "1s");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--listener-buffer b=64k: name a --listener");
        Run perCpu = run("listen", "--listener", "a=0", "--listener-pace", "a=5", "--duration", "1s");
        assertThat(perCpu.code()).isEqualTo(2);
        assertThat(perCpu.err()).contains("need --listeners registered");
    }
}
