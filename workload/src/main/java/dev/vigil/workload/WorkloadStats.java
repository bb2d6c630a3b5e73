package dev.vigil.workload;

/** What a run produced, so the demo can say what should land where. */
public final class WorkloadStats {
    public long logs;
    public long agentSteps;
    public long business;
    public long metrics;
    public long errors;
    public long malformed;
    public long errorSpikeEvents;
    public long latencyRegressionEvents;
    public long conversionDropFunnels;
    /** What the service reporting through OpenTelemetry sent instead (not in the counts above). */
    public long otlpLogRecords;

    public long otlpSpans;
    public long otlpMetricPoints;
    public long otlpRequests;

    public long total() {
        return logs + agentSteps + business + metrics + errors + malformed;
    }

    @Override
    public String toString() {
        return String.format(
                "agent-logs: %d (%d request logs, %d AI-agent steps, %d malformed)%n"
                        + "business-events: %d%nperformance-metrics: %d%nerrors: %d%n"
                        + "incidents: error spike %d events, latency regression on %d search calls, conversion drop on %d funnels%n"
                        + "total: %d records%n"
                        + "otlp: %d log records, %d spans, %d metric points in %d export requests",
                logs + agentSteps + malformed,
                logs,
                agentSteps,
                malformed,
                business,
                metrics,
                errors,
                errorSpikeEvents,
                latencyRegressionEvents,
                conversionDropFunnels,
                total(),
                otlpLogRecords,
                otlpSpans,
                otlpMetricPoints,
                otlpRequests);
    }
}
