package io.taskscope.bench;

import io.taskscope.core.ListenerSet;
import io.taskscope.metrics.MetricsEndpoint;
import io.taskscope.metrics.SessionMetrics;
import io.taskscope.metrics.SourceLabels;
import io.taskscope.session.Session;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimSettings;
import io.taskscope.sim.SimulatorSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What serving costs: process CPU per record of the simulator → session pipeline with serve's metrics (its
 * endpoint, the JVM's and process's collectors, scraped over HTTP as Prometheus scrapes, at the interval asked)
 * against without, at a paced rate; and how long a scrape of a big machine takes.
 * <p>
 * Each side is a JVM of its own: in one JVM the second side would find the first's compiled code, garbage and
 * threads. The two run at the same time, so a round's two figures share the VM's speed of that minute. The profile
 * keeps one rate throughout (a bursty one would give the two sides different work if they drifted apart), and both
 * count the same simulated window after the same warm-up. The scrapes come from this JVM, as a Prometheus server's
 * would from its own process.
 */
public final class ServeBench {
    private ServeBench() {
    }

    static final Profile PROFILE = Profile.CONTAINER_HOST;
    static final int CPUS = 64;
    /**
     * Long enough for C2 to have compiled the hot loops of either side before counting: the pipeline's within
     * seconds, the scrape path's after some 2 000 scrapes (C2 is still busy with it after 1 500), which the warm-up's
     * back-to-back scrapes reach. After a 10 s warm-up the compiler threads still spent 20 ns per record more with
     * metrics in a 10 s window (5 rounds); after 20 s, +0 and +4 ns in two runs, +39 in a third: a cost a serve pays
     * once in its weeks, not per record.
     */
    static final long WARM_UP_MILLIS = 20_000;

    /**
     * Each round's CPU per record in ns of either side, the records each counted and the scrapes that fell in the
     * window of the side with metrics; and each side's CPU per record by thread (names with their numbers left out,
     * so "GC Thread#0" and "#1" are one), to say where a difference goes.
     */
    public record Cost(double[] offNanos, double[] onNanos, long[] offRecords, long[] onRecords, long[] scrapes,
                       List<Map<String, Double>> offByThread, List<Map<String, Double>> onByThread) {
        public double offMedian() {
            return median(offNanos);
        }

        public double onMedian() {
            return median(onNanos);
        }

        /** Each round's with / without, less 1: what metrics added in the seconds both sides shared. */
        public double[] pairedIncrease() {
            double[] out = new double[offNanos.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = onNanos[i] / offNanos[i] - 1;
            }
            return out;
        }

        public double pairedIncreaseMedian() {
            return median(pairedIncrease());
        }

        /** The median over runs of each thread group's ns per record (0 in a run that had no such thread). */
        public static Map<String, Double> medianByThread(List<Map<String, Double>> runs) {
            Map<String, Double> out = new TreeMap<>();
            runs.stream().flatMap(r -> r.keySet().stream()).distinct().forEach(name -> out.put(name,
                    median(runs.stream().mapToDouble(r -> r.getOrDefault(name, 0.0)).toArray())));
            return out;
        }

        private static double median(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
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

    /**
     * CPU time of each of this process's threads so far, by thread id: schedstat's first field, in ns (the JVM's
     * own GC and compiler threads included, which ThreadMXBean does not list).
     */
    private static Map<String, Long> threadCpuNanos() {
        Map<String, Long> out = new HashMap<>();
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    long nanos = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                    out.put(task.getFileName() + " " + comm, nanos);
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended while listed, or no schedstat here: left out
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /** Thread groups' CPU between two readings, the numbers in names left out ("GC Thread#0" -> "GC Thread#"). */
    private static Map<String, Long> byThreadGroup(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((key, nanos) -> out.merge(key.substring(key.indexOf(' ') + 1).replaceAll("[0-9]+", ""),
                nanos - before.getOrDefault(key, 0L), Long::sum));
        return out;
    }

    private static Session running(int cpus, double rate, ListenerSet listeners, SessionMetrics[] metrics,
                                   boolean withMetrics) throws Exception {
        Session session = Session.withoutViews();
        if (withMetrics) {
            metrics[0] = new SessionMetrics(session, new SourceLabels("sim", ""), true, cpus);
        }
        session.switchSource(new SimulatorSource(SimSettings.of(PROFILE, cpus, rate, 1, 1)), listeners);
        return session;
    }

    /**
     * One side, in the JVM the parent started: the pipeline (with metrics: served on a free port, announced as
     * {@code port N}), a warm-up, then {@code result CPU_NANOS RECORDS} for {@code seconds}.
     */
    public static void main(String[] args) {
        try {
            side(args[0].equals("on"), Double.parseDouble(args[1]), Double.parseDouble(args[2]));
        } catch (Throwable t) { // the endpoint's dispatcher thread would keep a failed side alive: end it
            t.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void side(boolean withMetrics, double rate, double seconds) throws Exception {
        SessionMetrics[] metrics = new SessionMetrics[1];
        Session session = running(CPUS, rate, ListenerSet.oneOnAll(CPUS), metrics, withMetrics);
        MetricsEndpoint endpoint = withMetrics ? MetricsEndpoint.start("127.0.0.1", 0, metrics[0]) : null;
        threadCpuNanos(); // once each before counting: a first call loads and initialises what reads them (~20 ms)
        processCpuNanos();
        long windowStart = System.currentTimeMillis() + WARM_UP_MILLIS;
        // the wall-clock start of the window, so the parent's scraper knows when the warm-up ends
        System.out.println("port " + (endpoint == null ? 0 : endpoint.port()) + " " + windowStart);
        System.out.flush();
        Thread.sleep(Math.max(0, windowStart - System.currentTimeMillis()));
        long records0 = session.snapshot().received();
        Map<String, Long> threads0 = threadCpuNanos();
        long cpu0 = processCpuNanos();
        long from = System.currentTimeMillis();
        Thread.sleep((long) (seconds * 1000));
        long cpu = processCpuNanos() - cpu0;
        long to = System.currentTimeMillis();
        Map<String, Long> threads = threadCpuNanos();
        long records = session.snapshot().received() - records0;
        System.out.println("window " + from + " " + to);
        byThreadGroup(threads0, threads).forEach((group, nanos) -> System.out.println("thread " + nanos + " "
                + group));
        System.out.println("result " + cpu + " " + records);
        System.out.flush();
        Runtime.getRuntime().halt(0); // the numbers are out; nothing to wind down
    }

    /** One side's JVM, started: it prints its port, then its figures when its window is over. */
    private static final class Side {
        final boolean withMetrics;
        final Process process;
        final BufferedReader out;
        final long scrapeMillis;
        final java.util.Queue<Long> scrapedAt = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Thread scraper;

        Side(boolean withMetrics, double rate, double seconds, long scrapeMillis) throws IOException {
            this.withMetrics = withMetrics;
            this.scrapeMillis = scrapeMillis;
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ServeBench.class.getName(), withMetrics ? "on" : "off", Double.toString(rate),
                    Double.toString(seconds)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Waits for the port; with metrics, starts scraping it. */
        void serving() throws IOException {
            String[] port = line().split(" ");
            if (withMetrics) {
                scraper = new Thread(() -> scrapeEvery(scrapeMillis, Integer.parseInt(port[1]),
                        Long.parseLong(port[2]), scrapedAt), "bench-scraper");
                scraper.setDaemon(true);
                scraper.start();
            }
        }

        private String line() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the side " + (withMetrics ? "with" : "without") + " metrics ended without its "
                        + "figures");
            }
            return line;
        }

        /**
         * {ns per record, records, scrapes in the window}, and each thread group's ns per record added to
         * {@code byThread}.
         */
        double[] result(List<Map<String, Double>> byThread) throws Exception {
            try (out) {
                Map<String, Long> threads = new TreeMap<>();
                long from = 0;
                long to = 0;
                String line;
                while (!(line = line()).startsWith("result ")) {
                    String[] f = line.split(" ", 3);
                    if (f[0].equals("window")) {
                        from = Long.parseLong(f[1]);
                        to = Long.parseLong(f[2]);
                    } else {
                        threads.put(f[2], Long.parseLong(f[1]));
                    }
                }
                String[] result = line.split(" ");
                process.waitFor();
                if (scraper != null) {
                    scraper.interrupt(); // it may be asleep until its next scrape, long after the child has gone
                    scraper.join();
                }
                long windowFrom = from;
                long windowTo = to;
                long scrapes = scrapedAt.stream().filter(t -> t >= windowFrom && t <= windowTo).count();
                long records = Long.parseLong(result[2]);
                Map<String, Double> perRecord = new TreeMap<>();
                threads.forEach((group, nanos) -> perRecord.put(group, (double) nanos / records));
                byThread.add(perRecord);
                return new double[]{(double) Long.parseLong(result[1]) / records, records, scrapes};
            } finally {
                process.destroyForcibly();
            }
        }
    }

    /** What a scrape asks for: one format uncompressed, or what Prometheus asks (the bench's own scrapes). */
    public enum ScrapeRequest {
        TEXT("text/plain", "text/plain; version=0.0.4", null),
        OPENMETRICS("application/openmetrics-text", "application/openmetrics-text; version=1.0.0", null),
        /** Prometheus 2.42's (Debian 12's, and CI's), captured from its scrape: OpenMetrics, gzipped. */
        AS_PROMETHEUS("as Prometheus 2.42 asks (OpenMetrics, gzip; the size sent)", "application/openmetrics-text;"
                + "version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,"
                + "*/*;q=0.1", "gzip");

        private final String label;
        private final String accept;
        private final String encoding;

        ScrapeRequest(String label, String accept, String encoding) {
            this.label = label;
            this.accept = accept;
            this.encoding = encoding;
        }

        public String label() {
            return label;
        }

        HttpRequest of(URI uri) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", accept);
            return (encoding == null ? b : b.header("Accept-Encoding", encoding)).build();
        }
    }

    /**
     * Every {@code millis}, as Prometheus would (its request headers too), from the child's window on; during its
     * warm-up back to back instead, so the scrape path is compiled before the count starts, as the pipeline's is
     * (at one a second the JIT would still be compiling it for half an hour: a cost a serve that runs for weeks pays
     * once, not per record). Each scrape's end (wall clock) goes to {@code scrapedAt}, so a round says how many fell
     * in its window.
     */
    private static void scrapeEvery(long millis, int port, long windowStart, java.util.Queue<Long> scrapedAt) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = ScrapeRequest.AS_PROMETHEUS.of(URI.create("http://127.0.0.1:" + port + "/metrics"));
        long warm = windowStart - 1000; // a second to finish compiling
        while (true) {
            try {
                http.send(get, HttpResponse.BodyHandlers.discarding());
                long now = System.currentTimeMillis();
                scrapedAt.add(now);
                if (now >= warm) {
                    Thread.sleep(millis);
                }
            } catch (InterruptedException e) {
                return;
            } catch (java.io.IOException e) {
                return; // the child has gone
            }
        }
    }

    /**
     * {@code rounds} rounds, each running both sides at once (which starts first alternates), so they count the same
     * seconds: this VM's speed drifts by a third from minute to minute, more than the difference measured, and a
     * drift then slows both alike. In the counted window each uses well under a CPU of the two at this rate, so
     * neither waits for the other (in the warm-up the back-to-back scrapes take more, and slow both warm-ups).
     */
    public static Cost cost(double rate, double seconds, int rounds, long scrapeMillis) throws Exception {
        List<double[]> off = new ArrayList<>();
        List<double[]> on = new ArrayList<>();
        List<Map<String, Double>> offThreads = new ArrayList<>();
        List<Map<String, Double>> onThreads = new ArrayList<>();
        List<Long> scrapes = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            Side first = new Side(i % 2 == 1, rate, seconds, scrapeMillis);
            Side second = null;
            try {
                second = new Side(i % 2 == 0, rate, seconds, scrapeMillis);
                Side offSide = first.withMetrics ? second : first;
                Side onSide = first.withMetrics ? first : second;
                first.serving();
                second.serving();
                off.add(offSide.result(offThreads));
                double[] withMetrics = onSide.result(onThreads);
                on.add(withMetrics);
                scrapes.add((long) withMetrics[2]);
            } finally { // one side failing ends the other too
                first.process.destroyForcibly();
                if (second != null) {
                    second.process.destroyForcibly();
                }
            }
        }
        return new Cost(off.stream().mapToDouble(r -> r[0]).toArray(), on.stream().mapToDouble(r -> r[0]).toArray(),
                off.stream().mapToLong(r -> (long) r[1]).toArray(), on.stream().mapToLong(r -> (long) r[1]).toArray(),
                scrapes.stream().mapToLong(Long::longValue).toArray(), offThreads, onThreads);
    }

    /** {@code n} scrapes over HTTP of a machine of {@code cpus} CPUs split among {@code listeners} listeners. */
    public static Scrapes scrapes(int cpus, int listeners, int n, ScrapeRequest ask) throws Exception {
        SessionMetrics[] metrics = new SessionMetrics[1];
        Session session = running(cpus, 100_000, ListenerSet.splitEvenly(cpus, listeners), metrics, true);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, metrics[0])) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest get = ask.of(URI.create(endpoint.url()));
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
