package dev.vigil.schema.otlp;

import dev.vigil.schema.event.EventType;
import java.util.Set;

/** The three OTLP signals, each on its own topic as the OpenTelemetry Collector's Kafka exporter writes them. */
public enum OtlpSignal {
    /** Log records: agent logs, and errors when they carry an exception. */
    LOGS(EventType.AGENT_LOG, EventType.ERROR),
    /** Data points: performance metrics. */
    METRICS(EventType.PERFORMANCE_METRIC),
    /** Spans: journey hops (agent logs) and duration timers (performance metrics). */
    TRACES(EventType.AGENT_LOG, EventType.PERFORMANCE_METRIC);

    private final Set<EventType> eventTypes;

    OtlpSignal(EventType... eventTypes) {
        this.eventTypes = Set.of(eventTypes);
    }

    /** The contract event types this signal's records become. */
    public Set<EventType> eventTypes() {
        return eventTypes;
    }

    /** The name in config ({@code logs}, {@code metrics}, {@code traces}). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
