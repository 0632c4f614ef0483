package io.taskscope.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code /metrics} over HTTP with the official client's server, which answers in the Prometheus text format or
 * OpenMetrics as the scraper asks (Accept header). Serves a session's metrics and the client's JVM and process
 * metrics, from a registry of its own (nothing global).
 */
public final class MetricsEndpoint implements AutoCloseable {

    /*
     * TCP_NODELAY on every scrape's connection (the JDK server's sun.net.httpserver.nodelay, read once, when its first
     * server starts; a value the user set is kept). Asked for gzip, as Prometheus asks, the client library here
     * streams the compressed body in small chunks, and with Nagle's algorithm a chunk can wait for the ACK of the one
     * before, which the scraper's kernel may delay by 40 ms. Java's HttpClient on a kept-alive connection met that
     * every time (bench serve, 1024 CPUs x 8 listeners: median 48.1 ms a scrape, 5-8 ms with this); Prometheus 2.42
     * and curl did not (9 ms either way, Prometheus's own scrape_duration_seconds).
     */
    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Why the endpoint could not start, in one line for people. */
    public static final class CannotServe extends Exception {
        private static final long serialVersionUID = 1L;

        CannotServe(String message) {
            super(message);
        }
    }

    private final HTTPServer server;
    private final InetAddress address;

    private MetricsEndpoint(HTTPServer server, InetAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Binds {@code address:port} (0: any free port) and serves {@code metrics} there. */
    public static MetricsEndpoint start(String address, int port, SessionMetrics metrics) throws CannotServe {
        InetAddress bind;
        try {
            bind = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new CannotServe("--address " + address + ": no such address");
        }
        if (port < 0 || port > 65_535) {
            throw new CannotServe("--port " + port + ": a port is 0 to 65535");
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(metrics);
        JvmMetrics.builder().register(registry);
        try {
            return new MetricsEndpoint(HTTPServer.builder().inetAddress(bind).port(port).registry(registry)
                    .buildAndStart(), bind);
        } catch (BindException e) {
            throw new CannotServe("cannot listen on " + hostPort(bind, port) + ": "
                    + (e.getMessage() != null && e.getMessage().contains("in use") ? "the port is in use"
                    : e.getMessage() != null && e.getMessage().contains("assign") ? "not an address of this machine"
                    : String.valueOf(e.getMessage())));
        } catch (IOException e) {
            throw new CannotServe("cannot listen on " + hostPort(bind, port) + ": " + e.getMessage());
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Where a scraper finds the metrics: http://127.0.0.1:9464/metrics. */
    public String url() {
        return "http://" + hostPort(address, port()) + "/metrics";
    }

    private static String hostPort(InetAddress a, int port) {
        String host = a.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void close() {
        server.close();
    }
}
