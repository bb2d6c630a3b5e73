package dev.vigil.schema.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.schema.event.AgentLog;
import dev.vigil.schema.event.Attribute;
import dev.vigil.schema.event.BusinessEvent;
import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.PerformanceMetric;
import dev.vigil.schema.event.StackFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an event back in the contract's JSON shape (snake_case, epoch-millisecond timestamp,
 * attributes as a flat object): the archive's record format and the base of every document. The
 * parser reads it back to an equal event.
 */
public final class EventJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private EventJson() {}

    public static byte[] toBytes(Event e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            writeFields(g, e);
            g.writeEndObject();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toByteArray();
    }

    /** The fields of {@code e}, without the enclosing braces, so callers can add their own. */
    public static void writeFields(JsonGenerator g, Event e) throws IOException {
        g.writeStringField("event_id", e.eventId);
        g.writeStringField("type", e.type.wireName());
        g.writeNumberField("schema_version", e.schemaVersion);
        g.writeNumberField("timestamp", e.timestamp);
        g.writeStringField("service", e.service);
        str(g, "environment", e.environment);
        str(g, "host", e.host);
        str(g, "instance", e.instance);
        str(g, "correlation_id", e.correlationId);
        str(g, "trace_id", e.traceId);
        str(g, "span_id", e.spanId);
        str(g, "parent_span_id", e.parentSpanId);
        if (e.attributes != null && !e.attributes.isEmpty()) {
            g.writeObjectFieldStart("attributes");
            writeAttributeMembers(g, e.attributes);
            g.writeEndObject();
        }
        if (e.agentLog != null) agentLog(g, e.agentLog);
        if (e.business != null) business(g, e.business);
        if (e.metric != null) metric(g, e.metric);
        if (e.error != null) error(g, e.error);
    }

    /** The members of the flat attributes object, in key order, each value with its JSON type (numbers as sent). */
    public static void writeAttributeMembers(JsonGenerator g, Map<String, Attribute> attributes) throws IOException {
        for (Map.Entry<String, Attribute> a : new TreeMap<>(attributes).entrySet()) {
            g.writeFieldName(a.getKey());
            writeValue(g, a.getValue());
        }
    }

    static void writeValue(JsonGenerator g, Attribute a) throws IOException {
        switch (a.kind) {
            case STRING:
                g.writeString(a.text);
                break;
            case NUMBER:
                g.writeNumber(a.text);
                break;
            case BOOLEAN:
                g.writeBoolean(Boolean.parseBoolean(a.text));
                break;
            case NULL:
                g.writeNull();
                break;
            case EMPTY_OBJECT:
                g.writeStartObject();
                g.writeEndObject();
                break;
            case EMPTY_ARRAY:
                g.writeStartArray();
                g.writeEndArray();
                break;
            default:
                throw new IllegalStateException(a.kind.name());
        }
    }

    private static void agentLog(JsonGenerator g, AgentLog a) throws IOException {
        g.writeStringField("level", a.level);
        str(g, "logger", a.logger);
        g.writeStringField("message", a.message);
        str(g, "agent_id", a.agentId);
        str(g, "session_id", a.sessionId);
        num(g, "step", a.step);
        str(g, "tool", a.tool);
        str(g, "model", a.model);
        num(g, "tokens_in", a.tokensIn);
        num(g, "tokens_out", a.tokensOut);
        num(g, "cost", a.cost);
        num(g, "duration_ms", a.durationMs);
        str(g, "outcome", a.outcome);
    }

    private static void business(JsonGenerator g, BusinessEvent b) throws IOException {
        g.writeStringField("name", b.name);
        str(g, "user_id", b.userId);
        str(g, "account_id", b.accountId);
        num(g, "value", b.value);
        str(g, "currency", b.currency);
        str(g, "feature", b.feature);
        map(g, "properties", b.properties);
    }

    private static void metric(JsonGenerator g, PerformanceMetric m) throws IOException {
        g.writeStringField("name", m.name);
        g.writeStringField("kind", m.kind.name().toLowerCase(java.util.Locale.ROOT));
        num(g, "value", m.value);
        if (m.bucketBounds != null) {
            g.writeArrayFieldStart("buckets");
            for (int i = 0; i < m.bucketBounds.length; i++) {
                g.writeStartObject();
                if (Double.isInfinite(m.bucketBounds[i])) g.writeStringField("le", "+Inf");
                else g.writeNumberField("le", m.bucketBounds[i]);
                g.writeNumberField("count", m.bucketCounts[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        str(g, "unit", m.unit);
        str(g, "operation", m.operation);
        map(g, "tags", m.tags);
        if (m.resource != null) {
            g.writeObjectFieldStart("resource");
            num(g, "cpu_percent", m.resource.cpuPercent);
            num(g, "memory_bytes", m.resource.memoryBytes);
            num(g, "gpu_percent", m.resource.gpuPercent);
            num(g, "queue_depth", m.resource.queueDepth);
            g.writeEndObject();
        }
    }

    private static void error(JsonGenerator g, ErrorEvent r) throws IOException {
        g.writeStringField("error_type", r.errorType);
        g.writeStringField("message", r.message);
        if (r.frames != null) {
            g.writeArrayFieldStart("frames");
            for (StackFrame f : r.frames) {
                g.writeStartObject();
                str(g, "module", f.module);
                str(g, "function", f.function);
                str(g, "file", f.file);
                g.writeNumberField("line", f.line);
                g.writeBooleanField("in_app", f.inApp);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (r.framesOmitted > 0) g.writeNumberField("frames_omitted", r.framesOmitted);
        if (r.handled != null) g.writeBooleanField("handled", r.handled);
        str(g, "severity", r.severity);
        num(g, "http_status", r.httpStatus == null ? null : r.httpStatus.longValue());
        str(g, "operation", r.operation);
        str(g, "fingerprint", r.fingerprint);
        str(g, "user_id", r.userId);
        str(g, "group_id", r.groupId);
        str(g, "grouped_by", r.groupedBy);
    }

    private static void str(JsonGenerator g, String name, String v) throws IOException {
        if (v != null) g.writeStringField(name, v);
    }

    private static void num(JsonGenerator g, String name, Long v) throws IOException {
        if (v != null) g.writeNumberField(name, v);
    }

    private static void num(JsonGenerator g, String name, Double v) throws IOException {
        if (v != null) g.writeNumberField(name, v);
    }

    private static void map(JsonGenerator g, String name, Map<String, String> m) throws IOException {
        if (m == null) return;
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
    }
}
