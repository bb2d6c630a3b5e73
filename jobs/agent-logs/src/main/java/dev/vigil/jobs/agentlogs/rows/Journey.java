package dev.vigil.jobs.agentlogs.rows;

/** One request followed across services by its correlation ID (index {@code vigil-journeys}, table {@code journey_hops}). */
public class Journey {
    public String correlationId;
    public long start;
    public long end;
    /** Services in the order the request reached them (consecutive repeats folded). */
    public String[] services;
    /** Time from entering each service to entering the next (the last: to the journey's end), ms. */
    public long[] hopLatencyMs;

    public long eventCount;
    public boolean error;
    /** True when the journey had more events than the cap; services and hops cover the first ones. */
    public boolean capped;

    public Journey() {}
}
