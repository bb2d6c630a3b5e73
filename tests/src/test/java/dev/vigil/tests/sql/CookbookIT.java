package dev.vigil.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.MigratedSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every query of the analyst cookbook ({@code sql/queries/}), unchanged, against real TimescaleDB
 * loaded with known rows. Each run gets its own schema (migrated by Flyway like production), so
 * other data never changes the answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CookbookIT {
    private MigratedSchema schema;

    @BeforeAll
    void migrate() throws Exception {
        schema = MigratedSchema.create("cookbook");
    }

    @AfterAll
    void drop() throws Exception {
        schema.close();
    }

    private List<String> run(String query, String... setup) throws Exception {
        return runSql(
                Files.readString(LocalStack.repoRoot().resolve("sql/queries/" + query), StandardCharsets.UTF_8), setup);
    }

    private List<String> runSql(String sql, String... setup) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = schema.connect();
                Statement s = c.createStatement()) {
            // each query sees only its own test's rows
            s.execute(
                    "TRUNCATE metric_timings_1m, metric_timings_1h, business_revenue_base, funnel_steps_base, agent_usage");
            for (String statement : setup) s.execute(statement);
            try (ResultSet rs = s.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= n; i++) sb.append(i > 1 ? " | " : "").append(rs.getString(i));
                    rows.add(sb.toString());
                }
            }
        }
        return rows;
    }

    private static String timing(
            String table, String bucket, String service, String operation, String tags, long count, double p95) {
        return "INSERT INTO " + table
                + " (bucket, window_seconds, service, operation, name, tags, unit, count, sum, min, max, mean, "
                + "rate_per_second, p50, p90, p95, p99, p999, sketch) VALUES (" + bucket + ", 60, '" + service + "', '"
                + operation
                + "', 'http.server.duration', '" + tags + "', 'ms', " + count + ", 0, 0, 0, 0, 0, 0, 0, " + p95
                + ", 0, 0, ''::bytea)";
    }

    @Test
    void p99LatencyByServiceMergesSketchesAcrossOperationsAndMinutes() throws Exception {
        java.util.Random r = new java.util.Random(17);
        List<String> inserts = new ArrayList<>();
        java.util.Map<String, List<Double>> raw = new java.util.TreeMap<>();
        java.util.Map<String, com.datadoghq.sketch.ddsketch.DDSketch> merged = new java.util.TreeMap<>();
        long minute = (System.currentTimeMillis() / 60_000 - 30) * 60_000;
        for (String service : List.of("search", "checkout")) {
            for (String operation : List.of("GET /a", "GET /b")) {
                for (int m = 0; m < 3; m++) {
                    dev.vigil.jobs.metrics.functions.TimingStats stats =
                            new dev.vigil.jobs.metrics.functions.TimingStats();
                    for (int i = 0; i < 200; i++) {
                        double v = Math.exp((service.equals("search") ? 3 : 5)
                                + 0.5 * r.nextGaussian()
                                + (operation.endsWith("b") ? 0.7 : 0));
                        stats.add(v);
                        raw.computeIfAbsent(service, k -> new ArrayList<>()).add(v);
                    }
                    long bucket = minute + m * 60_000L;
                    dev.vigil.jobs.metrics.rows.TimingRow row = dev.vigil.jobs.metrics.functions.Timings.row(
                            new dev.vigil.jobs.metrics.functions.Series(service, operation, "http.server.duration", ""),
                            new org.apache.flink.streaming.api.windowing.windows.TimeWindow(bucket, bucket + 60_000),
                            stats);
                    merged.computeIfAbsent(service, k -> dev.vigil.runtime.sketches.Sketches.empty())
                            .mergeWith(dev.vigil.runtime.sketches.Sketches.decode(row.sketch));
                    inserts.add(
                            "INSERT INTO metric_timings_1m (bucket, window_seconds, service, operation, name, tags, unit, count, sum, min, max, "
                                    + "mean, rate_per_second, p50, p90, p95, p99, p999, sketch, bin_indexes, bin_counts, zero_count) VALUES (to_timestamp("
                                    + bucket / 1000 + "), 60, '" + service + "', '" + operation
                                    + "', 'http.server.duration', '', 'ms', " + row.count
                                    + ", 0, 0, 0, 0, 0, 0, 0, 0, " + row.p99 + ", 0, ''::bytea, '"
                                    + java.util.Arrays.toString(row.binIndexes)
                                            .replace('[', '{')
                                            .replace(']', '}') + "', '"
                                    + java.util.Arrays.toString(row.binCounts)
                                            .replace('[', '{')
                                            .replace(']', '}') + "', " + row.zeroCount + ")");
                }
            }
        }
        List<String> rows = run("p99_latency_by_service_24h.sql", inserts.toArray(new String[0]));
        assertThat(rows).hasSize(2);
        for (String row : rows) {
            String[] f = row.split(" \\| ");
            double sql = Double.parseDouble(f[2]);
            assertThat(Long.parseLong(f[1])).isEqualTo(1200);
            // the same answer as merging the sketches in Java ...
            assertThat(sql)
                    .isCloseTo(merged.get(f[0]).getValueAtQuantile(0.99), org.assertj.core.api.Assertions.within(0.01));
            // ... and within the sketch's 1% of the true p99 of the raw values
            double[] values = raw.get(f[0]).stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            double truth = values[(int) Math.floor(0.99 * (values.length - 1))];
            assertThat(sql).isCloseTo(truth, org.assertj.core.api.Assertions.within(truth * 0.0101));
        }
        assertThat(rows.get(0)).startsWith("checkout | ");
    }

    @Test
    void errorBudgetBurn() throws Exception {
        String recent = "date_trunc('minute', now()) - interval '10 minutes'";
        String older = "date_trunc('minute', now()) - interval '3 hours'";
        List<String> rows = run(
                "error_budget_burn.sql",
                timing("metric_timings_1m", recent, "checkout", "POST /pay", "status=200", 9_980, 0),
                timing("metric_timings_1m", recent, "checkout", "POST /pay", "status=503", 20, 0),
                timing("metric_timings_1m", older, "checkout", "POST /pay", "status=200", 10_000, 0),
                timing("metric_timings_1m", recent, "search", "GET /q", "region=eu,status=200", 5_000, 0),
                timing("metric_timings_1m", "now() - interval '7 hours'", "search", "GET /q", "status=500", 999, 0));
        // checkout: 20 errors of 10,000 in the last hour = 0.2% = 2x the 0.1% budget; over 6 h 20 of 20,000 = 1x
        assertThat(rows)
                .containsExactly(
                        "checkout | 10000 | 20 | 2.00 | 20000 | 20 | 1.00",
                        "search | 5000 | 0 | 0.00 | 5000 | 0 | 0.00");
    }

    @Test
    void p95RegressionsVersusLastWeek() throws Exception {
        String hour = "date_trunc('hour', now()) - interval '2 hours'";
        List<String> rows = run(
                "p95_regressions_vs_last_week.sql",
                timing("metric_timings_1h", hour, "search", "GET /q", "", 100, 300),
                timing("metric_timings_1h", hour + " - interval '7 days'", "search", "GET /q", "", 100, 120),
                timing("metric_timings_1h", hour, "checkout", "POST /pay", "", 100, 110),
                timing("metric_timings_1h", hour + " - interval '7 days'", "checkout", "POST /pay", "", 100, 100),
                timing("metric_timings_1h", hour, "cart", "GET /cart", "", 100, 50));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).startsWith("search | GET /q | ").endsWith(" | 120.0 | 300.0 | 2.50");
    }

    @Test
    void revenuePerHourByCurrency() throws Exception {
        String h = "date_trunc('hour', now()) - interval '3 hours'";
        List<String> rows = run(
                "revenue_per_hour_by_currency.sql",
                "INSERT INTO business_revenue_base VALUES (" + h + ", 60, 'EUR', 100.5, 3)",
                "INSERT INTO business_revenue_base VALUES (" + h + " + interval '1 minute', 60, 'EUR', 49.5, 1)",
                "INSERT INTO business_revenue_base VALUES (" + h + " + interval '5 minutes', 60, 'USD', 20, 2)",
                "INSERT INTO business_revenue_base VALUES (" + h + " + interval '1 hour', 60, 'EUR', 10, 1)",
                "INSERT INTO business_revenue_base VALUES (now() - interval '3 days', 60, 'EUR', 999, 9)");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).endsWith(" | EUR | 150.00 | 4");
        assertThat(rows.get(1)).endsWith(" | USD | 20.00 | 2");
        assertThat(rows.get(2)).endsWith(" | EUR | 10.00 | 1");
    }

    @Test
    void funnelConversionByDayAndDimension() throws Exception {
        String d = "date_trunc('day', now()) - interval '1 day'";
        List<String> rows = run(
                "funnel_conversion_by_day.sql",
                "INSERT INTO funnel_steps_base VALUES (" + d + ", 60, 'checkout', 'DE', 0, 'signup', 80)",
                "INSERT INTO funnel_steps_base VALUES (" + d
                        + " + interval '2 hours', 60, 'checkout', 'DE', 0, 'signup', 20)",
                "INSERT INTO funnel_steps_base VALUES (" + d
                        + " + interval '2 hours', 60, 'checkout', 'DE', 1, 'purchase', 25)",
                "INSERT INTO funnel_steps_base VALUES (" + d + ", 60, 'checkout', 'US', 0, 'signup', 50)",
                "INSERT INTO funnel_steps_base VALUES (" + d + ", 60, 'checkout', 'US', 1, 'purchase', 5)");
        assertThat(rows).hasSize(4);
        assertThat(rows)
                .extracting(r -> r.substring(r.indexOf(" | ") + 3))
                .containsExactly(
                        "checkout | DE | 0 | signup | 100 | 1.0000",
                        "checkout | DE | 1 | purchase | 25 | 0.2500",
                        "checkout | US | 0 | signup | 50 | 1.0000",
                        "checkout | US | 1 | purchase | 5 | 0.1000");
    }

    @Test
    void analystViews() throws Exception {
        List<String> rows = runSql(
                "SELECT currency, revenue, purchases FROM revenue_daily ORDER BY currency",
                "INSERT INTO business_revenue_base VALUES (date_trunc('day', now()) + interval '1 hour', 60, 'EUR', 10.25, 1)",
                "INSERT INTO business_revenue_base VALUES (date_trunc('day', now()) + interval '2 hours', 60, 'EUR', 5, 2)",
                "INSERT INTO business_revenue_base VALUES (date_trunc('day', now()) + interval '2 hours', 60, 'GBP', 7, 1)");
        assertThat(rows).containsExactly("EUR | 15.25 | 3", "GBP | 7.00 | 1");
        assertThat(
                        runSql(
                                "SELECT agent_id, steps, cost_usd FROM agent_cost_daily",
                                "INSERT INTO agent_usage VALUES (date_trunc('day', now()), 60, 'bot', 'm', 3, 1, 0, 10, 1, 0.5, 1, 2, 3, NULL)",
                                "INSERT INTO agent_usage VALUES (date_trunc('day', now()) + interval '1 minute', 60, 'bot', 'm', 2, 1, 0, 10, 1, 0.25, 1, 2, 3, NULL)"))
                .containsExactly("bot | 5 | 0.7500");
        assertThat(runSql(
                        "SELECT service, operation, requests, p95_ms FROM latency_by_endpoint_hourly",
                        timing("metric_timings_1h", "date_trunc('hour', now())", "search", "GET /q", "", 42, 123.456)))
                .containsExactly("search | GET /q | 42 | 123.46");
    }

    @Test
    void topAgentsByCost() throws Exception {
        List<String> rows = run(
                "top_agents_by_cost.sql",
                "INSERT INTO agent_usage VALUES (now() - interval '1 day', 60, 'support-bot', 'gpt', 10, 8, 1, 1000, 100, 1.25, 1, 2, 3, NULL)",
                "INSERT INTO agent_usage VALUES (now() - interval '2 days', 60, 'support-bot', 'gpt', 30, 20, 2, 3000, 300, 2.75, 1, 2, 3, NULL)",
                "INSERT INTO agent_usage VALUES (now() - interval '1 day', 60, 'triage-bot', 'llama', 100, 0, 50, 500, 50, 0.5, 1, 2, 3, NULL)",
                "INSERT INTO agent_usage VALUES (now() - interval '30 days', 60, 'old-bot', 'gpt', 1, 1, 0, 1, 1, 99, 1, 2, 3, NULL)");
        assertThat(rows)
                .containsExactly(
                        "support-bot | gpt | 4.0000 | 40 | 28 | 0.0750 | 4000 | 400",
                        "triage-bot | llama | 0.5000 | 100 | 0 | 0.5000 | 500 | 50");
    }
}
