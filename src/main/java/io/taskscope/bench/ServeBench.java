package io.taskscope.bench;

import io.taskscope.core.ListenerSet;
import io.taskscope.metrics.MetricsEndpoint;
import io.taskscope.metrics.SessionMetrics;
import io.taskscope.metrics.SourceLabels;
import io.taskscope.session.Session;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.sim.SimulatorSource;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * What serving costs: process CPU per record of the simulator → session pipeline with serve's metrics tap (and a
 * scrape a second) against without, at a paced rate; and how long a scrape of a big machine takes.
 */
public final class ServeBench {
    private ServeBench() {
    }

    /** CPU per record in ns without and with metrics, and the records each run received. */
    public record Cost(double offNanos, double onNanos, long offRecords, long onRecords) {
    }

    /** Scrape times in ms (sorted) and the exposition's size. */
    public record Scrapes(double[] millis, int bytes) {
        public double quantile(double q) {
            return millis[Math.min(millis.length - 1, (int) Math.floor(q * millis.length))];
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Session running(int cpus, double rate, ListenerSet listeners, SessionMetrics[] metrics,
                                   boolean withMetrics) throws Exception {
        Session session = Session.withoutViews();
        if (withMetrics) {
            metrics[0] = new SessionMetrics(session, new SourceLabels("sim", ""), true, cpus);
            session.setTap(metrics[0]);
        }
        session.switchSource(new SimulatorSource(SimSettings.of(Profile.BUILD, cpus, rate, 1, 1)), listeners);
        return session;
    }

    /** One pipeline for {@code seconds} after a warm-up: process CPU per record received. */
    private static double[] measure(double rate, double seconds, boolean withMetrics) throws Exception {
        SessionMetrics[] metrics = new SessionMetrics[1];
        Session session = running(64, rate, ListenerSet.oneOnAll(64), metrics, withMetrics);
        Thread.sleep(2000); // JIT and buffers settle
        long records0 = session.snapshot().received();
        long cpu0 = processCpuNanos();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            Thread.sleep(1000);
            if (metrics[0] != null) {
                metrics[0].collect(); // what a scrape a second costs
            }
        }
        long cpu = processCpuNanos() - cpu0;
        long records = session.snapshot().received() - records0;
        session.stopSource();
        return new double[]{(double) cpu / records, records};
    }

    public static Cost cost(double rate, double seconds) throws Exception {
        double[] off = measure(rate, seconds, false);
        double[] on = measure(rate, seconds, true);
        return new Cost(off[0], on[0], (long) off[1], (long) on[1]);
    }

    /** {@code n} scrapes over HTTP of a machine of {@code cpus} CPUs split among {@code listeners} listeners. */
    public static Scrapes scrapes(int cpus, int listeners, int n, String accept) throws Exception {
        SessionMetrics[] metrics = new SessionMetrics[1];
        Session session = running(cpus, 100_000, ListenerSet.splitEvenly(cpus, listeners), metrics, true);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, metrics[0])) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create(endpoint.url())).header("Accept", accept).build();
            int bytes = 0;
            double[] millis = new double[n];
            for (int i = -5; i < n; i++) { // five to warm up
                long t0 = System.nanoTime();
                bytes = http.send(get, HttpResponse.BodyHandlers.ofByteArray()).body().length;
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            Arrays.sort(millis);
            return new Scrapes(millis, bytes);
        } finally {
            session.stopSource();
        }
    }
}
