package dev.vigil.schema.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.vigil.schema.correlation.Correlation;
import dev.vigil.schema.correlation.TraceContext;
import dev.vigil.schema.event.AgentLog;
import dev.vigil.schema.event.Attribute;
import dev.vigil.schema.event.BusinessEvent;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.MetricKind;
import dev.vigil.schema.event.PerformanceMetric;
import dev.vigil.schema.event.ResourceUsage;
import dev.vigil.schema.event.StackFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Bytes to a typed {@link Event}, or a {@link ParseOutcome} with a precise {@link DeadLetterReason}.
 * Never throws. Streams with Jackson core (no tree binding); unknown fields are kept in attributes.
 *
 * <p>Not thread-safe: one instance per operator subtask.
 */
public final class EventParser {
    /** Longest label (logger, tool, model, metric and event names, error type, ...): they become Elasticsearch keywords and TimescaleDB key columns. */
    static final int MAX_LABEL_LENGTH = 256;
    /** Most buckets of one histogram (Prometheus' classic histograms use a dozen; state merges them per window). */
    static final int MAX_BUCKETS = 256;
    /** Frames kept at each end of a deep stack. */
    static final int KEPT_FRAMES_EACH_END = 128;

    private final JsonFactory factory;
    private final ParserLimits limits;
    private final LongSupplier clock;

    public EventParser(ParserLimits limits, LongSupplier clock) {
        this.limits = limits;
        this.clock = clock;
        this.factory = JsonFactory.builder()
                // Two values for one key would let a producer show one parser a service and another parser a different
                // one.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth)
                        .maxStringLength(Math.max(limits.maxBytes, 1))
                        .maxNumberLength(64)
                        .build())
                .build();
    }

    public EventParser(ParserLimits limits) {
        this(limits, System::currentTimeMillis);
    }

    /** Parses a message whose arrival time is now. */
    public ParseOutcome parse(byte[] bytes) {
        return parse(bytes, Long.MIN_VALUE);
    }

    /**
     * Parses a message that a broker stamped {@code recordTime} (epoch millis; Kafka's record
     * timestamp, {@code Long.MIN_VALUE} or negative when unknown). Event time may run ahead of the
     * earlier of that and now by at most {@code maxFutureMillis}: a producer cannot pull the watermark
     * into the future, even by stamping its records ahead too (the wall clock bounds it).
     */
    public ParseOutcome parse(byte[] bytes, long recordTime) {
        if (bytes == null || bytes.length == 0) {
            return ParseOutcome.rejected(DeadLetterReason.MALFORMED_JSON, "empty message");
        }
        if (bytes.length > limits.maxBytes) {
            return ParseOutcome.rejected(
                    DeadLetterReason.OVERSIZE, "message is " + bytes.length + " bytes, limit " + limits.maxBytes);
        }
        if (!Utf8.isValid(bytes)) {
            for (byte b : bytes) {
                if (b == 0) {
                    return ParseOutcome.rejected(
                            DeadLetterReason.INVALID_UTF8,
                            "message holds a raw NUL byte: UTF-16 or UTF-32 text is not accepted, the contract is UTF-8");
                }
            }
            return ParseOutcome.rejected(DeadLetterReason.INVALID_UTF8, "message is not valid UTF-8");
        }
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            bytes = java.util.Arrays.copyOfRange(
                    bytes, 3, bytes.length); // a UTF-8 byte order mark says nothing: dropped
        }
        try {
            try {
                return ParseOutcome.ok(parseAs(bytes, null, recordTime));
            } catch (TypeNeeded late) {
                // A payload field came before "type": find the type, then read again knowing it.
                return ParseOutcome.ok(parseAs(bytes, findType(bytes), recordTime));
            }
        } catch (Reject r) {
            return ParseOutcome.rejected(r.reason, r.getMessage());
        } catch (StreamConstraintsException e) {
            String msg = String.valueOf(e.getOriginalMessage());
            if (msg.contains("nesting depth")) {
                return ParseOutcome.rejected(DeadLetterReason.TOO_DEEP, "nesting deeper than " + limits.maxDepth);
            }
            return ParseOutcome.rejected(DeadLetterReason.OVERSIZE, "a value exceeds the parser limits");
        } catch (JsonProcessingException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
                return ParseOutcome.rejected(DeadLetterReason.DUPLICATE_FIELD, describe(e));
            }
            return ParseOutcome.rejected(DeadLetterReason.MALFORMED_JSON, describe(e));
        } catch (IOException | RuntimeException e) {
            return ParseOutcome.rejected(
                    DeadLetterReason.MALFORMED_JSON, e.getClass().getSimpleName());
        }
    }

    private Event parseAs(byte[] bytes, EventType knownType, long recordTime) throws IOException {
        Event e = new Event();
        e.type = knownType;
        e.schemaVersion = Event.CURRENT_SCHEMA_VERSION;
        Fields f = new Fields();
        try (JsonParser p = factory.createParser(bytes)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new Reject(DeadLetterReason.NOT_AN_OBJECT, "the message must be a JSON object");
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                readField(p, name, e, f);
            }
            if (p.nextToken() != null) {
                throw new Reject(DeadLetterReason.MALFORMED_JSON, "content after the top-level object");
            }
        }
        finish(bytes, e, f, recordTime);
        return e;
    }

    /** Envelope fields, then the payload fields of the event's type; anything else becomes an attribute. */
    private void readField(JsonParser p, String name, Event e, Fields f) throws IOException {
        switch (name) {
            case "type": {
                String wire = requiredString(p, name);
                EventType type = EventType.fromWireName(wire);
                if (type == null) {
                    throw new Reject(
                            DeadLetterReason.UNKNOWN_TYPE,
                            "type must be one of agent_log, business_event, performance_metric, error");
                }
                if (e.type != null && e.type != type) {
                    throw new Reject(DeadLetterReason.INVALID_VALUE, "type is given twice with different values");
                }
                e.type = type;
                return;
            }
            case "event_id":
                e.eventId = optionalToken(p, name, 128);
                return;
            case "schema_version": {
                if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw wrongType(name, "an integer");
                long v = longValue(p, name);
                if (v < 1) throw new Reject(DeadLetterReason.INVALID_VALUE, "schema_version must be >= 1");
                if (v > Event.CURRENT_SCHEMA_VERSION) {
                    throw new Reject(
                            DeadLetterReason.UNSUPPORTED_SCHEMA_VERSION,
                            "schema_version " + v + " is newer than the supported " + Event.CURRENT_SCHEMA_VERSION);
                }
                e.schemaVersion = (int) v;
                return;
            }
            case "timestamp":
                e.timestamp = timestamp(p);
                f.hasTimestamp = true;
                return;
            case "service":
                e.service = name(p, name, true);
                return;
            case "environment":
                e.environment = name(p, name, false);
                return;
            case "host":
                e.host = optionalToken(p, name, 255);
                return;
            case "instance":
                e.instance = optionalToken(p, name, 255);
                return;
            case "correlation_id":
                e.correlationId = optionalToken(p, name, 128);
                return;
            case "trace_id":
                e.traceId = traceField(p, name, 32);
                return;
            case "span_id":
                e.spanId = traceField(p, name, 16);
                return;
            case "parent_span_id":
                e.parentSpanId = traceField(p, name, 16);
                return;
            case "traceparent": {
                String tp = optionalString(p, name);
                if (tp != null) {
                    f.traceparent = TraceContext.parse(tp);
                    if (f.traceparent == null) {
                        throw new Reject(
                                DeadLetterReason.INVALID_TRACE_CONTEXT, "traceparent is not a valid W3C traceparent");
                    }
                }
                return;
            }
            case "attributes":
                if (p.currentToken() == JsonToken.VALUE_NULL) return;
                if (p.currentToken() != JsonToken.START_OBJECT) throw wrongType(name, "an object");
                flattenObject(p, null, f);
                return;
            default:
        }
        EventType owner = payloadOwner(name);
        if (owner == null) {
            flattenValue(p, name, f);
            return;
        }
        if (e.type == null) throw TypeNeeded.INSTANCE;
        if (owner != e.type && !sharedPayloadField(name, e.type)) {
            flattenValue(p, name, f);
            return;
        }
        switch (e.type) {
            case AGENT_LOG:
                readAgentLog(p, name, log(e));
                return;
            case BUSINESS_EVENT:
                readBusiness(p, name, business(e));
                return;
            case PERFORMANCE_METRIC:
                readMetric(p, name, metric(e));
                return;
            case ERROR:
                readError(p, name, error(e));
                return;
            default:
                throw new IllegalStateException();
        }
    }

    private static EventType payloadOwner(String name) {
        switch (name) {
            case "level":
            case "logger":
            case "agent_id":
            case "session_id":
            case "step":
            case "tool":
            case "model":
            case "tokens_in":
            case "tokens_out":
            case "cost":
            case "duration_ms":
            case "outcome":
                return EventType.AGENT_LOG;
            case "message":
                return EventType.AGENT_LOG; // also error: see sharedPayloadField
            case "name":
                return EventType.BUSINESS_EVENT; // also performance_metric
            case "user_id":
                return EventType.BUSINESS_EVENT; // also error
            case "account_id":
            case "value":
            case "currency":
            case "feature":
            case "properties":
                return EventType.BUSINESS_EVENT; // value also performance_metric
            case "kind":
            case "buckets":
            case "unit":
            case "tags":
            case "resource":
                return EventType.PERFORMANCE_METRIC;
            case "operation":
                return EventType.PERFORMANCE_METRIC; // also error
            case "error_type":
            case "frames":
            case "handled":
            case "severity":
            case "http_status":
            case "fingerprint":
                return EventType.ERROR;
            default:
                return null;
        }
    }

    private static boolean sharedPayloadField(String name, EventType type) {
        switch (name) {
            case "message":
                return type == EventType.ERROR;
            case "name":
            case "value":
                return type == EventType.PERFORMANCE_METRIC;
            case "user_id":
            case "operation":
                return type == EventType.ERROR;
            default:
                return false;
        }
    }

    private void readAgentLog(JsonParser p, String name, AgentLog a) throws IOException {
        switch (name) {
            case "level":
                a.level = level(p);
                break;
            case "logger":
                a.logger = boundedString(p, name);
                break;
            case "message":
                a.message = text(requiredString(p, name));
                break;
            case "agent_id":
                a.agentId = optionalToken(p, name, 128);
                break;
            case "session_id":
                a.sessionId = optionalToken(p, name, 128);
                break;
            case "step":
                a.step = nonNegativeLong(p, name);
                break;
            case "tool":
                a.tool = boundedString(p, name);
                break;
            case "model":
                a.model = boundedString(p, name);
                break;
            case "tokens_in":
                a.tokensIn = nonNegativeLong(p, name);
                break;
            case "tokens_out":
                a.tokensOut = nonNegativeLong(p, name);
                break;
            case "cost":
                a.cost = nonNegativeDouble(p, name);
                break;
            case "duration_ms":
                a.durationMs = nonNegativeDouble(p, name);
                break;
            case "outcome":
                a.outcome = boundedString(p, name);
                break;
            default:
                throw new IllegalStateException(name);
        }
    }

    private void readBusiness(JsonParser p, String name, BusinessEvent b) throws IOException {
        switch (name) {
            case "name":
                b.name = requiredLabel(p, name);
                break;
            case "user_id":
                b.userId = optionalToken(p, name, 256);
                break;
            case "account_id":
                b.accountId = optionalToken(p, name, 256);
                break;
            case "value":
                b.value = finiteDouble(p, name);
                break;
            case "currency": {
                String c = optionalString(p, name);
                if (c != null && !isCurrency(c))
                    throw new Reject(DeadLetterReason.INVALID_VALUE, "currency must be an ISO 4217 code such as EUR");
                b.currency = c;
                break;
            }
            case "feature":
                b.feature = boundedString(p, name);
                break;
            case "properties":
                b.properties = scalarMap(p, name);
                break;
            default:
                throw new IllegalStateException(name);
        }
    }

    private void readMetric(JsonParser p, String name, PerformanceMetric m) throws IOException {
        switch (name) {
            case "name":
                m.name = requiredLabel(p, name);
                break;
            case "kind": {
                MetricKind kind = MetricKind.fromWireName(requiredString(p, name));
                if (kind == null)
                    throw new Reject(
                            DeadLetterReason.INVALID_VALUE, "kind must be one of counter, gauge, histogram, timer");
                m.kind = kind;
                break;
            }
            case "value":
                m.value = finiteDouble(p, name);
                break;
            case "buckets":
                readBuckets(p, m);
                break;
            case "unit":
                m.unit = boundedString(p, name);
                break;
            case "operation":
                m.operation = boundedString(p, name);
                break;
            case "tags":
                m.tags = scalarMap(p, name);
                break;
            case "resource":
                m.resource = resource(p);
                break;
            default:
                throw new IllegalStateException(name);
        }
    }

    private void readError(JsonParser p, String name, ErrorEvent r) throws IOException {
        switch (name) {
            case "error_type":
                r.errorType = requiredLabel(p, name);
                break;
            case "message":
                r.message = text(requiredString(p, name));
                break;
            case "frames":
                r.frames = frames(p, r);
                break;
            case "handled":
                r.handled = optionalBoolean(p, name);
                break;
            case "severity": {
                String s = optionalString(p, name);
                if (s != null && !s.equals("warning") && !s.equals("error") && !s.equals("fatal")) {
                    throw new Reject(DeadLetterReason.INVALID_VALUE, "severity must be one of warning, error, fatal");
                }
                r.severity = s;
                break;
            }
            case "http_status": {
                if (p.currentToken() == JsonToken.VALUE_NULL) break;
                if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw wrongType(name, "an integer");
                long v = longValue(p, name);
                if (v < 100 || v > 599)
                    throw new Reject(DeadLetterReason.INVALID_VALUE, "http_status must be 100..599");
                r.httpStatus = (int) v;
                break;
            }
            case "operation":
                r.operation = boundedString(p, name);
                break;
            case "fingerprint":
                r.fingerprint = optionalToken(p, name, 256);
                break;
            case "user_id":
                r.userId = optionalToken(p, name, 256);
                break;
            default:
                throw new IllegalStateException(name);
        }
    }

    /** Type-specific required fields, correlation, and the derived event ID. */
    private void finish(byte[] bytes, Event e, Fields f, long recordTime) {
        if (e.type == null) throw new Reject(DeadLetterReason.MISSING_FIELD, "type is required");
        if (!f.hasTimestamp) throw new Reject(DeadLetterReason.MISSING_FIELD, "timestamp is required");
        if (e.service == null) throw new Reject(DeadLetterReason.MISSING_FIELD, "service is required");
        switch (e.type) {
            case AGENT_LOG: {
                AgentLog a = log(e);
                if (a.level == null)
                    throw new Reject(DeadLetterReason.MISSING_FIELD, "level is required for agent_log");
                if (a.message == null)
                    throw new Reject(DeadLetterReason.MISSING_FIELD, "message is required for agent_log");
                break;
            }
            case BUSINESS_EVENT:
                if (business(e).name == null)
                    throw new Reject(DeadLetterReason.MISSING_FIELD, "name is required for business_event");
                break;
            case PERFORMANCE_METRIC: {
                PerformanceMetric m = metric(e);
                if (m.name == null)
                    throw new Reject(DeadLetterReason.MISSING_FIELD, "name is required for performance_metric");
                if (m.kind == null)
                    throw new Reject(DeadLetterReason.MISSING_FIELD, "kind is required for performance_metric");
                if (m.kind == MetricKind.HISTOGRAM && m.bucketBounds == null) {
                    throw new Reject(DeadLetterReason.MISSING_FIELD, "buckets is required for a histogram metric");
                }
                if (m.kind != MetricKind.HISTOGRAM && m.value == null) {
                    throw new Reject(
                            DeadLetterReason.MISSING_FIELD,
                            "value is required for a " + m.kind.name().toLowerCase() + " metric");
                }
                break;
            }
            case ERROR: {
                ErrorEvent r = error(e);
                if (r.errorType == null)
                    throw new Reject(DeadLetterReason.MISSING_FIELD, "error_type is required for error");
                if (r.message == null)
                    throw new Reject(DeadLetterReason.MISSING_FIELD, "message is required for error");
                break;
            }
            default:
        }
        long now = clock.getAsLong();
        if (limits.maxPastMillis > 0 && e.timestamp < now - limits.maxPastMillis) {
            throw new Reject(DeadLetterReason.TIMESTAMP_OUT_OF_RANGE, "timestamp is older than the accepted window");
        }
        long arrived = recordTime >= 0 ? Math.min(recordTime, now) : now;
        if (limits.maxFutureMillis > 0 && e.timestamp > arrived + limits.maxFutureMillis) {
            throw new Reject(
                    DeadLetterReason.FUTURE_TIMESTAMP,
                    "timestamp is " + (e.timestamp - arrived) + " ms ahead of "
                            + (arrived == now ? "now" : "the record's broker time") + "; parser.max-future allows "
                            + limits.maxFutureMillis + " ms");
        }
        if (f.traceparent != null) {
            if (e.traceId == null) e.traceId = f.traceparent.traceId;
            if (e.spanId == null) e.spanId = f.traceparent.spanId;
        }
        if (e.eventId == null) {
            e.eventId = "d-" + ContentHash.hex128(bytes);
            e.eventIdDerived = true;
        }
        if (f.attributes != null) e.attributes = f.attributes;
        Correlation.assign(e);
    }

    // ---- envelope value readers -------------------------------------------------------------

    private long timestamp(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        long millis;
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG) {
                throw new Reject(
                        DeadLetterReason.TIMESTAMP_OUT_OF_RANGE, "timestamp is outside 2000-01-01..2100-01-01");
            }
            millis = p.getLongValue();
        } else if (t == JsonToken.VALUE_STRING) {
            millis = Timestamps.parseRfc3339(p.getText());
            if (millis == Timestamps.UNPARSEABLE) {
                throw new Reject(
                        DeadLetterReason.TIMESTAMP_UNPARSEABLE,
                        "timestamp must be RFC 3339 (e.g. 2026-01-31T12:00:00.123Z) or epoch milliseconds");
            }
        } else {
            throw wrongType("timestamp", "an RFC 3339 string or epoch milliseconds");
        }
        if (!Timestamps.inContractRange(millis)) {
            throw new Reject(DeadLetterReason.TIMESTAMP_OUT_OF_RANGE, "timestamp is outside 2000-01-01..2100-01-01");
        }
        return millis;
    }

    private static String traceField(JsonParser p, String name, int hexLength) throws IOException {
        String v = optionalString(p, name);
        if (v == null) return null;
        boolean ok = hexLength == 32 ? TraceContext.isValidTraceId(v) : TraceContext.isValidSpanId(v);
        if (!ok) {
            throw new Reject(
                    DeadLetterReason.INVALID_TRACE_CONTEXT,
                    name + " must be " + hexLength + " lower-case hex characters, not all zero");
        }
        return v;
    }

    /** Service and environment names: safe in index names, metric labels and SQL keys. */
    private static String name(JsonParser p, String field, boolean required) throws IOException {
        String v = required ? requiredString(p, field) : optionalString(p, field);
        if (v == null) return null;
        if (v.isEmpty() || v.length() > 128 || !isNameStart(v.charAt(0))) {
            throw new Reject(DeadLetterReason.INVALID_VALUE, field + " must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
        }
        for (int i = 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(isNameStart(c) || c == '.' || c == '_' || c == '-')) {
                throw new Reject(
                        DeadLetterReason.INVALID_VALUE, field + " must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
            }
        }
        return v;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** lower, UPPER or Capitalized, as the schema's enum lists them; "warning" means WARN. */
    private static String level(JsonParser p) throws IOException {
        switch (requiredString(p, "level")) {
            case "trace":
            case "TRACE":
            case "Trace":
                return "TRACE";
            case "debug":
            case "DEBUG":
            case "Debug":
                return "DEBUG";
            case "info":
            case "INFO":
            case "Info":
                return "INFO";
            case "warn":
            case "WARN":
            case "Warn":
            case "warning":
            case "WARNING":
            case "Warning":
                return "WARN";
            case "error":
            case "ERROR":
            case "Error":
                return "ERROR";
            case "fatal":
            case "FATAL":
            case "Fatal":
                return "FATAL";
            default:
                throw new Reject(
                        DeadLetterReason.INVALID_VALUE, "level must be one of trace, debug, info, warn, error, fatal");
        }
    }

    private static boolean isCurrency(String c) {
        if (c.length() != 3) return false;
        for (int i = 0; i < 3; i++) {
            if (c.charAt(i) < 'A' || c.charAt(i) > 'Z') return false;
        }
        return true;
    }

    // ---- payload structures ------------------------------------------------------------------

    private void readBuckets(JsonParser p, PerformanceMetric m) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return;
        if (p.currentToken() != JsonToken.START_ARRAY) throw wrongType("buckets", "an array");
        double[] bounds = new double[8];
        long[] counts = new long[8];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) throw wrongType("buckets[]", "an object {le, count}");
            double le = Double.NaN;
            long count = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("le")) {
                    if (v == JsonToken.VALUE_STRING && p.getText().equals("+Inf")) {
                        le = Double.POSITIVE_INFINITY;
                    } else if (v.isNumeric()) {
                        le = p.getDoubleValue();
                        if (!Double.isFinite(le))
                            throw new Reject(DeadLetterReason.INVALID_VALUE, "buckets[].le must be finite or \"+Inf\"");
                    } else {
                        throw wrongType("buckets[].le", "a number or \"+Inf\"");
                    }
                } else if (field.equals("count")) {
                    if (v != JsonToken.VALUE_NUMBER_INT) throw wrongType("buckets[].count", "an integer");
                    count = longValue(p, "buckets[].count");
                    if (count < 0) throw new Reject(DeadLetterReason.INVALID_VALUE, "buckets[].count must be >= 0");
                } else {
                    p.skipChildren();
                }
            }
            if (Double.isNaN(le) || count < 0)
                throw new Reject(DeadLetterReason.MISSING_FIELD, "buckets[] needs le and count");
            if (n > 0 && le <= bounds[n - 1])
                throw new Reject(DeadLetterReason.INVALID_VALUE, "buckets must be in ascending le order");
            if (n == MAX_BUCKETS)
                throw new Reject(
                        DeadLetterReason.INVALID_VALUE, "buckets must hold at most " + MAX_BUCKETS + " entries");
            if (n == bounds.length) {
                bounds = java.util.Arrays.copyOf(bounds, n * 2);
                counts = java.util.Arrays.copyOf(counts, n * 2);
            }
            bounds[n] = le;
            counts[n] = count;
            n++;
        }
        if (n == 0) throw new Reject(DeadLetterReason.INVALID_VALUE, "buckets must not be empty");
        m.bucketBounds = java.util.Arrays.copyOf(bounds, n);
        m.bucketCounts = java.util.Arrays.copyOf(counts, n);
    }

    private ResourceUsage resource(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        if (p.currentToken() != JsonToken.START_OBJECT) throw wrongType("resource", "an object");
        ResourceUsage r = new ResourceUsage();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "cpu_percent":
                    r.cpuPercent = nonNegativeDouble(p, "resource.cpu_percent");
                    break;
                case "memory_bytes":
                    r.memoryBytes = nonNegativeDouble(p, "resource.memory_bytes");
                    break;
                case "gpu_percent":
                    r.gpuPercent = nonNegativeDouble(p, "resource.gpu_percent");
                    break;
                case "queue_depth":
                    r.queueDepth = nonNegativeDouble(p, "resource.queue_depth");
                    break;
                default:
                    p.skipChildren();
            }
        }
        return r;
    }

    /**
     * The stack, bounded: of a deeper one (a StackOverflowError has thousands of frames) the first and
     * the last {@value #KEPT_FRAMES_EACH_END} frames are kept, where the error was thrown and where the
     * recursion began, and the omitted ones are counted in {@link ErrorEvent#framesOmitted}.
     */
    private StackFrame[] frames(JsonParser p, ErrorEvent r) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        if (p.currentToken() != JsonToken.START_ARRAY) throw wrongType("frames", "an array");
        List<StackFrame> frames = new ArrayList<>();
        StackFrame[] tail = new StackFrame[KEPT_FRAMES_EACH_END];
        int total = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) throw wrongType("frames[]", "an object");
            StackFrame fr = new StackFrame();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "module":
                        fr.module = optionalText(p, "frames[].module");
                        break;
                    case "function":
                        fr.function = optionalText(p, "frames[].function");
                        break;
                    case "file":
                        fr.file = optionalText(p, "frames[].file");
                        break;
                    case "line": {
                        if (p.currentToken() == JsonToken.VALUE_NULL) break;
                        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT)
                            throw wrongType("frames[].line", "an integer");
                        long line = longValue(p, "frames[].line");
                        if (line < 0 || line > Integer.MAX_VALUE)
                            throw new Reject(DeadLetterReason.INVALID_VALUE, "frames[].line must be >= 0");
                        fr.line = (int) line;
                        break;
                    }
                    case "in_app": {
                        Boolean b = optionalBoolean(p, "frames[].in_app");
                        fr.inApp = b != null && b;
                        break;
                    }
                    default:
                        p.skipChildren();
                }
            }
            if (total < KEPT_FRAMES_EACH_END) frames.add(fr);
            else tail[total % KEPT_FRAMES_EACH_END] = fr;
            total++;
        }
        int inTail = Math.min(Math.max(total - KEPT_FRAMES_EACH_END, 0), KEPT_FRAMES_EACH_END);
        for (int k = total - inTail; k < total; k++) frames.add(tail[k % KEPT_FRAMES_EACH_END]);
        r.framesOmitted = total - frames.size();
        return frames.toArray(new StackFrame[0]);
    }

    /** A flat object of scalars (properties, tags) as strings. */
    private static Map<String, String> scalarMap(JsonParser p, String name) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        if (p.currentToken() != JsonToken.START_OBJECT) throw wrongType(name, "an object");
        Map<String, String> map = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NULL) continue;
            if (!v.isScalarValue()) throw wrongType(name + "." + key, "a string, number or boolean");
            map.put(label(wellFormed(key, name), name), label(wellFormed(p.getText(), name), name));
        }
        return map;
    }

    /** Flattens the members of an object into attributes: nested objects as dotted keys, arrays by index. */
    private void flattenObject(JsonParser p, String prefix, Fields f) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            flattenValue(p, prefix == null ? key : prefix + '.' + key, f);
        }
    }

    private void flattenValue(JsonParser p, String key, Fields f) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT:
                if (p.nextToken() == JsonToken.END_OBJECT) {
                    putAttribute(key, Attribute.of(Attribute.Kind.EMPTY_OBJECT), f);
                    return;
                }
                do {
                    String member = p.currentName();
                    p.nextToken();
                    flattenValue(p, key + '.' + member, f);
                } while (p.nextToken() == JsonToken.FIELD_NAME);
                return;
            case START_ARRAY:
                if (p.nextToken() == JsonToken.END_ARRAY) {
                    putAttribute(key, Attribute.of(Attribute.Kind.EMPTY_ARRAY), f);
                    return;
                }
                int i = 0;
                do {
                    flattenValue(p, key + '.' + i++, f);
                } while (p.nextToken() != JsonToken.END_ARRAY);
                return;
            case VALUE_STRING:
                putAttribute(key, Attribute.string(text(wellFormed(p.getText(), "attributes"))), f);
                return;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                putAttribute(key, Attribute.number(p.getText()), f);
                return;
            case VALUE_TRUE:
            case VALUE_FALSE:
                putAttribute(key, Attribute.bool(p.currentToken() == JsonToken.VALUE_TRUE), f);
                return;
            case VALUE_NULL:
                putAttribute(key, Attribute.of(Attribute.Kind.NULL), f);
                return;
            default:
                throw wrongType(key, "a JSON value");
        }
    }

    private void putAttribute(String key, Attribute value, Fields f) {
        if (f.attributes == null) f.attributes = new HashMap<>();
        if (f.attributes.put(label(wellFormed(key, "attributes"), "attribute keys"), value) != null) {
            // {"a":{"b":1},"a.b":2} flattens both to a.b
            throw new Reject(DeadLetterReason.DUPLICATE_FIELD, "two attributes flatten to the same key");
        }
        if (f.attributes.size() > limits.maxAttributes) {
            throw new Reject(DeadLetterReason.TOO_MANY_ATTRIBUTES, "more than " + limits.maxAttributes + " attributes");
        }
    }

    // ---- scalar readers ----------------------------------------------------------------------

    private static String requiredString(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw wrongType(name, "a string");
        return wellFormed(p.getText(), name);
    }

    private static String optionalString(JsonParser p, String name) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_STRING) throw wrongType(name, "a string");
        return wellFormed(p.getText(), name);
    }

    private static String optionalText(JsonParser p, String name) throws IOException {
        String v = optionalString(p, name);
        return v == null ? null : text(v);
    }

    /** Free text that ends up as a keyword and in table keys, so it must stay short enough to index. */
    private static String boundedString(JsonParser p, String name) throws IOException {
        return bounded(optionalString(p, name), name);
    }

    private static String requiredLabel(JsonParser p, String name) throws IOException {
        return bounded(requiredString(p, name), name);
    }

    private static String bounded(String v, String name) {
        if (v == null) return null;
        if (v.length() > MAX_LABEL_LENGTH) {
            throw new Reject(
                    DeadLetterReason.INVALID_VALUE, name + " must be at most " + MAX_LABEL_LENGTH + " characters");
        }
        return label(v, name);
    }

    /**
     * A label or key (names, tags, properties, attribute keys): they become keyword fields, SQL key
     * columns and parts of window keys, so no C0 control character but tab and newline may appear
     * (a NUL fails PostgreSQL, the others are invisible in every sink and dashboard). Free text was
     * made well-formed already; this only checks.
     */
    private static String label(String s, String name) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n') {
                throw new Reject(
                        DeadLetterReason.INVALID_VALUE,
                        name + " must not contain control characters (U+0000..U+001F but tab and newline)");
            }
        }
        return s;
    }

    /**
     * JSON may escape a lone surrogate (\ud800), which no UTF-8 writer can encode: the sinks would fail
     * on it (Elasticsearch) or silently turn it into '?' (Parquet, PostgreSQL). Rejected here instead.
     */
    private static String wellFormed(String s, String name) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) continue;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else {
                throw new Reject(DeadLetterReason.INVALID_UTF8, name + " holds an unpaired surrogate escape");
            }
        }
        return s;
    }

    /**
     * Free text (messages, attribute values, stack frames). A NUL (\u0000) is valid JSON but no
     * PostgreSQL text can hold it: it becomes U+FFFD, so every sink stores the same value and the rest
     * of the message survives. Other control characters are valid everywhere and kept.
     */
    private static String text(String s) {
        return s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\uFFFD');
    }

    /** An identifier: printable ASCII without spaces, so it is safe as a document ID or key. */
    private static String optionalToken(JsonParser p, String name, int maxLength) throws IOException {
        String v = optionalString(p, name);
        if (v != null && !Correlation.isPrintableToken(v, maxLength)) {
            throw new Reject(
                    DeadLetterReason.INVALID_VALUE,
                    name + " must be 1.." + maxLength + " printable ASCII characters without spaces");
        }
        return v;
    }

    private static Boolean optionalBoolean(JsonParser p, String name) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) throw wrongType(name, "a boolean");
        return t == JsonToken.VALUE_TRUE;
    }

    private static long longValue(JsonParser p, String name) throws IOException {
        JsonParser.NumberType nt = p.getNumberType();
        if (nt != JsonParser.NumberType.INT && nt != JsonParser.NumberType.LONG) {
            throw new Reject(DeadLetterReason.INVALID_VALUE, name + " is out of range");
        }
        return p.getLongValue();
    }

    private static Long nonNegativeLong(JsonParser p, String name) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_NUMBER_INT) throw wrongType(name, "an integer");
        long v = longValue(p, name);
        if (v < 0) throw new Reject(DeadLetterReason.INVALID_VALUE, name + " must be >= 0");
        return v;
    }

    private static Double finiteDouble(JsonParser p, String name) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (!t.isNumeric()) throw wrongType(name, "a number");
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) throw new Reject(DeadLetterReason.INVALID_VALUE, name + " must be a finite number");
        return v;
    }

    private static Double nonNegativeDouble(JsonParser p, String name) throws IOException {
        Double v = finiteDouble(p, name);
        if (v != null && v < 0) throw new Reject(DeadLetterReason.INVALID_VALUE, name + " must be >= 0");
        return v;
    }

    private static Reject wrongType(String name, String expected) {
        return new Reject(DeadLetterReason.WRONG_TYPE, name + " must be " + expected);
    }

    private EventType findType(byte[] bytes) throws IOException {
        try (JsonParser p = factory.createParser(bytes)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("type")) {
                    String wire = requiredString(p, name);
                    EventType type = EventType.fromWireName(wire);
                    if (type == null) {
                        throw new Reject(
                                DeadLetterReason.UNKNOWN_TYPE,
                                "type must be one of agent_log, business_event, performance_metric, error");
                    }
                    return type;
                }
                p.skipChildren();
            }
        }
        throw new Reject(DeadLetterReason.MISSING_FIELD, "type is required");
    }

    /** Jackson's message without the echoed source snippet (it could hold PII). */
    private static String describe(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (msg == null) return "malformed JSON";
        int cut = msg.indexOf('\n');
        String head = cut >= 0 ? msg.substring(0, cut) : msg;
        int quote = head.indexOf('\'');
        if (quote >= 0) head = head.substring(0, quote).trim();
        if (e.getLocation() != null) {
            head += " at byte " + e.getLocation().getByteOffset();
        }
        return head;
    }

    private static AgentLog log(Event e) {
        if (e.agentLog == null) e.agentLog = new AgentLog();
        return e.agentLog;
    }

    private static BusinessEvent business(Event e) {
        if (e.business == null) e.business = new BusinessEvent();
        return e.business;
    }

    private static PerformanceMetric metric(Event e) {
        if (e.metric == null) e.metric = new PerformanceMetric();
        return e.metric;
    }

    private static ErrorEvent error(Event e) {
        if (e.error == null) e.error = new ErrorEvent();
        return e.error;
    }

    /** Parse state that does not belong on the event itself. */
    private static final class Fields {
        boolean hasTimestamp;
        TraceContext traceparent;
        Map<String, Attribute> attributes;
    }

    /** A rejection; no stack trace, it is control flow on bad input. */
    private static final class Reject extends RuntimeException {
        final DeadLetterReason reason;

        Reject(DeadLetterReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    /** A payload field arrived before the type: re-read with the type known. */
    private static final class TypeNeeded extends RuntimeException {
        static final TypeNeeded INSTANCE = new TypeNeeded();

        private TypeNeeded() {
            super(null, null, false, false);
        }
    }
}
