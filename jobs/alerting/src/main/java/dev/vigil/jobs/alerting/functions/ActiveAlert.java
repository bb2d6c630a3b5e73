package dev.vigil.jobs.alerting.functions;

import dev.vigil.schema.event.Alert;

/** The alerting job's state per fingerprint, in its team's map (a Flink POJO). Times are processing time, epoch millis. */
public class ActiveAlert {
    /**
     * The alert as last reported, at its current severity and start; routed (labels, links) whenever it is sent, and
     * sent with its status and endsAt.
     */
    public Alert current;
    /** The alert at its previous severity, resolved by an escalation; resent until it is forgotten. */
    public Alert superseded;
    /** When the current severity began, and the observed value then (the rate rule compares with it). */
    public long levelSince;

    public double levelObserved;
    /** The last report from a detector. */
    public long lastReport;
    /** When the alert resolved; 0 while firing. */
    public long resolvedAt;

    public int escalations;
    /** When the alert ticks next (resend, escalate, resolve, forget): every resend interval from when it was raised. */
    public long nextTick;
    /** Whether it takes one of its team's places (every alert but the budget's own). */
    public boolean holdsPlace;

    public ActiveAlert() {}
}
