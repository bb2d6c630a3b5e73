package dev.vigil.jobs.alerting.functions;

import dev.vigil.schema.event.Alert;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by fingerprint: one active alert per condition. Reports from detectors (re)activate and
 * refresh it; a processing-time tick every {@code resend} escalates it ({@link EscalationStep}),
 * resolves it when no detector reported it for {@code resolveAfter}, and sends it again, so an
 * Alertmanager that was down or restarted gets every alert. A resolved alert is sent (with its endsAt)
 * for {@code resolvedKept}, then forgotten with all its state and timers.
 */
public class AlertLifecycle extends KeyedProcessFunction<String, Alert, Alert> {
    private final List<EscalationStep> escalation;
    private final AlertRouting routing;
    private final long resend;
    private final long resolveAfter;
    private final long resolvedKept;
    private transient ValueState<ActiveAlert> state;
    private transient Counter raised;
    private transient Counter escalated;
    private transient Counter resolved;

    public AlertLifecycle(
            List<EscalationStep> escalation,
            AlertRouting routing,
            Duration resend,
            Duration resolveAfter,
            Duration resolvedKept) {
        this.escalation = escalation;
        this.routing = routing;
        this.resend = resend.toMillis();
        this.resolveAfter = resolveAfter.toMillis();
        this.resolvedKept = resolvedKept.toMillis();
    }

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("alert", TypeInformation.of(ActiveAlert.class)));
        var group = getRuntimeContext().getMetricGroup().addGroup("vigil");
        raised = group.counter("alertsRaised");
        escalated = group.counter("alertsEscalated");
        resolved = group.counter("alertsResolved");
    }

    @Override
    public void processElement(Alert report, Context ctx, Collector<Alert> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        ActiveAlert s = state.value();
        if (Alert.RESOLVED.equals(report.status)) {
            if (s != null && s.resolvedAt == 0) {
                resolve(s, now, out);
                state.update(s);
            }
            return;
        }
        if (s == null || s.resolvedAt != 0) {
            boolean ticking = s != null; // a resolved alert still has its tick chain
            s = new ActiveAlert();
            s.current = copy(report);
            s.current.startsAt = now;
            s.levelSince = now;
            s.levelObserved = report.observed;
            s.lastReport = now;
            raised.inc();
            send(s.current, now, out);
            state.update(s);
            if (!ticking) ctx.timerService().registerProcessingTimeTimer(now + resend);
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
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        ActiveAlert s = state.value();
        if (s == null) return;
        long now = timestamp;
        if (s.resolvedAt == 0) {
            if (now - s.lastReport >= resolveAfter) {
                resolve(s, now, out);
            } else {
                EscalationStep step = EscalationStep.from(escalation, s.current.severity);
                if (step != null && now - s.levelSince >= step.afterMillis) escalate(s, step, now, out);
                else send(s.current, now, out);
            }
        } else if (now - s.resolvedAt >= resolvedKept) {
            state.clear();
            return;
        } else {
            out.collect(copy(s.current));
        }
        if (s.superseded != null && s.superseded.endsAt < now) {
            if (now - s.superseded.endsAt >= resolvedKept) s.superseded = null;
            else out.collect(copy(s.superseded));
        }
        state.update(s);
        ctx.timerService().registerProcessingTimeTimer(now + resend);
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
