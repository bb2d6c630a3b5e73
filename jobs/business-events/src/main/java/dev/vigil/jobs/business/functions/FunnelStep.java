package dev.vigil.jobs.business.functions;

/** A user reaching one step of a funnel, at the event time of that step. */
public class FunnelStep {
    public String funnel;
    public int step;
    public String stepName;
    public String dimension;
    public long timestamp;

    public FunnelStep() {}
}
