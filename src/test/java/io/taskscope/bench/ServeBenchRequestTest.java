package io.taskscope.bench;

import io.taskscope.metrics.MetricsEndpoint;
import io.taskscope.metrics.SessionMetrics;
import io.taskscope.metrics.SourceLabels;
import io.taskscope.session.Session;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's scrapes cost the endpoint what Prometheus's do: the same negotiated format, compressed. */
class ServeBenchRequestTest {

    @Test
    void theBenchAsksAsPrometheusDoesAndGetsGzippedOpenMetrics() throws Exception {
        Session session = Session.withoutViews();
        SessionMetrics metrics = new SessionMetrics(session, new SourceLabels("sim", ""), true, 4);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, metrics)) {
            HttpResponse<byte[]> got = HttpClient.newHttpClient().send(
                    ServeBench.ScrapeRequest.AS_PROMETHEUS.of(URI.create(endpoint.url())),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(got.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/openmetrics-text"));
            String body;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(got.body()))) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            // OpenMetrics names a counter without its _total and has an info type; the text format has neither
            assertThat(body).contains("# TYPE taskscope_delay_events counter", "# TYPE taskscope_source info")
                    .endsWith("# EOF\n");
        }
    }
}
