package io.taskscope.cli;

import io.taskscope.testing.Await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code taskscope serve} as its own process (a JVM on the tests' class path), as a daemon runs: signals reach it,
 * and its stdout and stderr are kept as they come. Closing it kills what is still running.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving (http://\\S+/metrics)");

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final HttpClient http = HttpClient.newHttpClient();

    private ServeProcess(Process process) {
        this.process = process;
        collect(process.getInputStream(), out);
        collect(process.getErrorStream(), err);
    }

    /** Starts serve with {@code args}, always on a free loopback port unless they say otherwise. */
    static ServeProcess start(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> argv = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.taskscope.Launcher", "serve", "--port", "0"));
        argv.addAll(List.of(args));
        return new ServeProcess(new ProcessBuilder(argv).start());
    }

    private static void collect(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException closed) {
                // the process ended
            }
        }, "serve-output");
        t.setDaemon(true);
        t.start();
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    long pid() {
        return process.pid();
    }

    /** Where it serves, once its line says so. */
    URI awaitUrl() throws Exception {
        Await.until("serve says where it serves", () -> SERVING.matcher(out).find() || !process.isAlive(),
                this::err);
        Matcher m = SERVING.matcher(out);
        if (!m.find()) {
            throw new AssertionError("serve ended without serving: " + err);
        }
        return URI.create(m.group(1));
    }

    /** Waits until {@code text} appears on stdout or stderr. */
    void awaitSaid(String text) throws Exception {
        Await.until("serve says '" + text + "'",
                () -> out.indexOf(text) >= 0 || err.indexOf(text) >= 0 || !process.isAlive(),
                () -> out + "\n" + err);
        if (out.indexOf(text) < 0 && err.indexOf(text) < 0) {
            throw new AssertionError("serve ended before saying '" + text + "': " + err);
        }
    }

    /** One listener's delivered and lost, from the summary serve prints when its source stops. */
    long[] summaryOf(String listener) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(listener) + " +\\S+ +(\\d+) +(\\d+) ").matcher(err);
        if (!m.find()) {
            throw new AssertionError("no summary row for " + listener + " in: " + err);
        }
        return new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    /** GET with an Accept header (null: none). */
    HttpResponse<String> get(URI uri, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri);
        if (accept != null) {
            r.header("Accept", accept);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a signal by name (HUP, TERM) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new AssertionError("kill -" + name + " " + pid() + " exited " + rc);
        }
    }

    /** SIGTERM, as systemd stops it; returns the exit code. */
    int stop() throws Exception {
        signal("TERM");
        Await.until("serve exits after SIGTERM", () -> !process.isAlive(), this::err);
        return process.exitValue();
    }

    int awaitExit() throws Exception {
        Await.until("serve exits", () -> !process.isAlive(), this::err);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
