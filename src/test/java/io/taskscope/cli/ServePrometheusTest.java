package io.taskscope.cli;

import io.taskscope.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * serve against the real engine: Prometheus scrapes it, and what its HTTP API answers is what serve delivered. The
 * simulator's fork storm on 64 CPUs with one listener on all of them overflows that listener's modelled receive
 * queue, a loss of cause "kernel" (it models the kernel's queue). promtool accepts the exposition.
 */
class ServePrometheusTest {

    private static final String ALL = "{listener=\"all\"}";

    @Test
    void prometheusHasExactlyWhatServeDeliveredAndLost(@TempDir Path dir) throws Exception {
        PrometheusServer.binary("prometheus");
        try (ServeProcess serve = ServeProcess.start("--source", "sim", "--profile", "fork-storm", "--cpus", "64",
                "--listener", "all=0-63", "--duration", "3s")) {
            URI metrics = serve.awaitUrl();
            try (PrometheusServer prometheus = PrometheusServer.start(dir, metrics.getAuthority(), "500ms")) {
                serve.awaitSaid("serving its final counts");
                double stopped = System.currentTimeMillis() / 1000.0; // the counts stopped moving before this
                long[] summary = serve.summaryOf("all");
                Await.until("Prometheus scraped serve after its source stopped",
                        () -> prometheus.lastScrape("taskscope_records_total" + ALL) > stopped);

                assertThat(prometheus.value("taskscope_records_total" + ALL).orElseThrow())
                        .isEqualTo(summary[0]).isPositive();
                assertThat(prometheus.value("taskscope_records_lost_total{listener=\"all\",cause=\"kernel\"}")
                        .orElseThrow()).isEqualTo(summary[1]).isPositive();
                assertThat(prometheus.value("taskscope_records_lost_total{listener=\"all\",cause=\"queue\"}")
                        .orElseThrow()).isZero();
                // every exit is on some CPU, and every CPU's exits reached the one listener or its loss
                assertThat(prometheus.value("sum(taskscope_cpu_exits_total)").orElseThrow()).isPositive();
                assertThat(prometheus.value("resets(taskscope_records_total" + ALL + "[10m])").orElseThrow())
                        .isZero();
                assertThat(prometheus.value("taskscope_source_info{kind=\"sim\",taskstats_version=\"16\"}")
                        .orElseThrow()).isEqualTo(1);
                assertThat(prometheus.value("count(taskscope_task_delay_seconds_bucket{le=\"+Inf\"})")
                        .orElseThrow()).isEqualTo(8);
                assertThat(prometheus.value("count(jvm_memory_used_bytes)").orElseThrow()).isPositive();
            }
            promtoolAccepts(serve, metrics);
            openMetricsWhenAskedFor(serve, metrics);
            // the JVM's status after SIGTERM, whatever main returns (the unit file counts it as success)
            assertThat(serve.stop()).as(serve.err()).isEqualTo(143);
        }
    }

    /** promtool check metrics reads the exposition from stdin and lints it: exit 0, no complaint. */
    private static void promtoolAccepts(ServeProcess serve, URI metrics) throws Exception {
        String promtool = PrometheusServer.binary("promtool");
        String exposition = serve.get(metrics, null).body();
        Process check = new ProcessBuilder(promtool, "check", "metrics").redirectErrorStream(true).start();
        try (var in = check.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(said).isZero();
        assertThat(said).isBlank();
    }

    /** The client's server negotiates: Prometheus text by default, OpenMetrics (ending in # EOF) when asked. */
    private static void openMetricsWhenAskedFor(ServeProcess serve, URI metrics) throws Exception {
        HttpResponse<String> text = serve.get(metrics, null);
        assertThat(text.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(text.body()).contains("taskscope_records_total" + ALL).doesNotContain("# EOF");
        HttpResponse<String> om = serve.get(metrics, "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(om.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/openmetrics-text");
        assertThat(om.body()).contains("taskscope_records_total" + ALL).endsWith("# EOF\n");
    }
}
