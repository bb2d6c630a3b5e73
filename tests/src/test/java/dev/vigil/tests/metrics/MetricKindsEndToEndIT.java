package dev.vigil.tests.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.metrics.PerformanceMetricsMain;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.MiniClusterRun;
import dev.vigil.tests.stack.SqlRows;
import dev.vigil.tests.stack.TestJobConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counters (with a restart, and reported increases), gauges (out of order) and resource usage, from real Kafka to exact TimescaleDB rows. */
class MetricKindsEndToEndIT {

    @Test
    void countersGaugesAndResourcesLandAsExactRows(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "mk" + run + ".";
        String svc = "mk-" + run;
        long b = (System.currentTimeMillis() - 600_000) / 10_000 * 10_000;
        List<String> records = new ArrayList<>();
        records.add(counter(svc, "a", b + 1000, 100));
        records.add(counter(svc, "b", b + 2000, 1000));
        records.add(counter(svc, "a", b + 3000, 130));
        records.add(counter(svc, "b", b + 4000, 1010));
        records.add(counter(svc, "a", b + 12_000, 150));
        records.add(counter(svc, "b", b + 13_000, 1040));
        records.add(counter(svc, "a", b + 14_000, 5)); // restart of instance a
        records.add(reportedDelta(svc, b + 5000, 7)); // an increase reported as such, summed as it is
        records.add(gauge(svc, b + 1000, 5));
        records.add(gauge(svc, b + 7000, 3));
        records.add(gauge(svc, b + 5000, 9)); // arrives after a later reading: "last" stays 3
        records.add(resource(svc, "w-1", b + 1000, "{\"cpu_percent\":50,\"memory_bytes\":100,\"queue_depth\":4}"));
        records.add(resource(svc, "w-1", b + 6000, "{\"cpu_percent\":70,\"memory_bytes\":300}"));
        records.add(histogram(
                svc, b + 1000, "[{\"le\":10,\"count\":5},{\"le\":100,\"count\":3},{\"le\":\"+Inf\",\"count\":1}]"));
        records.add(
                histogram(svc, b + 2000, "[{\"le\":10,\"count\":2},{\"le\":50,\"count\":4},{\"le\":100,\"count\":1}]"));
        records.add("{\"type\":\"performance_metric\",\"timestamp\":" + (b + 100_000) + ",\"service\":\"" + svc
                + "\",\"name\":\"tick\",\"kind\":\"timer\",\"value\":1}"); // moves event time on
        // after the tick, far behind the watermark: late for every window (a new counter instance's first reading only
        // sets its
        // baseline; its second is a late increase), counted as vigil.late and in no row
        records.add(counter(svc, "c", b + 1500, 10));
        records.add(counter(svc, "c", b + 1600, 15));
        records.add(reportedDelta(svc, b + 1650, 20));
        records.add(gauge(svc, b + 1700, 99));
        records.add(histogram(svc, b + 1800, "[{\"le\":10,\"count\":50}]"));

        KafkaTopics.create(1, prefix + "performance-metrics", prefix + "dead-letters", prefix + "alerts");
        List<byte[]> bytes = new ArrayList<>();
        for (String r : records) bytes.add(r.getBytes(StandardCharsets.UTF_8));
        KafkaTopics.produce(prefix + "performance-metrics", bytes);
        VigilConfig config = TestJobConfig.create(
                prefix,
                tmp,
                "windows: {performance-metrics: {size: 10s, allowed-lateness: 5s, out-of-orderness: 2s}}\n");
        Map<String, Long> counters = MiniClusterRun.run("it-metric-kinds-" + run, env -> {
            VigilEnvironment.configure(env, config, "performance-metrics");
            PerformanceMetricsMain.job(config, true, Map.of()).build(env);
        });
        assertThat(counters.get("processed")).isEqualTo(records.size());
        assertThat(counters.get("late"))
                .as("the late increases (a total's and a reported one), gauge reading and histogram")
                .isEqualTo(4);

        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement()) {
            assertThat(SqlRows.rows(
                            s,
                            "SELECT (extract(epoch FROM bucket)::bigint * 1000 - " + b
                                    + ") / 1000, delta, rate_per_second, resets "
                                    + "FROM metric_counters_base WHERE service = '" + svc + "' ORDER BY bucket"))
                    .containsExactly("0 47 4.7 0", "10 55 5.5 1"); // PostgreSQL renders 47.0 as 47
            assertThat(SqlRows.rows(
                            s,
                            "SELECT name, last, min, max, round(avg::numeric, 4), samples FROM metric_gauges_base WHERE service = '"
                                    + svc + "' ORDER BY name"))
                    .containsExactly("process.resources 1 1 1 1.0000 2", "queue 3 3 9 5.6667 3");
            assertThat(SqlRows.rows(
                            s,
                            "SELECT instance, samples, cpu_percent_avg, cpu_percent_max, memory_bytes_max, gpu_percent_avg, queue_depth_max "
                                    + "FROM metric_resources_base WHERE service = '" + svc + "'"))
                    .containsExactly("w-1 2 60 70 300 null 4");
            assertThat(SqlRows.rows(
                            s,
                            "SELECT bounds, counts, total, p50_upper, p99_upper FROM metric_histograms_base WHERE service = '"
                                    + svc + "'"))
                    .containsExactly("{10,50,100,Infinity} {7,4,4,1} 16 50 100");
        }
    }

    private static String counter(String svc, String instance, long ts, double total) {
        return "{\"type\":\"performance_metric\",\"timestamp\":" + ts + ",\"service\":\"" + svc + "\",\"instance\":\""
                + instance + "\",\"name\":\"requests\",\"kind\":\"counter\",\"value\":" + total
                + ",\"operation\":\"GET /\"}";
    }

    private static String reportedDelta(String svc, long ts, double increase) {
        return "{\"type\":\"performance_metric\",\"timestamp\":" + ts + ",\"service\":\"" + svc
                + "\",\"instance\":\"d\",\"name\":\"requests\",\"kind\":\"delta\",\"value\":" + increase
                + ",\"operation\":\"GET /\"}";
    }

    private static String gauge(String svc, long ts, double value) {
        return "{\"type\":\"performance_metric\",\"timestamp\":" + ts + ",\"service\":\"" + svc
                + "\",\"name\":\"queue\",\"kind\":\"gauge\",\"value\":" + value + "}";
    }

    private static String histogram(String svc, long ts, String buckets) {
        return "{\"type\":\"performance_metric\",\"timestamp\":" + ts + ",\"service\":\"" + svc
                + "\",\"name\":\"query.latency\",\"kind\":\"histogram\",\"buckets\":" + buckets + "}";
    }

    private static String resource(String svc, String instance, long ts, String usage) {
        return "{\"type\":\"performance_metric\",\"timestamp\":" + ts + ",\"service\":\"" + svc + "\",\"instance\":\""
                + instance + "\",\"name\":\"process.resources\",\"kind\":\"gauge\",\"value\":1,\"resource\":" + usage
                + "}";
    }
}
