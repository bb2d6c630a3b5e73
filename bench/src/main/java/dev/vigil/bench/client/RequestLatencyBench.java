package dev.vigil.bench.client;

import dev.vigil.workload.Topics;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What the Java library adds to a service's request latency: the same small HTTP service ({@link RequestServer})
 * with and without the library, under a fixed open-loop load. Requests leave on a fixed schedule whatever the
 * server does, and each latency is measured from the time its request was due, not from when it was sent (so a
 * stall counts for every request it delayed: no coordinated omission, as wrk2 measures). Runs alternate the order of
 * the two variants; each run starts a fresh server JVM and discards a warm-up. Reports latency percentiles, the
 * achieved rate, and the CPU of the generator, the server and the Kafka broker (all on this machine's cores).
 *
 * <p>{@code ./vigil bench requests [--server java|node] [--runs 5] [--rate 5000] [--warmup 60] [--seconds 30]}:
 * {@code java} is {@link RequestServer} (the Java library), {@code node} the NestJS service of
 * {@code clients/nestjs/bench/request-server.ts} (the NestJS library), built by {@code ./vigil bench requests}, on
 * Express or, with {@code VIGIL_BENCH_NEST_PLATFORM=fastify}, on Fastify.
 */
public final class RequestLatencyBench {
    private static final int CONNECTIONS = 16;
    private static final long TICKS_PER_SECOND = 100; // Linux USER_HZ, the unit of /proc/<pid>/stat times

    private RequestLatencyBench() {}

    record Result(
            String variant,
            int run,
            Histogram latencyMicros,
            long requests,
            long errors,
            double seconds,
            double generatorCpu,
            double serverCpu,
            double kafkaCpu,
            String serverReport) {}

    /** The Node server on Fastify instead of Express: the environment the server reads too. */
    private static final boolean FASTIFY = "fastify".equals(System.getenv("VIGIL_BENCH_NEST_PLATFORM"));

    public static void main(String[] args) throws Exception {
        int runs = intArg(args, "--runs", 5);
        int rate = intArg(args, "--rate", 5000);
        // A minute: with 10 s the JIT was still compiling the library's and the Kafka client's paths while
        // measuring (server CPU 1.1-1.4 cores in seconds 10-40 of a run, 0.7 in seconds 60-90; docs/performance.md)
        int warmup = intArg(args, "--warmup", 60);
        int seconds = intArg(args, "--seconds", 30);
        String server = stringArg(args, "--server", "java");
        if (!server.equals("java") && !server.equals("node")) throw new IllegalArgumentException("--server java|node");
        Path out = Path.of(stringArg(args, "--out", "bench/results"));
        String bootstrap = System.getenv("VIGIL_KAFKA_BOOTSTRAP");
        if (bootstrap == null) throw new IllegalStateException("VIGIL_KAFKA_BOOTSTRAP is not set: start the stack");
        createTopics(bootstrap);
        List<Result> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            String[] order = run % 2 == 1 ? new String[] {"plain", "vigil"} : new String[] {"vigil", "plain"};
            for (String variant : order) {
                Result r = run(server, variant, run, bootstrap, rate, warmup, seconds);
                System.out.println(line(r));
                results.add(r);
            }
        }
        String report = report(server, results, rate, warmup, seconds);
        System.out.println(report);
        Files.createDirectories(out);
        Files.writeString(
                out.resolve(
                        server.equals("java")
                                ? "client-requests.md"
                                : FASTIFY ? "client-requests-node-fastify.md" : "client-requests-node.md"),
                report);
    }

    private static Result run(String kind, String variant, int run, String bootstrap, int rate, int warmup, int seconds)
            throws Exception {
        List<String> command = new ArrayList<>();
        // e.g. a JFR recording of the server: VIGIL_BENCH_SERVER_OPTS=-XX:StartFlightRecording=filename=/tmp/s.jfr
        String opts = System.getenv("VIGIL_BENCH_SERVER_OPTS");
        if (kind.equals("java")) {
            command.addAll(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
            if (opts != null && !opts.isBlank())
                command.addAll(List.of(opts.trim().split("\\s+")));
            command.addAll(List.of(
                    "-cp", System.getProperty("java.class.path"), RequestServer.class.getName(), variant, bootstrap));
        } else {
            command.add("node");
            if (opts != null && !opts.isBlank())
                command.addAll(List.of(opts.trim().split("\\s+")));
            command.addAll(List.of("clients/nestjs/bench-dist/bench/request-server.js", variant, bootstrap));
        }
        Process server = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Thread reaper = new Thread(server::destroyForcibly); // an interrupted bench leaves no server behind
        Runtime.getRuntime().addShutdownHook(reaper);
        // its output is read all along: a full pipe would stall the server
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder report = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = lines.readLine()) != null; ) {
                    if (l.startsWith("port "))
                        port.complete(Integer.parseInt(l.substring(5).trim()));
                    if (l.startsWith("published ")) report.append(l);
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("the " + variant + " server did not start"));
        });
        reader.setDaemon(true);
        reader.start();
        int serverPort = port.get(60, TimeUnit.SECONDS);
        load(serverPort, rate, warmup); // JIT, connections, Kafka metadata
        long kafka = kafkaPid();
        long serverTicks = ticks(server.pid());
        long kafkaTicks = kafka > 0 ? ticks(kafka) : 0;
        long generatorNanos = processCpuNanos();
        Load measured = load(serverPort, rate, seconds);
        double generatorCpu = (processCpuNanos() - generatorNanos) / 1e9 / measured.seconds;
        double serverCpu = (ticks(server.pid()) - serverTicks) / (double) TICKS_PER_SECOND / measured.seconds;
        double kafkaCpu =
                kafka > 0 ? (ticks(kafka) - kafkaTicks) / (double) TICKS_PER_SECOND / measured.seconds : Double.NaN;
        server.getOutputStream().close();
        if (!server.waitFor(60, TimeUnit.SECONDS)) server.destroyForcibly();
        reader.join(5000);
        Runtime.getRuntime().removeShutdownHook(reaper);
        return new Result(
                variant,
                run,
                measured.histogram,
                measured.requests,
                measured.errors,
                measured.seconds,
                generatorCpu,
                serverCpu,
                kafkaCpu,
                report.toString());
    }

    record Load(Histogram histogram, long requests, long errors, double seconds) {}

    /**
     * Sends {@code rate} requests a second for {@code seconds} over {@value #CONNECTIONS} keep-alive connections, each
     * with its own fixed schedule (as wrk2 does): a connection whose previous answer is late sends late, and the
     * latency of every request still counts from when it was due.
     */
    private static Load load(int port, int rate, int seconds) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long perConnection = (long) rate * seconds / CONNECTIONS;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int connection = c;
            Thread t = new Thread(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    for (long i = 0; i < perConnection; i++) {
                        long due = start + (i * CONNECTIONS + connection) * interval;
                        for (long now; (now = System.nanoTime()) < due; ) LockSupport.parkNanos(due - now);
                        out.write(("GET /cart/c-" + (1000 + (i * CONNECTIONS + connection) % 64 * 37)
                                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        if (readResponse(in) == 200) {
                            recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                        } else {
                            errors.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = perConnection * CONNECTIONS;
        return new Load(recorder.getIntervalHistogram(), done.get(), errors.get() + (total - done.get()), elapsed);
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            int n = head.length();
            if (n >= 4 && head.charAt(n - 1) == '\n' && head.charAt(n - 3) == '\n' && head.charAt(n - 2) == '\r') break;
        }
        if (b < 0) throw new IOException("connection closed");
        String h = head.toString();
        int status = Integer.parseInt(h.substring(9, 12));
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15))
                length = Integer.parseInt(line.substring(15).trim());
        }
        in.skipNBytes(length);
        return status;
    }

    private static String line(Result r) {
        Histogram h = r.latencyMicros;
        return String.format(
                Locale.ROOT,
                "| %d | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %d | %.2f | %.2f | %.2f | %s |",
                r.run,
                r.variant,
                r.requests / r.seconds,
                h.getValueAtPercentile(50) / 1.0,
                h.getValueAtPercentile(90) / 1.0,
                h.getValueAtPercentile(99) / 1.0,
                h.getValueAtPercentile(99.9) / 1.0,
                r.errors,
                r.generatorCpu,
                r.serverCpu,
                r.kafkaCpu,
                r.serverReport.isEmpty() ? "-" : r.serverReport);
    }

    private static String report(String server, List<Result> results, int rate, int warmup, int seconds) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "Server: %s. Open-loop load: %d requests/s for %d s after a %d s warm-up, per run and variant. Latency in microseconds "
                        + "from when each request was due. CPU in cores (1.00 = one core busy) over the measured "
                        + "seconds.%n%n",
                server.equals("java")
                        ? "Java (Javalin), the Java library"
                        : "NestJS 12 (" + (FASTIFY ? "Fastify" : "Express") + "), the NestJS library",
                rate,
                seconds,
                warmup));
        b.append(
                "| run | variant | requests/s | p50 µs | p90 µs | p99 µs | p99.9 µs | errors | generator CPU | server CPU | Kafka CPU | server's publisher |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) b.append(line(r)).append('\n');
        double plain = medianP99(results, "plain");
        double vigil = medianP99(results, "vigil");
        b.append(String.format(
                Locale.ROOT,
                "%nMedian p99 over the runs: plain %.0f µs, vigil %.0f µs: the library adds %.1f%% (goal: at most 5%%).%n",
                plain,
                vigil,
                100 * (vigil - plain) / plain));
        return b.toString();
    }

    private static double medianP99(List<Result> results, String variant) {
        double[] p = results.stream()
                .filter(r -> r.variant.equals(variant))
                .mapToDouble(r -> r.latencyMicros.getValueAtPercentile(99))
                .sorted()
                .toArray();
        return p.length % 2 == 1 ? p[p.length / 2] : (p[p.length / 2 - 1] + p[p.length / 2]) / 2;
    }

    /** The vigil server's topics (the stack's broker creates none by itself). */
    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String t : RequestServer.TOPICS) if (!existing.contains(t)) missing.add(new NewTopic(t, 2, (short) 1));
            if (!missing.isEmpty()) Topics.create(admin, missing);
        }
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        } catch (IOException e) {
            return 0;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The local stack's broker, when its pid file is there. */
    private static long kafkaPid() {
        try {
            return Long.parseLong(
                    Files.readString(Path.of(".vigil/run/kafka.pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        String v = stringArg(args, name, null);
        return v == null ? fallback : Integer.parseInt(v);
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }
}
