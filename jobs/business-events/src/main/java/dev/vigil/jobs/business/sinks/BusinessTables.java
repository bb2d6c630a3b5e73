package dev.vigil.jobs.business.sinks;

import dev.vigil.jobs.business.rows.FunnelRow;
import dev.vigil.jobs.business.rows.RevenueRow;
import dev.vigil.jobs.business.rows.UsageRow;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.timescale.RowKey;
import dev.vigil.runtime.sinks.timescale.TimescaleSinks;
import java.sql.Timestamp;
import org.apache.flink.api.connector.sink2.Sink;

/** Upserts into the business-events tables (see sql/migrations/V4__business_events.sql). */
public final class BusinessTables {
    private BusinessTables() {}

    /** {@code column} is "name" for business_events_base and "feature" for business_features_base. */
    public static Sink<UsageRow> usage(VigilConfig config, String table, String column) {
        return TimescaleSinks.upsert(
                config,
                "INSERT INTO " + table + " (bucket, window_seconds, " + column
                        + ", events, unique_users, users_sketch) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bucket, window_seconds, "
                        + column
                        + ") DO UPDATE SET events = EXCLUDED.events, unique_users = EXCLUDED.unique_users, users_sketch = EXCLUDED.users_sketch",
                r -> RowKey.of(r.bucket, r.windowSeconds, r.key),
                (ps, r) -> {
                    ps.setTimestamp(1, new Timestamp(r.bucket));
                    ps.setInt(2, r.windowSeconds);
                    ps.setString(3, r.key);
                    ps.setLong(4, r.events);
                    ps.setLong(5, r.uniqueUsers);
                    ps.setBytes(6, r.usersSketch);
                });
    }

    public static Sink<FunnelRow> funnels(VigilConfig config) {
        return TimescaleSinks.upsert(
                config,
                "INSERT INTO funnel_steps_base (bucket, window_seconds, funnel, dimension, step, step_name, users) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bucket, window_seconds, funnel, dimension, step) DO UPDATE SET "
                        + "step_name = EXCLUDED.step_name, users = EXCLUDED.users",
                r -> RowKey.of(r.bucket, r.windowSeconds, r.funnel, r.dimension, r.step),
                (ps, r) -> {
                    ps.setTimestamp(1, new Timestamp(r.bucket));
                    ps.setInt(2, r.windowSeconds);
                    ps.setString(3, r.funnel);
                    ps.setString(4, r.dimension);
                    ps.setInt(5, r.step);
                    ps.setString(6, r.stepName);
                    ps.setLong(7, r.users);
                });
    }

    public static Sink<RevenueRow> revenue(VigilConfig config) {
        return TimescaleSinks.upsert(
                config,
                "INSERT INTO business_revenue_base (bucket, window_seconds, currency, revenue, purchases) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (bucket, window_seconds, currency) DO UPDATE SET revenue = EXCLUDED.revenue, "
                        + "purchases = EXCLUDED.purchases",
                r -> RowKey.of(r.bucket, r.windowSeconds, r.currency),
                (ps, r) -> {
                    ps.setTimestamp(1, new Timestamp(r.bucket));
                    ps.setInt(2, r.windowSeconds);
                    ps.setString(3, r.currency);
                    ps.setDouble(4, r.revenue);
                    ps.setLong(5, r.purchases);
                });
    }
}
