package dev.vigil.tests.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.MigratedSchema;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Grafana dashboards: each validates against Grafana's own dashboard schema (npm @grafana/schema,
 * run with node), and every TimescaleDB query in them - panels and variables, with Grafana's macros
 * and variables expanded as Grafana would - runs against real TimescaleDB holding data and returns
 * rows. Runs in its own Flyway-migrated schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsIT {
    static final Path DASHBOARDS = LocalStack.repoRoot().resolve("helm/vigil/files/dashboards");
    static final File GRAFANA_TOOLS =
            LocalStack.repoRoot().resolve("tests/grafana").toFile();
    static final Pattern TIME_GROUP = Pattern.compile("\\$__timeGroupAlias\\(([a-z_]+), \\$__interval\\)");
    static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([a-z_]+)\\)");
    static final Pattern VARIABLE = Pattern.compile("\\$([a-z]+)\\b");

    private MigratedSchema schema;
    private final Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Instant from = to.minus(6, ChronoUnit.HOURS);

    @BeforeAll
    void migrateAndSeed() throws Exception {
        schema = MigratedSchema.create("dash");
        try (Connection c = schema.connect();
                Statement s = c.createStatement()) {
            for (int m = 1; m <= 30; m++) {
                String t = "now() - interval '" + m + " minutes'";
                for (String status : List.of("status=200", "status=503")) {
                    s.execute(
                            "INSERT INTO metric_timings_1m (bucket, window_seconds, service, operation, name, tags, unit, count, sum, min, max, mean, "
                                    + "rate_per_second, p50, p90, p95, p99, p999, sketch) VALUES (" + t
                                    + ", 60, 'checkout', 'POST /pay', 'http.server.duration', '"
                                    + status + "', 'ms', 120, 2400, 5, 90, 20, 2, 18, 40, 55, 80, 90, ''::bytea)");
                }
                s.execute("INSERT INTO business_events_base VALUES (" + t + ", 60, 'purchase', 40, 35, ''::bytea)");
                s.execute("INSERT INTO business_revenue_base VALUES (" + t + ", 60, 'EUR', 420.5, 12)");
                s.execute("INSERT INTO funnel_steps_base VALUES (" + t + ", 60, 'checkout', 'DE', 0, 'signup', 50), ("
                        + t + ", 60, 'checkout', 'DE', 1, 'checkout_started', 30), (" + t
                        + ", 60, 'checkout', 'DE', 2, 'purchase', 18)");
                s.execute("INSERT INTO error_group_counts VALUES (" + t + ", 60, 'g" + (m % 3)
                        + "', 'stack', 'java.net.SocketTimeoutException', "
                        + "'Read timed out after <num> ms', ARRAY['payments'], 7, 3, " + t + ", " + t
                        + " + interval '50 seconds')");
                s.execute(
                        "INSERT INTO agent_usage (bucket, window_seconds, agent_id, model, steps, tool_calls, failures, tokens_in, tokens_out, cost, "
                                + "duration_p50, duration_p95, duration_p99) VALUES (" + t
                                + ", 60, 'support-bot', 'claude-haiku', 9, 6, 1, 5000, 800, 0.0123, 900, 2100, 2600)");
                for (int hop = 0; hop < 3; hop++) {
                    s.execute("INSERT INTO journey_hops VALUES (" + t + ", 'req-" + m + "', " + hop + ", '"
                            + List.of("gateway", "checkout", "payments").get(hop) + "', " + (10 * (hop + 1) + m) + ", "
                            + (m % 7 == 0) + ")");
                }
            }
        }
    }

    @AfterAll
    void drop() throws Exception {
        schema.close();
    }

    @Test
    void everyDashboardValidatesAgainstGrafanasSchema() throws Exception {
        if (!GRAFANA_TOOLS
                .toPath()
                .resolve("node_modules/@grafana/schema")
                .toFile()
                .isDirectory()) {
            Tools install = Tools.run(GRAFANA_TOOLS, "npm", "ci", "--no-audit", "--no-fund");
            assertThat(install.exit()).as(install.output()).isZero();
        }
        List<String> command = new ArrayList<>(List.of("node", "validate-dashboards.mjs"));
        for (Path d : dashboards()) command.add(d.toString());
        Tools r = Tools.run(GRAFANA_TOOLS, command.toArray(new String[0]));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output().lines().filter(l -> l.endsWith(": valid"))).hasSize(6);

        // The validator does reject what Grafana would: a panel whose type is not a string.
        Path broken = Files.createTempFile("broken-dashboard", ".json");
        Files.writeString(broken, "{\"schemaVersion\": 39, \"title\": \"x\", \"panels\": [{\"id\": 1, \"type\": 5}]}");
        Tools bad = Tools.run(GRAFANA_TOOLS, "node", "validate-dashboards.mjs", broken.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.output()).contains("INVALID").contains("/panels/0/type must be string");
    }

    @Test
    void everyTimescaleQueryRunsAndReturnsRows() throws Exception {
        int queries = 0;
        for (Path file : dashboards()) {
            JsonNode dashboard = Http.JSON.readTree(file.toFile());
            // Variables first: their values (all of them, as with "All" selected) feed the panels' queries.
            Map<String, List<String>> variables = new LinkedHashMap<>();
            for (JsonNode v : dashboard.at("/templating/list")) {
                if (!v.path("type").asText().equals("query") || !isTimescale(v.path("datasource"))) continue;
                List<String> values = column(expand(v.get("query").asText(), variables));
                assertThat(values)
                        .as(file.getFileName() + " variable " + v.get("name").asText())
                        .isNotEmpty();
                variables.put(v.get("name").asText(), values);
                queries++;
            }
            for (JsonNode panel : dashboard.get("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    if (!isTimescale(target.path("datasource"))) continue;
                    String sql = expand(target.get("rawSql").asText(), variables);
                    int rows = count(sql, target.path("format").asText().equals("time_series"));
                    assertThat(rows)
                            .as(file.getFileName() + " / " + panel.get("title").asText() + ":\n" + sql)
                            .isPositive();
                    queries++;
                }
            }
        }
        assertThat(queries).as("TimescaleDB queries across the dashboards").isGreaterThanOrEqualTo(25);
    }

    private static boolean isTimescale(JsonNode datasource) {
        return datasource.path("type").asText().equals("grafana-postgresql-datasource");
    }

    /** Grafana's macros as its PostgreSQL data source expands them with the TimescaleDB option on. */
    private String expand(String sql, Map<String, List<String>> variables) {
        String out = TIME_GROUP.matcher(sql).replaceAll("time_bucket('60s', $1) AS \"time\"");
        out = TIME_FILTER.matcher(out).replaceAll("$1 BETWEEN '" + from + "' AND '" + to + "'");
        out = out.replace("$__timeFrom()", "'" + from + "'").replace("$__timeTo()", "'" + to + "'");
        Matcher m = VARIABLE.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            List<String> values = variables.get(m.group(1));
            assertThat(values).as("variable $" + m.group(1) + " in " + sql).isNotNull();
            m.appendReplacement(
                    sb,
                    Matcher.quoteReplacement(String.join(
                            ",",
                            values.stream()
                                    .map(v -> "'" + v.replace("'", "''") + "'")
                                    .toList())));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private List<String> column(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = schema.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private int count(String sql, boolean timeSeries) throws Exception {
        try (Connection c = schema.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            if (timeSeries)
                assertThat(rs.getMetaData().getColumnLabel(1))
                        .as("time series need a time column first: " + sql)
                        .isEqualTo("time");
            int n = 0;
            while (rs.next()) n++;
            return n;
        }
    }

    private static List<Path> dashboards() throws Exception {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
