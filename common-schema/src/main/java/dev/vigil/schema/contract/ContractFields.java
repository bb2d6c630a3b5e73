package dev.vigil.schema.contract;

import static dev.vigil.schema.contract.Field.Presence.DEFAULTED;
import static dev.vigil.schema.contract.Field.Presence.DERIVED;
import static dev.vigil.schema.contract.Field.Presence.INPUT_ONLY;
import static dev.vigil.schema.contract.Field.Presence.REQUIRED;
import static dev.vigil.schema.contract.ValueTypes.AMOUNT;
import static dev.vigil.schema.contract.ValueTypes.ATTRIBUTES;
import static dev.vigil.schema.contract.ValueTypes.BOOLEAN;
import static dev.vigil.schema.contract.ValueTypes.BUCKETS;
import static dev.vigil.schema.contract.ValueTypes.COUNT;
import static dev.vigil.schema.contract.ValueTypes.CURRENCY;
import static dev.vigil.schema.contract.ValueTypes.DERIVED_KEYWORD;
import static dev.vigil.schema.contract.ValueTypes.EVENT_TYPE;
import static dev.vigil.schema.contract.ValueTypes.FRAMES;
import static dev.vigil.schema.contract.ValueTypes.HTTP_STATUS;
import static dev.vigil.schema.contract.ValueTypes.LABEL;
import static dev.vigil.schema.contract.ValueTypes.LEVEL;
import static dev.vigil.schema.contract.ValueTypes.METRIC_KIND;
import static dev.vigil.schema.contract.ValueTypes.NAME;
import static dev.vigil.schema.contract.ValueTypes.NUMBER;
import static dev.vigil.schema.contract.ValueTypes.RESOURCE;
import static dev.vigil.schema.contract.ValueTypes.SCALAR_MAP;
import static dev.vigil.schema.contract.ValueTypes.SEVERITY;
import static dev.vigil.schema.contract.ValueTypes.TEXT;
import static dev.vigil.schema.contract.ValueTypes.TIMESTAMP;
import static dev.vigil.schema.contract.ValueTypes.TRACEPARENT;

import dev.vigil.schema.contract.ValueTypes.Histogram;
import dev.vigil.schema.contract.ValueTypes.Stack;
import dev.vigil.schema.event.AgentLog;
import dev.vigil.schema.event.BusinessEvent;
import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.PerformanceMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract's fields, declared once: the envelope and each type's payload, each field with its
 * name, value type, place on the Java event and, where ECS has one, Elastic Common Schema name
 * ({@link FieldNaming}). The parser reads by these tables, {@code EventJson}
 * writes by them, the archive's Parquet schema and the search index templates are built from them,
 * and a test checks the JSON Schemas under {@code /schemas} declare exactly their input fields.
 * Adding a field: its JSON Schema, its POJO field, one line here.
 */
public final class ContractFields {
    private ContractFields() {}

    public static final FieldTable<Event> ENVELOPE = new FieldTable<Event>("envelope", 0, e -> e, e -> e)
            .add("event_id", ValueTypes.token(128), DEFAULTED, e -> e.eventId, (e, v) -> e.eventId = v)
            .ecs("event.id")
            .add("type", EVENT_TYPE, REQUIRED, e -> e.type, (e, v) -> e.type = v)
            .add(
                    "schema_version",
                    ValueTypes.schemaVersion(Event.CURRENT_SCHEMA_VERSION),
                    DEFAULTED,
                    e -> e.schemaVersion,
                    (e, v) -> e.schemaVersion = v)
            .add("timestamp", TIMESTAMP, REQUIRED, e -> e.timestamp, (e, v) -> e.timestamp = v)
            .ecs("@timestamp")
            .add("service", NAME, REQUIRED, e -> e.service, (e, v) -> e.service = v)
            .ecs("service.name")
            .add("environment", NAME, e -> e.environment, (e, v) -> e.environment = v)
            .ecs("service.environment")
            .add("host", ValueTypes.token(255), e -> e.host, (e, v) -> e.host = v)
            .ecs("host.name")
            .add("instance", ValueTypes.token(255), e -> e.instance, (e, v) -> e.instance = v)
            .ecs("service.node.name")
            .add("correlation_id", ValueTypes.token(128), e -> e.correlationId, (e, v) -> e.correlationId = v)
            // An explicit trace_id or span_id wins over traceparent's, in either order; null leaves traceparent's.
            .add("trace_id", ValueTypes.traceHex(32), e -> e.traceId, (e, v) -> {
                if (v != null) e.traceId = v;
            })
            .ecs("trace.id")
            .add("span_id", ValueTypes.traceHex(16), e -> e.spanId, (e, v) -> {
                if (v != null) e.spanId = v;
            })
            .ecs("span.id")
            .add("parent_span_id", ValueTypes.traceHex(16), e -> e.parentSpanId, (e, v) -> e.parentSpanId = v)
            .add("traceparent", TRACEPARENT, INPUT_ONLY, e -> null, (e, v) -> {
                if (v == null) return;
                if (e.traceId == null) e.traceId = v.traceId;
                if (e.spanId == null) e.spanId = v.spanId;
            })
            .add("attributes", ATTRIBUTES, e -> e.attributes, (e, v) -> e.attributes = v);

    public static final FieldTable<AgentLog> AGENT_LOG = new FieldTable<AgentLog>(
                    "agent_log", 32, e -> e.agentLog, e -> {
                        if (e.agentLog == null) e.agentLog = new AgentLog();
                        return e.agentLog;
                    })
            .add("level", LEVEL, REQUIRED, a -> a.level, (a, v) -> a.level = v)
            .ecs("log.level")
            .add("logger", LABEL, a -> a.logger, (a, v) -> a.logger = v)
            .ecs("log.logger")
            .add("message", TEXT, REQUIRED, a -> a.message, (a, v) -> a.message = v)
            .ecs("message")
            .add("agent_id", ValueTypes.token(128), a -> a.agentId, (a, v) -> a.agentId = v)
            .ecs("gen_ai.agent.id")
            .add("session_id", ValueTypes.token(128), a -> a.sessionId, (a, v) -> a.sessionId = v)
            .ecs("gen_ai.conversation.id")
            .add("step", COUNT, a -> a.step, (a, v) -> a.step = v)
            .add("tool", LABEL, a -> a.tool, (a, v) -> a.tool = v)
            .ecs("gen_ai.tool.name")
            .add("model", LABEL, a -> a.model, (a, v) -> a.model = v)
            .ecs("gen_ai.request.model")
            .add("tokens_in", COUNT, a -> a.tokensIn, (a, v) -> a.tokensIn = v)
            .ecs("gen_ai.usage.input_tokens")
            .add("tokens_out", COUNT, a -> a.tokensOut, (a, v) -> a.tokensOut = v)
            .ecs("gen_ai.usage.output_tokens")
            .add("cost", AMOUNT, a -> a.cost, (a, v) -> a.cost = v)
            .add("duration_ms", AMOUNT, a -> a.durationMs, (a, v) -> a.durationMs = v)
            .add("outcome", LABEL, a -> a.outcome, (a, v) -> a.outcome = v);

    public static final FieldTable<BusinessEvent> BUSINESS_EVENT = new FieldTable<BusinessEvent>(
                    "business_event", 32, e -> e.business, e -> {
                        if (e.business == null) e.business = new BusinessEvent();
                        return e.business;
                    })
            .add("name", LABEL, REQUIRED, b -> b.name, (b, v) -> b.name = v)
            .ecs("event.action")
            .add("user_id", ValueTypes.token(256), b -> b.userId, (b, v) -> b.userId = v)
            .ecs("user.id")
            .add("account_id", ValueTypes.token(256), b -> b.accountId, (b, v) -> b.accountId = v)
            .add("value", NUMBER, b -> b.value, (b, v) -> b.value = v)
            .add("currency", CURRENCY, b -> b.currency, (b, v) -> b.currency = v)
            .add("feature", LABEL, b -> b.feature, (b, v) -> b.feature = v)
            .add("properties", SCALAR_MAP, b -> b.properties, (b, v) -> b.properties = v);

    public static final FieldTable<PerformanceMetric> PERFORMANCE_METRIC = new FieldTable<PerformanceMetric>(
                    "performance_metric", 32, e -> e.metric, e -> {
                        if (e.metric == null) e.metric = new PerformanceMetric();
                        return e.metric;
                    })
            .add("name", LABEL, REQUIRED, m -> m.name, (m, v) -> m.name = v)
            .add("kind", METRIC_KIND, REQUIRED, m -> m.kind, (m, v) -> m.kind = v)
            .add("value", NUMBER, m -> m.value, (m, v) -> m.value = v)
            .add(
                    "buckets",
                    BUCKETS,
                    m -> m.bucketBounds == null ? null : new Histogram(m.bucketBounds, m.bucketCounts),
                    (m, v) -> {
                        m.bucketBounds = v == null ? null : v.bounds();
                        m.bucketCounts = v == null ? null : v.counts();
                    })
            .add("unit", LABEL, m -> m.unit, (m, v) -> m.unit = v)
            .add("operation", LABEL, m -> m.operation, (m, v) -> m.operation = v)
            .add("tags", SCALAR_MAP, m -> m.tags, (m, v) -> m.tags = v)
            .add("resource", RESOURCE, m -> m.resource, (m, v) -> m.resource = v);

    public static final FieldTable<ErrorEvent> ERROR = new FieldTable<ErrorEvent>("error", 32, e -> e.error, e -> {
                if (e.error == null) e.error = new ErrorEvent();
                return e.error;
            })
            .add("error_type", LABEL, REQUIRED, r -> r.errorType, (r, v) -> r.errorType = v)
            .ecs("error.type")
            .add("message", TEXT, REQUIRED, r -> r.message, (r, v) -> r.message = v)
            .ecs("error.message")
            .add("frames", FRAMES, r -> r.frames == null ? null : new Stack(r.frames, r.framesOmitted), (r, v) -> {
                r.frames = v == null ? null : v.frames();
                r.framesOmitted = v == null ? 0 : v.omitted();
            })
            .add("handled", BOOLEAN, r -> r.handled, (r, v) -> r.handled = v)
            .add("severity", SEVERITY, r -> r.severity, (r, v) -> r.severity = v)
            .add("http_status", HTTP_STATUS, r -> r.httpStatus, (r, v) -> r.httpStatus = v)
            .ecs("http.response.status_code")
            .add("operation", LABEL, r -> r.operation, (r, v) -> r.operation = v)
            .add("fingerprint", ValueTypes.token(256), r -> r.fingerprint, (r, v) -> r.fingerprint = v)
            .add("user_id", ValueTypes.token(256), r -> r.userId, (r, v) -> r.userId = v)
            .ecs("user.id")
            .add("group_id", DERIVED_KEYWORD, DERIVED, r -> r.groupId, (r, v) -> r.groupId = v)
            .add("grouped_by", DERIVED_KEYWORD, DERIVED, r -> r.groupedBy, (r, v) -> r.groupedBy = v);

    /** The payload tables. */
    public static final List<FieldTable<?>> PAYLOADS = List.of(AGENT_LOG, BUSINESS_EVENT, PERFORMANCE_METRIC, ERROR);

    private static final Set<String> PAYLOAD_INPUT_NAMES = payloadInputNames();

    /** By {@link EventType} ordinal: the envelope's and the type's input fields by name, for one lookup per field. */
    private static final List<Map<String, Field<?, ?>>> INPUTS_BY_TYPE = inputsByType();

    /** The payload fields of {@code type}. */
    public static FieldTable<?> payload(EventType type) {
        switch (type) {
            case AGENT_LOG:
                return AGENT_LOG;
            case BUSINESS_EVENT:
                return BUSINESS_EVENT;
            case PERFORMANCE_METRIC:
                return PERFORMANCE_METRIC;
            case ERROR:
                return ERROR;
            default:
                throw new IllegalArgumentException(type.name());
        }
    }

    /** The fields an event of {@code type} may carry, the envelope's included, by name. */
    public static Map<String, Field<?, ?>> inputs(EventType type) {
        return INPUTS_BY_TYPE.get(type.ordinal());
    }

    /** Whether some type's payload reads {@code name}: then which type the event is decides what it means. */
    public static boolean isPayloadInput(String name) {
        return PAYLOAD_INPUT_NAMES.contains(name);
    }

    private static List<Map<String, Field<?, ?>>> inputsByType() {
        List<Map<String, Field<?, ?>>> byType = new ArrayList<>();
        for (EventType type : EventType.values()) {
            Map<String, Field<?, ?>> inputs = new HashMap<>();
            ENVELOPE.addInputsTo(inputs);
            payload(type).addInputsTo(inputs);
            byType.add(Map.copyOf(inputs));
        }
        return List.copyOf(byType);
    }

    private static Set<String> payloadInputNames() {
        Set<String> names = new HashSet<>();
        for (FieldTable<?> table : PAYLOADS) {
            for (Field<?, ?> f : table.fields()) {
                if (f.isInput()) names.add(f.name);
            }
        }
        return names;
    }
}
