package dev.vigil.bench.e2e;

import dev.vigil.jobs.metrics.PerformanceMetricsMain;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.workload.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Event time to row: live timer events (event time = now) at a steady rate through the running
 * performance-metrics job; each event's latency is when its window's row became visible in
 * TimescaleDB minus the event's own timestamp.
 */
final class LiveLatency {
    long events;
    long windows;
    double p50Ms;
    double p99Ms;
    double maxMs;
    /** Visible minus (window end + out-of-orderness): what Vigil adds beyond what the configuration requires. */
    double overheadP50Ms;

    double overheadP99Ms;
    long windowMs;
    long outOfOrdernessMs;

    static LiveLatency measure(Stack stack, JobRunner runner, Path work, String prefix, int perSecond, int seconds)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka))) {
            Topics.create(
                    admin,
                    List.of(
                            new NewTopic(prefix + "performance-metrics", 2, (short) 1),
                            new NewTopic(prefix + "dead-letters", 1, (short) 1),
                            new NewTopic(prefix + "alerts", 1, (short) 1)));
        }
        VigilConfig config = stack.config(
                prefix,
                work.resolve("live"),
                false,
                "windows: {performance-metrics: {size: 10s, out-of-orderness: 1s, source-idleness: 2s}}\n");
        String service = "bench-" + prefix.replace(".", "");
        JobID job = runner.start(env -> {
            VigilEnvironment.configure(env, config, "performance-metrics");
            PerformanceMetricsMain.job(config, false, Map.of()).build(env);
        });
        Thread.sleep(5000); // the job is up and reading
        Map<Long, Long> visible = new ConcurrentHashMap<>();
        List<Long> sent = new ArrayList<>();
        Thread poller = new Thread(() -> poll(stack, service, visible), "latency-poller");
        poller.setDaemon(true);
        poller.start();
        SteadyProducer.send(stack.kafka, prefix + "performance-metrics", perSecond, seconds, (n, now) -> {
            sent.add(now);
            return "{\"type\":\"performance_metric\",\"timestamp\":" + now + ",\"service\":\"" + service
                    + "\",\"name\":\"http.server.duration\",\"kind\":\"timer\",\"value\":" + (10 + n % 50)
                    + ",\"operation\":\"GET /\"}";
        });
        // Let the last full windows close (events keep the watermark moving until the end of sending).
        Thread.sleep(8000);
        runner.cancel(job);
        LiveLatency l = new LiveLatency();
        l.windowMs = 10_000;
        l.outOfOrdernessMs = 1000; // one in-order producer: 1 s of out-of-orderness is ample
        long lastClosable = sent.get(sent.size() - 1) - l.outOfOrdernessMs - l.windowMs;
        List<Long> latencies = new ArrayList<>();
        List<Long> overheads = new ArrayList<>();
        for (long ts : sent) {
            long bucket = ts / l.windowMs * l.windowMs;
            if (bucket + l.windowMs > lastClosable) continue; // its window could not close before the end
            Long seen = visible.get(bucket);
            if (seen == null) throw new IllegalStateException("window " + bucket + " never reached TimescaleDB");
            latencies.add(seen - ts);
            overheads.add(seen - (bucket + l.windowMs + l.outOfOrdernessMs));
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        l.events = sorted.length;
        l.windows = visible.keySet().stream()
                .filter(b -> b + l.windowMs <= lastClosable)
                .count();
        l.p50Ms = sorted[sorted.length / 2];
        l.p99Ms = sorted[(int) Math.min(sorted.length - 1, Math.round(sorted.length * 0.99))];
        l.maxMs = sorted[sorted.length - 1];
        long[] overhead = overheads.stream().mapToLong(Long::longValue).sorted().toArray();
        l.overheadP50Ms = overhead[overhead.length / 2];
        l.overheadP99Ms = overhead[(int) Math.min(overhead.length - 1, Math.round(overhead.length * 0.99))];
        try (Connection c = DriverManager.getConnection(stack.pgUrl, stack.pgUser, stack.pgPassword());
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM metric_timings_base WHERE service = '" + service + "'");
        }
        return l;
    }

    /** Notes when each window's row first appears. */
    private static void poll(Stack stack, String service, Map<Long, Long> visible) {
        try (Connection c = DriverManager.getConnection(stack.pgUrl, stack.pgUser, stack.pgPassword());
                Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT extract(epoch FROM bucket)::bigint * 1000 FROM metric_timings_base WHERE service = '"
                                + service + "'")) {
                    long now = System.currentTimeMillis();
                    while (rs.next()) visible.putIfAbsent(rs.getLong(1), now);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
