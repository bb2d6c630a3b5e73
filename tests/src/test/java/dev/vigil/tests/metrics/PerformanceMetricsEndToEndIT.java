package dev.vigil.tests.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.jobs.metrics.PerformanceMetricsMain;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.MiniClusterRun;
import dev.vigil.tests.stack.TestJobConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timers from real Kafka to TimescaleDB: every base and rollup row checked against a plain reference
 * computation over the raw values (counts and sums exact, quantiles within the sketch's 1% error).
 */
class PerformanceMetricsEndToEndIT {
    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 0.999};

    @Test
    void aggregatesAndRollsUpExactlyAsAReferenceComputation(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "pm" + run + ".";
        String service = "pm-" + run;
        long base = (System.currentTimeMillis() - 20 * 60_000) / 60_000 * 60_000;

        // two series (status 200 and 500; the pod tag is not kept), 150 s of one timer per 100 ms each
        Map<String, List<long[]>> raw = new HashMap<>(); // "status|bucketStart(10s)|bucketStart(1m)" -> (ts, value*10)
        List<byte[]> records = new ArrayList<>();
        Random r = new Random(11);
        Map<String, List<Double>> byBase = new TreeMap<>();
        Map<String, List<Double>> byMinute = new TreeMap<>();
        for (int i = 0; i < 1500; i++) {
            for (String status : new String[] {"200", "500"}) {
                long ts = base + i * 100L;
                double value =
                        Math.round(Math.exp((status.equals("200") ? 3 : 5) + 0.6 * r.nextGaussian()) * 10) / 10.0;
                records.add(timer(service, ts, value, status, "pod-" + (i % 3)).getBytes(StandardCharsets.UTF_8));
                byBase.computeIfAbsent(status + "@" + (ts / 10_000 * 10_000), k -> new ArrayList<>())
                        .add(value);
                byMinute.computeIfAbsent(status + "@" + (ts / 60_000 * 60_000), k -> new ArrayList<>())
                        .add(value);
            }
        }
        records.add(
                timer(service, base + 200_000, 1.0, "200", "pod-0").getBytes(StandardCharsets.UTF_8)); // advances time
        byBase.computeIfAbsent("200@" + ((base + 200_000) / 10_000 * 10_000), k -> new ArrayList<>())
                .add(1.0);
        byMinute.computeIfAbsent("200@" + ((base + 200_000) / 60_000 * 60_000), k -> new ArrayList<>())
                .add(1.0);
        records.add(timer(service, base + 1_000, 9999.0, "200", "pod-0")
                .getBytes(StandardCharsets.UTF_8)); // beyond lateness
        records.add(("{\"type\":\"performance_metric\",\"timestamp\":" + base + ",\"service\":\"" + service
                        + "\",\"name\":\"cpu\",\"kind\":\"gauge\",\"value\":0.5}")
                .getBytes(StandardCharsets.UTF_8)); // not a timer, late too
        records.add("{broken".getBytes(StandardCharsets.UTF_8));

        KafkaTopics.create(1, prefix + "performance-metrics", prefix + "dead-letters", prefix + "alerts");
        KafkaTopics.produce(prefix + "performance-metrics", records);

        VigilConfig config = TestJobConfig.create(
                prefix,
                tmp,
                "windows: {performance-metrics: {type: tumbling, size: 10s, allowed-lateness: 30s, out-of-orderness: 2s}}\nmetrics: {kept-tags: [status]}\n");
        Map<String, Long> counters = MiniClusterRun.run("it-metrics-" + run, env -> {
            VigilEnvironment.configure(env, config, "performance-metrics");
            PerformanceMetricsMain.job(config, true, Map.of()).build(env);
        });

        assertThat(counters.get("received")).isEqualTo(records.size());
        assertThat(counters.get("processed")).isEqualTo(records.size() - 1);
        assertThat(counters.get("deadLettered.MALFORMED_JSON.records")).isEqualTo(1);
        assertThat(counters.get("late"))
                .as("the timer beyond the lateness and the gauge after it")
                .isEqualTo(2);

        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement()) {
            checkLevel(s, "metric_timings_base", service, 10, byBase);
            checkLevel(s, "metric_timings_1m", service, 60, byMinute);
            Map<String, List<Double>> byHour = new TreeMap<>();
            byMinute.forEach((k, v) -> byHour.computeIfAbsent(
                            k.substring(0, k.indexOf('@') + 1)
                                    + (Long.parseLong(k.substring(k.indexOf('@') + 1)) / 3_600_000 * 3_600_000),
                            x -> new ArrayList<>())
                    .addAll(v));
            checkLevel(s, "metric_timings_1h", service, 3600, byHour);
        }
    }

    /** Every row of the level matches the reference for its bucket and series, and no bucket is missing. */
    private static void checkLevel(
            Statement s, String table, String service, int windowSeconds, Map<String, List<Double>> reference)
            throws Exception {
        int rows = 0;
        try (ResultSet rs = s.executeQuery(
                "SELECT tags, extract(epoch FROM bucket)::bigint * 1000, window_seconds, count, sum, min, max, "
                        + "p50, p90, p95, p99, p999, operation, name FROM " + table + " WHERE service = '" + service
                        + "'")) {
            while (rs.next()) {
                rows++;
                String series = rs.getString(1).replace("status=", "") + "@" + rs.getLong(2);
                assertThat(reference)
                        .as(table + " has an unexpected row " + series)
                        .containsKey(series);
                double[] values = reference.get(series).stream()
                        .mapToDouble(Double::doubleValue)
                        .sorted()
                        .toArray();
                assertThat(rs.getInt(3)).isEqualTo(windowSeconds);
                assertThat(rs.getLong(4)).as(table + " " + series + " count").isEqualTo(values.length);
                assertThat(rs.getDouble(5))
                        .as(table + " " + series + " sum")
                        .isCloseTo(Arrays.stream(values).sum(), within(1e-6));
                assertThat(rs.getDouble(6)).isEqualTo(values[0]);
                assertThat(rs.getDouble(7)).isEqualTo(values[values.length - 1]);
                for (int q = 0; q < QUANTILES.length; q++) {
                    double expected = values[(int) Math.floor(QUANTILES[q] * (values.length - 1))];
                    assertThat(rs.getDouble(8 + q))
                            .as(table + " " + series + " p" + QUANTILES[q] * 100)
                            .isCloseTo(expected, within(expected * 0.0101));
                }
                assertThat(rs.getString(13)).isEqualTo("GET /cart");
                assertThat(rs.getString(14)).isEqualTo("http.server.duration");
            }
        }
        assertThat(rows).as(table + " rows").isEqualTo(reference.size());
    }

    private static String timer(String service, long ts, double value, String status, String pod) {
        return "{\"type\":\"performance_metric\",\"timestamp\":" + ts + ",\"service\":\"" + service
                + "\",\"name\":\"http.server.duration\","
                + "\"kind\":\"timer\",\"value\":" + value
                + ",\"unit\":\"ms\",\"operation\":\"GET /cart\",\"tags\":{\"status\":\"" + status
                + "\",\"pod\":\"" + pod + "\"}}";
    }
}
