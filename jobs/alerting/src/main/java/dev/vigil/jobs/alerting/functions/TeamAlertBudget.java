package dev.vigil.jobs.alerting.functions;

import dev.vigil.runtime.detection.Alerts;
import dev.vigil.schema.event.Alert;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by team: at most {@code maxActive} conditions (fingerprints) per team are let through to
 * the lifecycle at once, so a flood of distinct alerts (a broken detector, or a bad deployment
 * raising one alert per pod) cannot page a team hundreds of times or grow state without bound.
 * Reports of further conditions are dropped and counted ({@code vigil.alertsOverBudget}), and one
 * {@value #NAME} alert per team says so (refreshed at most every {@code announceEvery}). A condition
 * unreported for {@code expireAfter} frees its place.
 */
public class TeamAlertBudget extends KeyedProcessFunction<String, Alert, Alert> {
    public static final String NAME = "AlertBudgetExceeded";
    /** The service the budget alert is raised for; it routes to the default team, not to the flooded one. */
    static final String SERVICE = "vigil-alerting";

    private final int maxActive;
    private final long expireAfter;
    private final long announceEvery;
    private transient MapState<String, Long> lastReported;
    private transient ValueState<Integer> active;
    private transient ValueState<Long> announcedAt;
    private transient Counter overBudget;

    public TeamAlertBudget(int maxActive, Duration expireAfter, Duration announceEvery) {
        this.maxActive = maxActive;
        this.expireAfter = expireAfter.toMillis();
        this.announceEvery = announceEvery.toMillis();
    }

    @Override
    public void open(OpenContext ctx) {
        lastReported =
                getRuntimeContext().getMapState(new MapStateDescriptor<>("last-reported", Types.STRING, Types.LONG));
        active = getRuntimeContext().getState(new ValueStateDescriptor<>("active", Types.INT));
        announcedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("announced-at", Types.LONG));
        overBudget = getRuntimeContext().getMetricGroup().addGroup("vigil").counter("alertsOverBudget");
    }

    @Override
    public void processElement(Alert report, Context ctx, Collector<Alert> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (lastReported.contains(report.fingerprint)) {
            lastReported.put(report.fingerprint, now);
            out.collect(report);
            return;
        }
        if (Alert.RESOLVED.equals(report.status)) {
            return; // nothing of this condition is active: there is nothing to resolve
        }
        int count = active.value() == null ? 0 : active.value();
        if (count < maxActive) {
            lastReported.put(report.fingerprint, now);
            active.update(count + 1);
            ctx.timerService().registerProcessingTimeTimer(now + expireAfter);
            out.collect(report);
            return;
        }
        overBudget.inc();
        Long announced = announcedAt.value();
        if (announced == null || now - announced >= announceEvery) {
            announcedAt.update(now);
            out.collect(Alerts.firing(
                    NAME,
                    "warning",
                    SERVICE,
                    "team=" + ctx.getCurrentKey(),
                    now,
                    now,
                    maxActive + 1,
                    maxActive,
                    "team " + ctx.getCurrentKey() + " has more than " + maxActive
                            + " active alerts; further conditions are dropped "
                            + "(see the vigil.alertsOverBudget metric)"));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        int count = active.value() == null ? 0 : active.value();
        long next = Long.MAX_VALUE;
        for (Iterator<Map.Entry<String, Long>> it = lastReported.iterator(); it.hasNext(); ) {
            long seen = it.next().getValue();
            if (timestamp - seen >= expireAfter) {
                it.remove();
                count--;
            } else {
                next = Math.min(next, seen + expireAfter);
            }
        }
        if (count <= 0) {
            lastReported.clear();
            active.clear();
            announcedAt.clear();
        } else {
            active.update(count);
            ctx.timerService()
                    .registerProcessingTimeTimer(next); // refreshed conditions expire later than their first timer
        }
    }
}
