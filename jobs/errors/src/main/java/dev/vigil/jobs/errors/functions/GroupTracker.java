package dev.vigil.jobs.errors.functions;

import dev.vigil.jobs.errors.rows.ErrorGroupRow;
import dev.vigil.runtime.detection.Alerts;
import dev.vigil.runtime.state.StateExpiry;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.rows.ErrorGroup;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by group: the group's whole life from its window rows. A group never seen before raises
 * {@code NewErrorGroup}; one seen again after {@code regressionAfter} without an occurrence raises
 * {@code ErrorRegression}. Emits the updated group document per row.
 */
public class GroupTracker extends KeyedProcessFunction<String, ErrorGroupRow, ErrorGroup> {
    public static final String NEW_GROUP = "NewErrorGroup";
    public static final String REGRESSION = "ErrorRegression";
    public static final OutputTag<Alert> ALERTS =
            new OutputTag<>("error-group-alerts", TypeInformation.of(Alert.class));

    private final long regressionAfter;
    private final Duration ttl;
    /** How long a window can still fire again (its size plus the allowed lateness). */
    private final long refireHorizon;

    private transient ValueState<ErrorGroup> group;
    /** Occurrences already counted per window start, so a window that fires again (late data) adds only the difference. */
    private transient MapState<Long, Long> counted;

    public GroupTracker(Duration regressionAfter, Duration ttl, Duration refireHorizon) {
        this.regressionAfter = regressionAfter.toMillis();
        this.ttl = ttl;
        this.refireHorizon = refireHorizon.toMillis();
    }

    @Override
    public void open(OpenContext ctx) {
        ValueStateDescriptor<ErrorGroup> d = new ValueStateDescriptor<>("group", TypeInformation.of(ErrorGroup.class));
        d.enableTimeToLive(StateExpiry.afterLastWrite(ttl));
        group = getRuntimeContext().getState(d);
        counted = getRuntimeContext().getMapState(countedDescriptor(ttl));
    }

    @Override
    public void processElement(ErrorGroupRow row, Context ctx, Collector<ErrorGroup> out) throws Exception {
        ErrorGroup g = group.value();
        Long before = counted.get(row.bucket);
        long added = row.occurrences - (before == null ? 0 : before);
        counted.put(row.bucket, row.occurrences);
        forgetClosedWindows(row.bucket);
        String service = row.services.length > 0 ? row.services[0] : "";
        if (g == null) {
            g = new ErrorGroup();
            g.groupId = row.groupId;
            g.groupedBy = row.groupedBy;
            g.errorType = row.errorType;
            g.message = row.message;
            g.services = row.services;
            g.firstSeen = row.firstSeen;
            g.lastSeen = row.lastSeen;
            g.occurrences = row.occurrences;
            g.status = ErrorGroup.NEW;
            ctx.output(
                    ALERTS,
                    alert(
                            NEW_GROUP,
                            "info",
                            service,
                            row,
                            0,
                            "new error in " + service + ": " + row.errorType + ": " + row.message));
        } else {
            if (row.firstSeen - g.lastSeen >= regressionAfter) {
                g.status = ErrorGroup.REGRESSED;
                g.regressedAt = row.firstSeen;
                long quietDays = (row.firstSeen - g.lastSeen) / 86_400_000L;
                ctx.output(
                        ALERTS,
                        alert(
                                REGRESSION,
                                "warning",
                                service,
                                row,
                                g.lastSeen,
                                row.errorType + " is back in " + service + " after " + quietDays + " quiet days: "
                                        + row.message));
            } else if (ErrorGroup.NEW.equals(g.status) && row.firstSeen > g.lastSeen) {
                g.status = ErrorGroup.ONGOING;
            }
            g.occurrences += added;
            g.firstSeen = Math.min(g.firstSeen, row.firstSeen);
            g.lastSeen = Math.max(g.lastSeen, row.lastSeen);
            for (String s : row.services) g.services = SortedNames.with(g.services, s, ErrorGroup.MAX_SERVICES);
        }
        group.update(g);
        out.collect(copy(g));
    }

    static MapStateDescriptor<Long, Long> countedDescriptor(Duration ttl) {
        MapStateDescriptor<Long, Long> c = new MapStateDescriptor<>("counted", Types.LONG, Types.LONG);
        c.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
        return c;
    }

    private void forgetClosedWindows(long newest) throws Exception {
        java.util.Iterator<Long> buckets = counted.keys().iterator();
        while (buckets.hasNext()) {
            if (buckets.next() < newest - refireHorizon) buckets.remove();
        }
    }

    private static Alert alert(
            String name, String severity, String service, ErrorGroupRow row, double baseline, String summary) {
        Alert a = Alerts.firing(
                name,
                severity,
                service,
                row.groupId,
                row.bucket,
                row.bucket + row.windowSeconds * 1000L,
                row.occurrences,
                baseline,
                summary);
        a.labels.put("group_id", row.groupId);
        return a;
    }

    private static ErrorGroup copy(ErrorGroup g) {
        ErrorGroup c = new ErrorGroup();
        c.groupId = g.groupId;
        c.groupedBy = g.groupedBy;
        c.errorType = g.errorType;
        c.message = g.message;
        c.services = g.services.clone();
        c.occurrences = g.occurrences;
        c.firstSeen = g.firstSeen;
        c.lastSeen = g.lastSeen;
        c.status = g.status;
        c.regressedAt = g.regressedAt;
        return c;
    }
}
