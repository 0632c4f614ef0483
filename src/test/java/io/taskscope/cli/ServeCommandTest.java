package io.taskscope.cli;

import io.taskscope.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** serve's listeners file and SIGHUP, and what a user who got something wrong is told: one line, no stack trace. */
class ServeCommandTest {

    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = TaskscopeCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), err.toString());
    }

    private static void saysOneLine(Run run, int code, String what) {
        assertThat(run.code()).as(run.err()).isEqualTo(code);
        assertThat(run.err()).contains(what).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aPortInUseIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("serve", "--source", "sim", "--port", Integer.toString(taken.getLocalPort()));
            saysOneLine(run, 1, "cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is in use");
        }
    }

    @Test
    void anAddressNotOfThisMachineIsOneLine() {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never this machine's; binding it fails and sends nothing
        saysOneLine(run("serve", "--source", "sim", "--address", "192.0.2.1", "--port", "0"), 1,
                "cannot listen on 192.0.2.1:0: not an address of this machine");
    }

    @Test
    void aListenersFileThatCannotBeUsedIsOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("listeners.conf");
        saysOneLine(run("serve", "--source", "sim", "--listeners-file", file.toString()), 2, "no such file");
        Files.writeString(file, "# web servers\nweb=0-3\noops\n");
        saysOneLine(run("serve", "--source", "sim", "--listeners-file", file.toString()), 2,
                file + ":3: 'oops' is not NAME=CPULIST");
        Files.writeString(file, "web=0-99\n");
        saysOneLine(run("serve", "--source", "sim", "--cpus", "8", "--listeners-file", file.toString()), 2,
                file + ": --listener web=0-99: ");
        saysOneLine(run("serve", "--source", "sim", "--listeners-file", file.toString(), "--listener", "a=0"), 2,
                "not both");
    }

    private static long records(ServeProcess serve, URI metrics, String listener) throws Exception {
        Matcher m = Pattern.compile("(?m)^taskscope_records_total\\{listener=\"" + listener + "\"} (\\S+)$")
                .matcher(serve.get(metrics, null).body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void sighupReReadsTheListenersFileAndABadOneChangesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("listeners.conf");
        Files.writeString(file, "a=0-1\n");
        try (ServeProcess serve = ServeProcess.start("--source", "sim", "--cpus", "4", "--listeners-file",
                file.toString())) {
            URI metrics = serve.awaitUrl();
            Await.until("a receives records", () -> records(serve, metrics, "a") > 0, serve::err);
            assertThat(records(serve, metrics, "b")).isEqualTo(-1);

            Files.writeString(file, "# a on every CPU now, b new\na=0-3\nb=2-3\n");
            long aBefore = records(serve, metrics, "a");
            serve.signal("HUP");
            serve.awaitSaid("listeners from " + file + ": a=0-3 b=2-3");
            Await.until("b receives records", () -> records(serve, metrics, "b") > 0, serve::err);
            assertThat(records(serve, metrics, "a")).isGreaterThanOrEqualTo(aBefore);

            Files.writeString(file, "a=0-3\noops\n");
            serve.signal("HUP");
            serve.awaitSaid(file + ":2: 'oops' is not NAME=CPULIST");
            assertThat(serve.err()).contains("the listeners stay a=0-3 b=2-3");
            long b = records(serve, metrics, "b");
            Await.until("b still receives records", () -> records(serve, metrics, "b") > b, serve::err);
            serve.stop();
        }
    }

    /** serve with --duration and --record; returns its stderr once it has stopped and closed its files. */
    private static String serveRecording(Path dir, String rotate, int keep) throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = TaskscopeCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        Thread serving = new Thread(() -> cli.execute("serve", "--source", "sim", "--profile", "build", "--cpus", "4",
                "--rate", "2000", "--listener", "a=0-3", "--port", "0", "--duration", "3s", "--record",
                dir.toString(), "--rotate", rotate, "--keep", Integer.toString(keep)));
        serving.start();
        Await.until("serve has recorded and stopped", () -> err.toString().contains("recorded "));
        serving.interrupt(); // it serves its final counts until stopped
        serving.join();
        return err.toString();
    }

    private static List<Path> sessionFiles(Path dir) throws Exception {
        try (java.util.stream.Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    /** serve --record: complete files, rotated, the oldest pruned; together they hold every record it received. */
    @Test
    void recordRotatesCompleteFilesThatTogetherHoldEveryRecord(@TempDir Path dir) throws Exception {
        String err = serveRecording(dir, "700ms", 100);
        List<Path> files = sessionFiles(dir);
        assertThat(files).as(err).hasSizeGreaterThanOrEqualTo(2);
        long records = 0;
        for (Path f : files) {
            io.taskscope.store.SessionReader.Opened opened = io.taskscope.store.SessionReader.open(f);
            assertThat(opened).isInstanceOf(io.taskscope.store.SessionReader.Session.class);
            try (io.taskscope.store.SessionReader r = ((io.taskscope.store.SessionReader.Session) opened).reader()) {
                long[] n = {0};
                boolean[] named = {false};
                r.readAll(new io.taskscope.store.SessionReader.FrameVisitor() {
                    @Override
                    public void records(io.taskscope.core.RecordBlock block) {
                        n[0] += block.size();
                    }

                    @Override
                    public void listeners(long nanos, io.taskscope.core.ListenerSet set) {
                        named[0] |= set.byName("a").isPresent();
                    }
                });
                assertThat(r.intact()).as("%s is complete", f).isTrue();
                assertThat(named[0]).as("%s names its listeners from its start", f).isTrue();
                records += n[0];
            }
        }
        Matcher received = Pattern.compile("(?m)^([\\d,]+) records received").matcher(err);
        assertThat(received.find()).as(err).isTrue();
        assertThat(records).as("the files hold every record serve received: %s", err)
                .isEqualTo(Long.parseLong(received.group(1).replace(",", "")));
    }

    @Test
    void recordKeepsOnlyTheNewestFiles(@TempDir Path dir) throws Exception {
        String err = serveRecording(dir, "400ms", 2);
        assertThat(err).contains("recorded ");
        int made = Integer.parseInt(err.replaceAll("(?s).*recorded (\\d+) file.*", "$1"));
        assertThat(made).as("it rotated").isGreaterThan(2);
        assertThat(sessionFiles(dir)).as("--keep 2").hasSize(2);
    }

    @Test
    void registeredListenersNeedTheLiveSourceAndTheSocketOptionsNeedThem() {
        saysOneLine(run("serve", "--source", "sim", "--listeners", "registered"), 2,
                "--listeners registered needs the live source");
        saysOneLine(run("serve", "--source", "sim", "--listener", "a=0", "--listener-buffer", "a=64k"), 2,
                "--listener-buffer and --listener-pace need --listeners registered");
        saysOneLine(run("serve", "--source", "sim", "--listeners", "sometimes"), 2,
                "--listeners takes per-cpu or registered, not 'sometimes'");
    }

    @Test
    void aRotationThatIsNeitherTimeNorSizeIsOneLine(@TempDir Path dir) {
        saysOneLine(run("serve", "--source", "sim", "--record", dir.toString(), "--rotate", "often"), 2,
                "--rotate is a duration (30m, 1h, 1d) or a size (100M, 1G), not 'often'");
        saysOneLine(run("serve", "--source", "sim", "--record", dir.toString(), "--keep", "0"), 2,
                "--keep is at least 1");
    }
}
