package dev.vigil.jobs.business.functions;

/** Users of one funnel's cohort (the window their runs started in) reaching each step, counted in one task. */
public class CohortSteps {
    public String funnel;
    /** The cohort's window start. */
    public long start;
    /** Users per step, by step index. */
    public long[] reached;

    public CohortSteps() {}
}
