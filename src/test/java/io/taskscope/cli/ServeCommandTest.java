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
}
