package dev.vigil.jobs.errors.sinks;

import dev.vigil.jobs.errors.rows.ErrorGroupRow;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.timescale.RowKey;
import dev.vigil.runtime.sinks.timescale.TimescaleSinks;
import java.sql.Timestamp;
import org.apache.flink.api.connector.sink2.Sink;

/** Upserts error group counts (see sql/migrations/V9__error_groups.sql). */
public final class ErrorTables {
    static final String GROUP_COUNTS =
            "INSERT INTO error_group_counts (bucket, window_seconds, group_id, grouped_by, error_type, message, "
                    + "services, occurrences, users, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (bucket, window_seconds, group_id) DO UPDATE SET grouped_by = EXCLUDED.grouped_by, "
                    + "error_type = EXCLUDED.error_type, message = EXCLUDED.message, services = EXCLUDED.services, "
                    + "occurrences = EXCLUDED.occurrences, users = EXCLUDED.users, first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen";

    private ErrorTables() {}

    public static Sink<ErrorGroupRow> groupCounts(VigilConfig config) {
        return TimescaleSinks.upsert(
                config, GROUP_COUNTS, r -> RowKey.of(r.bucket, r.windowSeconds, r.groupId), (ps, r) -> {
                    ps.setTimestamp(1, new Timestamp(r.bucket));
                    ps.setInt(2, r.windowSeconds);
                    ps.setString(3, r.groupId);
                    ps.setString(4, r.groupedBy);
                    ps.setString(5, r.errorType);
                    ps.setString(6, r.message);
                    ps.setArray(7, ps.getConnection().createArrayOf("text", r.services));
                    ps.setLong(8, r.occurrences);
                    ps.setLong(9, r.users);
                    ps.setTimestamp(10, new Timestamp(r.firstSeen));
                    ps.setTimestamp(11, new Timestamp(r.lastSeen));
                });
    }
}
