package io.taskscope.cli;

import io.taskscope.live.LiveTestAccess;
import io.taskscope.testing.Await;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * serve on this machine's kernel, scraped by the real Prometheus: exits pinned to CPU 0 while the source runs, then
 * a scrape after it stopped holds exactly what the summary says the listener on CPU 0 received and lost.
 */
@Tag("kernel")
class ServeLiveKernelTest {

    @Test
    void prometheusHasExactlyWhatTheLiveListenerReceived(@TempDir Path dir) throws Exception {
        LiveTestAccess.assumeLiveTaskstats();
        PrometheusServer.binary("prometheus");
        try (ServeProcess serve = ServeProcess.start("--source", "live", "--listener", "cpu0=0", "--duration", "3s")) {
            URI metrics = serve.awaitUrl();
            try (PrometheusServer prometheus = PrometheusServer.start(dir, metrics.getAuthority(), "500ms")) {
                int exits = 0;
                while (!serve.out().contains("serving its final counts")) { // exits on CPU 0 until the source stops
                    LiveTestAccess.runPinned(0, "/bin/true");
                    exits++;
                    assertThat(exits).as("serve's source never stopped: " + serve.err()).isLessThan(1_000_000);
                }
                double stopped = System.currentTimeMillis() / 1000.0;
                long[] summary = serve.summaryOf("cpu0");
                Await.until("Prometheus scraped serve after its source stopped",
                        () -> prometheus.lastScrape("taskscope_records_total{listener=\"cpu0\"}") > stopped);

                assertThat(prometheus.value("taskscope_records_total{listener=\"cpu0\"}").orElseThrow())
                        .isEqualTo(summary[0]).isPositive();
                assertThat(prometheus.value("sum(taskscope_records_lost_total{listener=\"cpu0\"})").orElseThrow())
                        .isEqualTo(summary[1]);
                assertThat(prometheus.value("taskscope_cpu_exits_total{cpu=\"0\"}").orElseThrow()).isPositive();
                assertThat(prometheus.value("taskscope_source_info{kind=\"live\",kernel=\""
                        + System.getProperty("os.version") + "\",taskstats_version!=\"0\"}").orElseThrow())
                        .isEqualTo(1);
            }
            serve.stop();
        }
    }
}
