package io.taskscope.cli;

import io.taskscope.live.LiveTestAccess;
import io.taskscope.testing.Await;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * serve --listeners registered on this machine's kernel: each listener's series are its own socket's. A small,
 * slowly read buffer loses in a storm and a big one does not, and what each received and lost adds up to what the
 * kernel sent its socket; a listener a SIGHUP adds gets a socket of its own.
 */
@Tag("kernel")
class ServeRegisteredKernelTest {

    /** A counter's value on serve's /metrics (text format), or -1 when it has no such series. */
    private static long metric(ServeProcess serve, URI metrics, String series) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$")
                .matcher(serve.get(metrics, null).body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    private static long records(ServeProcess serve, URI metrics, String listener) throws Exception {
        return metric(serve, metrics, "taskscope_records_total{listener=\"" + listener + "\"}");
    }

    private static long lost(ServeProcess serve, URI metrics, String listener, String cause) throws Exception {
        return metric(serve, metrics, "taskscope_records_lost_total{cause=\"" + cause + "\",listener=\"" + listener
                + "\"}");
    }

    /** sent, received, lost from the summary's line for registered listener {@code name}. */
    private static long[] registered(ServeProcess serve, String name) {
        Matcher m = Pattern.compile("(?m)^registered " + Pattern.quote(name)
                + " on \\S+ \\([^)]*\\): sent (\\d+), received (\\d+), lost (\\d+)").matcher(serve.err());
        assertThat(m.find()).as("a registered line for %s in: %s", name, serve.err()).isTrue();
        return new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }

    @Test
    void aSmallSlowListenerLosesInServesMetricsAndABigOneDoesNot() throws Exception {
        LiveTestAccess.assumeLiveTaskstats();
        String exiter = LiveTestAccess.exiter().toString();
        try (ServeProcess serve = ServeProcess.start("--source", "live", "--listeners", "registered",
                "--listener", "small=0-1", "--listener-buffer", "small=64k", "--listener-pace", "small=2000",
                "--listener", "big=0-1", "--listener-buffer", "big=16M", "--duration", "3s")) {
            URI metrics = serve.awaitUrl();
            int storms = 0;
            while (!serve.out().contains("serving its final counts")) { // storms on CPUs 0 and 1 until it stops
                LiveTestAccess.runPinned(storms % 2, exiter, "storm", "2000");
                storms++;
                assertThat(storms).as("serve's source never stopped: " + serve.err()).isLessThan(100_000);
            }
            serve.awaitSaid("registered big");
            long[] small = registered(serve, "small");
            long[] big = registered(serve, "big");

            assertThat(lost(serve, metrics, "small", "kernel")).as("64 KiB read at 2 000/s loses: " + serve.err())
                    .isPositive().isEqualTo(small[2]);
            assertThat(records(serve, metrics, "small")).isPositive().isEqualTo(small[1]);
            assertThat(records(serve, metrics, "small") + lost(serve, metrics, "small", "kernel"))
                    .as("small received and lost what its socket was sent").isEqualTo(small[0]);
            assertThat(lost(serve, metrics, "big", "kernel")).as("16 MiB loses nothing").isZero();
            assertThat(records(serve, metrics, "big")).as("big got all it was sent").isEqualTo(big[0])
                    .isEqualTo(big[1]).isGreaterThan(records(serve, metrics, "small"));
            assertThat(lost(serve, metrics, "big", "queue") + lost(serve, metrics, "small", "queue")).isZero();
            serve.stop();
        }
    }

    @Test
    void aListenerASighupAddsGetsASocketOfItsOwn(@TempDir Path dir) throws Exception {
        LiveTestAccess.assumeLiveTaskstats();
        String exiter = LiveTestAccess.exiter().toString();
        Path file = dir.resolve("listeners.conf");
        Files.writeString(file, "zero=0\n");
        try (ServeProcess serve = ServeProcess.start("--source", "live", "--listeners", "registered",
                "--listeners-file", file.toString(), "--listener-buffer", "zero=8M")) {
            URI metrics = serve.awaitUrl();
            assertThat(records(serve, metrics, "one")).isEqualTo(-1);
            Files.writeString(file, "zero=0\none=1\n");
            serve.signal("HUP");
            serve.awaitSaid("listeners from " + file + ": zero=0 one=1");
            Await.until("one's own socket receives exits on CPU 1", () -> {
                LiveTestAccess.runPinned(1, exiter, "exit", "0");
                return records(serve, metrics, "one") > 0;
            }, serve::err);
            long zeroBefore = records(serve, metrics, "zero");
            for (int i = 0; i < 20; i++) {
                LiveTestAccess.runPinned(1, exiter, "exit", "0");
            }
            long one = records(serve, metrics, "one");
            LiveTestAccess.runPinned(0, exiter, "exit", "0");
            Await.until("zero's socket receives the exit on CPU 0", () -> records(serve, metrics, "zero")
                    > zeroBefore, serve::err);
            assertThat(serve.stop()).isIn(0, 143);
            long[] sums = registered(serve, "one");
            assertThat(sums[1]).as("one's socket got the CPU-1 exits").isGreaterThanOrEqualTo(one);
            assertThat(sums[1] + sums[2]).as("and what it was sent").isEqualTo(sums[0]);
            assertThat(serve.err()).contains("registered zero on 0 (16384 KiB buffer)");
        }
    }

    /** stats --json of a session file. */
    private static JsonNode stats(Path file) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TaskscopeCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("stats", "--json", file.toString())).as(file + ": " + err).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void everyRotatedFileKeepsTheModeAndEachSocketTheLastOneItsFinalFigures(@TempDir Path dir) throws Exception {
        LiveTestAccess.assumeLiveTaskstats();
        String exiter = LiveTestAccess.exiter().toString();
        try (ServeProcess serve = ServeProcess.start("--source", "live", "--listeners", "registered",
                "--listener", "small=0-1", "--listener-buffer", "small=32k", "--listener-pace", "small=500",
                "--listener", "big=0-1", "--listener-buffer", "big=8M", "--duration", "3s",
                "--record", dir.toString(), "--rotate", "1s")) {
            serve.awaitUrl();
            int storms = 0;
            while (!serve.out().contains("serving its final counts")) {
                LiveTestAccess.runPinned(storms % 2, exiter, "storm", "2000");
                storms++;
                assertThat(storms).as("serve's source never stopped: " + serve.err()).isLessThan(100_000);
            }
            serve.awaitSaid("registered big");
            long[] small = registered(serve, "small");
            serve.stop();
            List<Path> files;
            try (Stream<Path> listed = Files.list(dir)) {
                files = listed.sorted().toList();
            }
            assertThat(files).as("rotated every second over 3 s").hasSizeGreaterThanOrEqualTo(2);
            JsonNode last = null;
            long smallCopies = 0;
            long bigCopies = 0;
            for (Path f : files) {
                last = stats(f);
                assertThat(last.get("listener_mode").asText()).as(f.toString()).isEqualTo("registered");
                assertThat(last.get("registered")).as(f + " shows each socket").hasSize(2);
                assertThat(last.get("copies_recorded").asBoolean()).as(f.toString()).isTrue();
                smallCopies += last.get("copies").path("small").asLong();
                bigCopies += last.get("copies").path("big").asLong();
            }
            JsonNode lastSmall = last.get("registered").get(0);
            assertThat(lastSmall.get("listener").asText()).isEqualTo("small");
            assertThat(new long[]{lastSmall.get("sent").asLong(), lastSmall.get("received").asLong(),
                    lastSmall.get("lost").asLong()}).as("the last file ends with the socket's final figures")
                    .containsExactly(small);
            assertThat(small[2]).as("32 KiB read at 500/s lost in the storms").isPositive();
            // what a replay shows each listener: the records its own socket got (a message is one record, or two
            // with its process's total, which big got too), not everything its CPUs' references got
            long[] big = registered(serve, "big");
            assertThat(bigCopies).as("big's copies over every file").isGreaterThanOrEqualTo(big[1]);
            assertThat(smallCopies).as("small's copies over every file")
                    .isBetween(small[1], small[1] + (bigCopies - big[1]));
        }
    }
}
