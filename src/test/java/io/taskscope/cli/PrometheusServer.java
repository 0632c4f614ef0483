package io.taskscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskscope.testing.Await;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The real Prometheus server (Debian's package; .ci/run installs it), on loopback, on a free port, with its storage
 * in a temporary folder, scraping one target. Tests that need it skip, saying so, where it is not installed.
 * Closing it kills it.
 */
final class PrometheusServer implements AutoCloseable {
    private final Process process;
    private final URI api;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private PrometheusServer(Process process, URI api) {
        this.process = process;
        this.api = api;
    }

    /** The binary, or the test is skipped with the reason. */
    static String binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        Assumptions.abort(name + " is not installed (apt-get install prometheus; .ci/run does)");
        return null;
    }

    /** Starts Prometheus scraping {@code target} (host:port) every {@code interval} and waits until it is ready. */
    static PrometheusServer start(Path dir, String target, String interval) throws Exception {
        String prometheus = binary("prometheus");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: " + interval,
                "  scrape_timeout: " + interval,
                "scrape_configs:",
                "  - job_name: taskscope",
                "    static_configs:",
                "      - targets: ['" + target + "']", ""));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Process p = new ProcessBuilder(prometheus, "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(p, URI.create("http://127.0.0.1:" + port));
        try {
            Await.until("Prometheus is ready", server::ready, () -> log(dir));
        } catch (AssertionError | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new AssertionError("prometheus exited " + process.exitValue());
        }
        try {
            return http.send(HttpRequest.newBuilder(api.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException notYet) {
            return false;
        }
    }

    /** The single value an instant PromQL query gives now, or empty when it gives nothing. */
    OptionalDouble value(String promql) throws IOException, InterruptedException {
        JsonNode result = query(promql);
        if (result.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (result.size() > 1) {
            throw new AssertionError(promql + " gave " + result.size() + " series: " + result);
        }
        return OptionalDouble.of(Double.parseDouble(result.get(0).get("value").get(1).asText()));
    }

    /** The series of an instant query, as /api/v1/query returns them. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        URI uri = api.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.get("status").asText())) {
            throw new AssertionError(promql + ": " + r.body());
        }
        return body.get("data").get("result");
    }

    /** When the newest scrape of {@code series} began, in epoch seconds; 0 before any. */
    double lastScrape(String series) throws IOException, InterruptedException {
        return value("timestamp(" + series + ")").orElse(0);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
