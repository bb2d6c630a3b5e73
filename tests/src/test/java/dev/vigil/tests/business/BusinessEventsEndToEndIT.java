package dev.vigil.tests.business;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.business.BusinessEventsMain;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Business KPIs from real Kafka to TimescaleDB, against counts kept by the test itself. */
class BusinessEventsEndToEndIT {

    @Test
    void countsUsersRevenueAndFeaturesPerWindow(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "be" + run + ".";
        long b = (System.currentTimeMillis() - 600_000) / 60_000 * 60_000;
        List<byte[]> records = new ArrayList<>();
        Map<String, Integer> events = new TreeMap<>();
        Map<String, Set<String>> users = new TreeMap<>();
        Map<String, Double> revenue = new TreeMap<>();
        Map<String, Integer> purchases = new TreeMap<>();
        // 300 users in the first minute: all sign up, every third buys (currency by user), every fifth uses the feature
        for (int u = 0; u < 300; u++) {
            String user = "u" + u + "-" + run;
            long t = b + u * 100L;
            add(records, events, users, "signup-" + run, user, t, null, null, null, u % 2 == 0 ? "DE" : "US");
            if (u % 3 == 0) {
                String currency = u % 2 == 0 ? "EUR" : "USD";
                double value = 10 + u % 7;
                add(records, events, users, "purchase-" + run, user, t + 50, value, currency, null, null);
                revenue.merge(currency, value, Double::sum);
                purchases.merge(currency, 1, Integer::sum);
            }
            if (u % 5 == 0)
                add(records, events, users, "export-" + run, user, t + 60, null, null, "csv-export-" + run, null);
        }
        records.add(("{\"type\":\"business_event\",\"timestamp\":" + (b + 120_000)
                        + ",\"service\":\"shop\",\"name\":\"tick-" + run + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        KafkaTopics.create(1, prefix + "business-events", prefix + "dead-letters", prefix + "alerts");
        KafkaTopics.produce(prefix + "business-events", records);

        VigilConfig config = TestJobConfig.create(
                prefix,
                tmp,
                "windows: {business-events: {size: 1min, allowed-lateness: 10s, out-of-orderness: 2s}}\n"
                        + "funnels: [\"name=f" + run + ";steps=signup-" + run + ">purchase-" + run
                        + ";within=1min;by=country\"]\n");
        Map<String, Long> counters = MiniClusterRun.run("it-business-" + run, env -> {
            VigilEnvironment.configure(env, config, "business-events");
            BusinessEventsMain.job(config, true, Map.of()).build(env);
        });
        assertThat(counters.get("processed")).isEqualTo(records.size());

        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement()) {
            for (String name : List.of("signup-" + run, "purchase-" + run)) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT events, unique_users, window_seconds, extract(epoch FROM bucket)::bigint * 1000 "
                                + "FROM business_events_base WHERE name = '" + name + "'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(events.get(name).longValue());
                    // HyperLogLog: within 2% of the true distinct count
                    assertThat((double) rs.getLong(2))
                            .isCloseTo(
                                    users.get(name).size(),
                                    org.assertj.core.api.Assertions.within(
                                            users.get(name).size() * 0.02));
                    assertThat(rs.getInt(3)).isEqualTo(60);
                    assertThat(rs.getLong(4)).isEqualTo(b);
                    assertThat(rs.next()).isFalse();
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT events, unique_users FROM business_features_base WHERE feature = 'csv-export-" + run
                            + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(60);
                assertThat(rs.getLong(2)).isBetween(59L, 61L);
            }
            // funnel: everyone signs up (half DE, half US), every third buys within the minute
            List<String> funnel = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT dimension, step, step_name, users, dropped_since_previous, conversion_from_first "
                            + "FROM funnel_conversion WHERE funnel = 'f" + run + "' ORDER BY dimension, step")) {
                while (rs.next()) {
                    funnel.add(rs.getString(1) + " " + rs.getInt(2) + " "
                            + rs.getString(3).replace("-" + run, "") + " " + rs.getLong(4) + " " + rs.getString(5) + " "
                            + String.format("%.4f", rs.getDouble(6)));
                }
            }
            assertThat(funnel)
                    .containsExactly(
                            "DE 0 signup 150 null 1.0000",
                            "DE 1 purchase 50 100 0.3333",
                            "US 0 signup 150 null 1.0000",
                            "US 1 purchase 50 100 0.3333");

            Map<String, String> rows = new TreeMap<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT currency, revenue, purchases FROM business_revenue_base " + "WHERE bucket = to_timestamp("
                            + b / 1000 + ") AND window_seconds = 60 AND currency IN ('EUR', 'USD')")) {
                while (rs.next()) rows.put(rs.getString(1), rs.getDouble(2) + "/" + rs.getLong(3));
            }
            // other tests may write revenue to the same bucket; this run's purchases are the only ones in it with this
            // exact minute
            assertThat(rows)
                    .containsEntry("EUR", revenue.get("EUR") + "/" + purchases.get("EUR"))
                    .containsEntry("USD", revenue.get("USD") + "/" + purchases.get("USD"));
        }
    }

    private static void add(
            List<byte[]> records,
            Map<String, Integer> events,
            Map<String, Set<String>> users,
            String name,
            String user,
            long ts,
            Double value,
            String currency,
            String feature,
            String country) {
        String json = "{\"type\":\"business_event\",\"timestamp\":" + ts + ",\"service\":\"shop\",\"name\":\"" + name
                + "\",\"user_id\":\""
                + user + "\"" + (value == null ? "" : ",\"value\":" + value + ",\"currency\":\"" + currency + "\"")
                + (feature == null ? "" : ",\"feature\":\"" + feature + "\"")
                + (country == null ? "" : ",\"properties\":{\"country\":\"" + country + "\"}") + "}";
        records.add(json.getBytes(StandardCharsets.UTF_8));
        events.merge(name, 1, Integer::sum);
        users.computeIfAbsent(name, k -> new HashSet<>()).add(user);
    }
}
