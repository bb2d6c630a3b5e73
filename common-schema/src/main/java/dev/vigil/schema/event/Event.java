package dev.vigil.schema.event;

import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The envelope every input event shares, with exactly one payload set, matching {@link #type}.
 *
 * <p>Public fields and a no-arg constructor, serialized by {@link EventSerializer} (never Kryo, nor Flink's
 * reflective POJO serializer).
 */
@TypeInfo(EventTypeInfoFactory.class)
public class Event {
    public static final int CURRENT_SCHEMA_VERSION = 1;

    /** Producer-supplied, else derived from the content hash so replays stay idempotent. */
    public String eventId;

    public boolean eventIdDerived;
    public EventType type;
    public int schemaVersion;
    /** Event time, epoch milliseconds. */
    public long timestamp;

    public String service;
    public String environment;
    public String host;
    public String instance;
    public String correlationId;
    /** True when Vigil had to make the correlation ID up (no correlation or trace ID was sent). */
    public boolean correlationGenerated;
    /** W3C trace context: 32 and 16 lower-case hex characters. */
    public String traceId;

    public String spanId;
    public String parentSpanId;
    /** Free-form attributes with their JSON types, flattened: nested objects become dotted keys, arrays indexed keys. */
    @TypeInfo(AttributeMapTypeInfoFactory.class)
    public Map<String, Attribute> attributes;
    /** The rate this event was kept at by sampling (1.0 = always kept), to re-weight counts. */
    public double sampleRate = 1.0;

    public AgentLog agentLog;
    public BusinessEvent business;
    public PerformanceMetric metric;
    public ErrorEvent error;

    public Event() {}

    /** A copy of the envelope sharing its payload and attributes: for a change of one envelope field downstream. */
    public Event shallowCopy() {
        Event c = new Event();
        c.eventId = eventId;
        c.eventIdDerived = eventIdDerived;
        c.type = type;
        c.schemaVersion = schemaVersion;
        c.timestamp = timestamp;
        c.service = service;
        c.environment = environment;
        c.host = host;
        c.instance = instance;
        c.correlationId = correlationId;
        c.correlationGenerated = correlationGenerated;
        c.traceId = traceId;
        c.spanId = spanId;
        c.parentSpanId = parentSpanId;
        c.attributes = attributes;
        c.sampleRate = sampleRate;
        c.agentLog = agentLog;
        c.business = business;
        c.metric = metric;
        c.error = error;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Event)) return false;
        Event e = (Event) o;
        return eventIdDerived == e.eventIdDerived
                && schemaVersion == e.schemaVersion
                && timestamp == e.timestamp
                && correlationGenerated == e.correlationGenerated
                && Double.compare(sampleRate, e.sampleRate) == 0
                && Objects.equals(eventId, e.eventId)
                && type == e.type
                && Objects.equals(service, e.service)
                && Objects.equals(environment, e.environment)
                && Objects.equals(host, e.host)
                && Objects.equals(instance, e.instance)
                && Objects.equals(correlationId, e.correlationId)
                && Objects.equals(traceId, e.traceId)
                && Objects.equals(spanId, e.spanId)
                && Objects.equals(parentSpanId, e.parentSpanId)
                && Objects.equals(attributes, e.attributes)
                && Objects.equals(agentLog, e.agentLog)
                && Objects.equals(business, e.business)
                && Objects.equals(metric, e.metric)
                && Objects.equals(error, e.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, type, timestamp);
    }

    @Override
    public String toString() {
        // Never the payload: it may hold PII before masking.
        return "Event{" + type + " " + eventId + " service=" + service + " ts=" + timestamp + "}";
    }
}
