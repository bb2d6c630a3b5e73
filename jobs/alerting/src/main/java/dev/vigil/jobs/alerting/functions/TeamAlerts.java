package dev.vigil.jobs.alerting.functions;

import dev.vigil.runtime.detection.Alerts;
import dev.vigil.schema.event.Alert;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by team: the team's active alerts, one per fingerprint (alert name + series; never the severity), and the
 * team's budget of them, in one step, so that a report is handed between tasks once (by team) rather than twice
 * (by team for the budget, then by fingerprint).
 *
 * <p><b>Budget</b>: at most {@code maxActive} conditions per team hold an alert at once, so a flood of distinct
 * alerts (a broken detector, or a bad deployment raising one alert per pod) cannot page a team hundreds of times or
 * grow state without bound. Reports of further conditions are dropped and counted ({@code vigil.alertsOverBudget}),
 * and one {@value #BUDGET_ALERT} alert per team says so (reported again at most every {@code resolveAfter}). A
 * condition's place is freed when its alert is forgotten.
 *
 * <p><b>Lifecycle</b>: reports from detectors (re)activate and refresh an alert; its tick every {@code resend} (from
 * when it was raised, rounded up to a tenth of {@code resend}) escalates it ({@link EscalationStep}), resolves it when no detector reported it for {@code
 * resolveAfter}, and sends it again, so an Alertmanager that was down or restarted gets every alert. A resolved
 * alert is sent (with its endsAt) for {@code resolvedKept}, then forgotten with its state.
 */
public class TeamAlerts extends KeyedProcessFunction<String, Alert, Alert> {
    public static final String BUDGET_ALERT = "AlertBudgetExceeded";
    /** The service the budget alert is raised for; it routes to the default team, not to the flooded one. */
    static final String BUDGET_SERVICE = "vigil-alerting";

    private final int maxActive;
    private final List<EscalationStep> escalation;
    private final AlertRouting routing;
    private final long resend;
    private final long resolveAfter;
    private final long resolvedKept;
    /** Ticks fall on multiples of it, so a team's alerts share at most ten tick times per resend interval. */
    private final long tickGrid;

    private transient MapState<String, ActiveAlert> alerts;
    private transient ValueState<Integer> placesTaken;
    private transient ValueState<Long> announcedAt;
    private transient Counter raised;
    private transient Counter escalated;
    private transient Counter resolved;
    private transient Counter overBudget;

    public TeamAlerts(
            int maxActive,
            List<EscalationStep> escalation,
            AlertRouting routing,
            Duration resend,
            Duration resolveAfter,
            Duration resolvedKept) {
        this.maxActive = maxActive;
        this.escalation = escalation;
        this.routing = routing;
        this.resend = resend.toMillis();
        this.resolveAfter = resolveAfter.toMillis();
        this.resolvedKept = resolvedKept.toMillis();
        this.tickGrid = Math.max(1, this.resend / 10);
    }

    @Override
    public void open(OpenContext ctx) {
        alerts = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("alerts", Types.STRING, TypeInformation.of(ActiveAlert.class)));
        placesTaken = getRuntimeContext().getState(new ValueStateDescriptor<>("places-taken", Types.INT));
        announcedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("announced-at", Types.LONG));
        var group = getRuntimeContext().getMetricGroup().addGroup("vigil");
        raised = group.counter("alertsRaised");
        escalated = group.counter("alertsEscalated");
        resolved = group.counter("alertsResolved");
        overBudget = group.counter("alertsOverBudget");
    }

    @Override
    public void processElement(Alert report, Context ctx, Collector<Alert> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        ActiveAlert s = alerts.get(report.fingerprint);
        if (s == null) {
            if (Alert.RESOLVED.equals(report.status)) return; // nothing of this condition is active: nothing to resolve
            int taken = placesTaken.value() == null ? 0 : placesTaken.value();
            if (taken >= maxActive) {
                overBudget(now, ctx, out);
                return;
            }
            placesTaken.update(taken + 1);
            s = raise(report, now, ctx, out);
            s.holdsPlace = true;
        } else {
            refresh(s, report, now, out);
        }
        alerts.put(report.fingerprint, s);
    }

    /** A further condition while the team's places are taken: dropped and counted, and said once in a while. */
    private void overBudget(long now, Context ctx, Collector<Alert> out) throws Exception {
        overBudget.inc();
        Long announced = announcedAt.value();
        if (announced != null && now - announced < resolveAfter) return;
        announcedAt.update(now);
        Alert notice = Alerts.firing(
                BUDGET_ALERT,
                "warning",
                BUDGET_SERVICE,
                "team=" + ctx.getCurrentKey(),
                now,
                now,
                maxActive + 1,
                maxActive,
                "team " + ctx.getCurrentKey() + " has more than " + maxActive
                        + " active alerts; further conditions are dropped (see the vigil.alertsOverBudget metric)");
        ActiveAlert s = alerts.get(notice.fingerprint);
        if (s == null) s = raise(notice, now, ctx, out); // holds no place: it is about the budget itself
        else refresh(s, notice, now, out);
        alerts.put(notice.fingerprint, s);
    }

    /** A new alert for a report of a condition without one, sent at once; its ticks start now. */
    private ActiveAlert raise(Alert report, long now, Context ctx, Collector<Alert> out) {
        ActiveAlert s = new ActiveAlert();
        start(s, report, now, out);
        s.nextTick = tickAfter(now);
        ctx.timerService().registerProcessingTimeTimer(s.nextTick);
        return s;
    }

    private void start(ActiveAlert s, Alert report, long now, Collector<Alert> out) {
        s.current = copy(report);
        s.current.startsAt = now;
        s.levelSince = now;
        s.levelObserved = report.observed;
        s.lastReport = now;
        s.resolvedAt = 0;
        s.superseded = null;
        s.escalations = 0;
        raised.inc();
        send(s.current, now, out);
    }

    /** A report of a condition that has an alert, firing or resolved and still kept. */
    private void refresh(ActiveAlert s, Alert report, long now, Collector<Alert> out) {
        if (Alert.RESOLVED.equals(report.status)) {
            if (s.resolvedAt == 0) resolve(s, now, out);
            return;
        }
        if (s.resolvedAt != 0) { // raised again while its resolution is still being sent: its ticks go on
            start(s, report, now, out);
            return;
        }
        s.lastReport = now;
        String severity = s.current.severity;
        long startsAt = s.current.startsAt;
        Alert refreshed = copy(report);
        refreshed.severity = severity;
        refreshed.startsAt = startsAt;
        s.current = refreshed; // routed when it is next sent: most reports only refresh an alert
        EscalationStep step = EscalationStep.from(escalation, severity);
        if (step != null
                && step.rateFactor > 0
                && s.levelObserved > 0
                && report.observed >= step.rateFactor * s.levelObserved) {
            escalate(s, step, now, out);
        }
    }

    /** The ticks due at {@code timestamp}; alerts raised at other times tick at theirs. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        int freed = 0;
        for (Iterator<Map.Entry<String, ActiveAlert>> it = alerts.iterator(); it.hasNext(); ) {
            Map.Entry<String, ActiveAlert> entry = it.next();
            ActiveAlert s = entry.getValue();
            if (s.nextTick > timestamp) continue;
            if (!tick(s, timestamp, out)) {
                it.remove();
                if (s.holdsPlace) freed++;
                continue;
            }
            s.nextTick = tickAfter(timestamp);
            entry.setValue(s);
            ctx.timerService().registerProcessingTimeTimer(s.nextTick);
        }
        if (alerts.isEmpty()) {
            alerts.clear();
            placesTaken.clear();
            announcedAt.clear();
        } else if (freed > 0) {
            placesTaken.update(placesTaken.value() - freed);
        }
    }

    /**
     * A resend interval after {@code time}, rounded up to the grid: each timer reads the whole map of its team (one
     * timer per alert would read a full team's 500 alerts 500 times per interval; on the grid, ten times at most).
     */
    private long tickAfter(long time) {
        long t = time + resend;
        return t + (tickGrid - Math.floorMod(t, tickGrid)) % tickGrid;
    }

    /** One alert's tick; false when it is to be forgotten. */
    private boolean tick(ActiveAlert s, long now, Collector<Alert> out) {
        if (s.resolvedAt == 0) {
            if (now - s.lastReport >= resolveAfter) {
                resolve(s, now, out);
            } else {
                EscalationStep step = EscalationStep.from(escalation, s.current.severity);
                if (step != null && now - s.levelSince >= step.afterMillis) escalate(s, step, now, out);
                else send(s.current, now, out);
            }
        } else if (now - s.resolvedAt >= resolvedKept) {
            return false;
        } else {
            out.collect(copy(s.current));
        }
        if (s.superseded != null && s.superseded.endsAt < now) {
            if (now - s.superseded.endsAt >= resolvedKept) s.superseded = null;
            else out.collect(copy(s.superseded));
        }
        return true;
    }

    private void escalate(ActiveAlert s, EscalationStep step, long now, Collector<Alert> out) {
        Alert previous = copy(routing.route(s.current));
        previous.status = Alert.RESOLVED;
        previous.endsAt = now;
        out.collect(previous);
        s.superseded = previous;
        Alert next = copy(s.current);
        next.severity = step.to;
        s.current = next;
        s.current.annotations.put("escalated_from", step.from);
        s.levelSince = now;
        s.levelObserved = s.current.observed;
        s.escalations++;
        escalated.inc();
        send(s.current, now, out);
    }

    private void resolve(ActiveAlert s, long now, Collector<Alert> out) {
        routing.route(s.current);
        s.current.status = Alert.RESOLVED;
        s.current.endsAt = now;
        s.resolvedAt = now;
        resolved.inc();
        out.collect(copy(s.current));
    }

    /** Sends a firing alert valid for three resend periods: if Vigil stops sending, Alertmanager resolves it by itself. */
    private void send(Alert a, long now, Collector<Alert> out) {
        routing.route(a);
        a.status = Alert.FIRING;
        a.endsAt = now + 3 * resend;
        out.collect(copy(a));
    }

    static Alert copy(Alert a) {
        Alert c = new Alert();
        c.fingerprint = a.fingerprint;
        c.name = a.name;
        c.severity = a.severity;
        c.status = a.status;
        c.service = a.service;
        c.startsAt = a.startsAt;
        c.endsAt = a.endsAt;
        c.windowStart = a.windowStart;
        c.windowEnd = a.windowEnd;
        c.observed = a.observed;
        c.baseline = a.baseline;
        c.labels = a.labels == null ? null : new LinkedHashMap<>(a.labels);
        c.annotations = a.annotations == null ? null : new LinkedHashMap<>(a.annotations);
        return c;
    }
}
