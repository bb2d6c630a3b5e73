package dev.vigil.jobs.business.functions;

/** A user reaching one step of a funnel, at the event time of that step. */
public class FunnelStep {
    public String funnel;
    public int step;
    public String stepName;
    public String dimension;
    public long timestamp;
    /** When the user's run through the funnel started (its first step's time): the cohort it belongs to. */
    public long runStart;

    public FunnelStep() {}
}
