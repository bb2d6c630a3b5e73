package dev.vigil.schema.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.vigil.schema.contract.ContractFields;
import dev.vigil.schema.contract.Field;
import dev.vigil.schema.contract.FieldNaming;
import dev.vigil.schema.contract.ValueTypes;
import dev.vigil.schema.event.AgentLog;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.StackFrame;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One OTLP export request to contract events, one per record (log record, data point, span), each written as the
 * contract's JSON so the same parser validates, bounds and identifies it as any other event. The mapping is the
 * table in docs/events.md:
 *
 * <ul>
 *   <li>a log record is an {@code agent_log}, or an {@code error} when it carries {@code exception.*} attributes;
 *   <li>a gauge point, a cumulative sum point (a counter total when monotonic, reset handling as for counters; else
 *       a reading), a delta sum point (a {@code delta}), and a histogram or exponential histogram point (a
 *       {@code histogram} when delta, a {@code cumulative_histogram} when cumulative) are {@code performance_metric}s;
 *   <li>a span is an {@code agent_log} (its request's journey hop, keyed by trace ID) and a {@code timer} of its
 *       duration per service and operation.
 * </ul>
 *
 * <p>Only the event types in {@code wanted} are written; records of other types are counted as routed elsewhere
 * (another job reads the same topic for them). Not thread-safe: one instance per operator subtask.
 */
public final class OtlpEvents {
    /** The version of OpenTelemetry's semantic conventions whose resource, exception and GenAI names are mapped. */
    public static final String SEMCONV_VERSION = "1.37.0";

    /** Where each record of a request goes. */
    public interface Records {
        /** A record as one contract event in JSON; the bytes are the caller's to keep. */
        void event(byte[] contractJson);

        /** A record with no event in the contract: dead-lettered with what it was. */
        void refused(DeadLetterReason reason, String detail, byte[] rendering);

        /** An event of a record that another job consumes (a span gives two: a hop and a timer). */
        void routedElsewhere();
    }

    /** The GenAI attributes (semantic conventions) that fill agent fields: each is the field's ECS name. */
    private static final Map<String, Field<AgentLog, ?>> GEN_AI = genAiFields();

    /**
     * A record attribute that names the request's correlation ID, for producers that join OTLP services and contract
     * services in one journey; without it the correlation ID is the trace ID.
     */
    static final String CORRELATION_ATTRIBUTE = "correlation_id";

    /** Attributes an error record's fields take (not repeated in its attributes). */
    private static final Set<String> ERROR_MAPPED = Set.of(
            "exception.type", "exception.message", "exception.stacktrace", "exception.escaped", CORRELATION_ATTRIBUTE);
    /** Attributes an agent log's fields take. */
    private static final Set<String> LOG_MAPPED = logMapped();

    private static final HexFormat HEX = HexFormat.of();
    private static final Field<ErrorEvent, ?> FRAMES = ContractFields.ERROR.inputField("frames");

    private final EnumSet<EventType> wanted;
    private final int maxRecords;
    private final JsonFactory json = new JsonFactory();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(2048);
    /** The current record's attributes (short lists: looked up by scanning, no map per record). */
    private List<KeyValue> attrs = List.of();
    /** Reused for every record: one generator writing root objects back to back into {@link #buffer}. */
    private JsonGenerator generator;

    /**
     * @param wanted the event types the reading job consumes
     * @param maxRecords records one request may hold; more and the request is dead-lettered whole
     */
    public OtlpEvents(Set<EventType> wanted, int maxRecords) {
        this.wanted = wanted.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(wanted);
        this.maxRecords = maxRecords;
    }

    /** Maps every record of {@code request} (an {@code Export*ServiceRequest}); returns how many it held. */
    public int map(Message request, Records out) throws OtlpRequests.Unreadable {
        boolean done = false;
        try {
            int n;
            if (request instanceof ExportLogsServiceRequest) n = logs((ExportLogsServiceRequest) request, out);
            else if (request instanceof ExportMetricsServiceRequest)
                n = metrics((ExportMetricsServiceRequest) request, out);
            else n = traces((ExportTraceServiceRequest) request, out);
            done = true;
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        } finally {
            if (!done) generator = null; // it may be inside a record: start the next request on a new one
        }
    }

    // ---- logs ---------------------------------------------------------------------------------------

    private int logs(ExportLogsServiceRequest request, Records out) throws IOException, OtlpRequests.Unreadable {
        int n = 0;
        for (ResourceLogs rl : request.getResourceLogsList())
            for (ScopeLogs sl : rl.getScopeLogsList()) n += sl.getLogRecordsCount();
        checkCount(n, "log records");
        for (ResourceLogs rl : request.getResourceLogsList()) {
            String resource = resourceFields(rl.getResource());
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                String logger = loggerField(sl.getScope());
                for (LogRecord r : sl.getLogRecordsList()) {
                    attrs = r.getAttributesList();
                    boolean error = isException(attrs);
                    EventType type = error ? EventType.ERROR : EventType.AGENT_LOG;
                    if (!wanted.contains(type)) {
                        out.routedElsewhere();
                        continue;
                    }
                    String level = level(r.getSeverityNumberValue(), r.getSeverityText());
                    long nanos = r.getTimeUnixNano() != 0 ? r.getTimeUnixNano() : r.getObservedTimeUnixNano();
                    JsonGenerator g = start();
                    envelope(g, type, null, nanos, resource, r.getTraceId(), r.getSpanId(), null);
                    String body = text(r.getBody());
                    if (body.isEmpty()) body = r.getEventName();
                    if (error) {
                        errorPayload(g, level, body);
                    } else {
                        g.writeStringField("level", level);
                        g.writeRaw(logger); // after a member the generator wrote
                        g.writeStringField("message", body);
                        agentFields(g);
                    }
                    attributes(g, error ? ERROR_MAPPED : LOG_MAPPED);
                    out.event(finish(g));
                }
            }
        }
        return n;
    }

    private void errorPayload(JsonGenerator g, String level, String body) throws IOException {
        AnyValue type = attr("exception.type");
        AnyValue message = attr("exception.message");
        g.writeStringField("error_type", type != null ? text(type) : "Exception");
        g.writeStringField("message", message != null ? text(message) : body);
        g.writeStringField("severity", level.equals("FATAL") ? "fatal" : level.equals("ERROR") ? "error" : "warning");
        AnyValue stack = attr("exception.stacktrace");
        if (stack != null) {
            List<StackFrame> frames = StackTraces.frames(text(stack));
            if (!frames.isEmpty()) {
                ErrorEvent parsed = new ErrorEvent();
                parsed.frames = frames.toArray(new StackFrame[0]);
                FRAMES.write(g, parsed, FieldNaming.VIGIL); // the contract's own writer of frames
            }
        }
    }

    private static final String[] LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};

    /** OTLP severity numbers 1-24 in six bands of four; without one, the text when it names a level; else INFO. */
    static String level(int number, String text) {
        if (number >= 1 && number <= 24) {
            return LEVELS[(number - 1) / 4];
        }
        switch (text.toUpperCase(java.util.Locale.ROOT)) {
            case "TRACE":
            case "DEBUG":
            case "INFO":
            case "WARN":
            case "ERROR":
            case "FATAL":
                return text.toUpperCase(java.util.Locale.ROOT);
            case "WARNING":
                return "WARN";
            case "CRITICAL":
                return "FATAL";
            default:
                return "INFO";
        }
    }

    // ---- traces -------------------------------------------------------------------------------------

    private int traces(ExportTraceServiceRequest request, Records out) throws IOException, OtlpRequests.Unreadable {
        int n = 0;
        for (ResourceSpans rs : request.getResourceSpansList())
            for (ScopeSpans ss : rs.getScopeSpansList()) n += ss.getSpansCount();
        checkCount(n, "spans");
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String resource = resourceFields(rs.getResource());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                String logger = loggerField(ss.getScope());
                for (Span s : ss.getSpansList()) {
                    attrs = s.getAttributesList();
                    String id = HEX.formatHex(s.getTraceId().toByteArray()) + "-"
                            + HEX.formatHex(s.getSpanId().toByteArray());
                    double durationMs = Math.max(0, s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1e6;
                    boolean failed = s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
                    String kind = spanKind(s.getKind());
                    if (wanted.contains(EventType.AGENT_LOG)) {
                        JsonGenerator g = start();
                        envelope(
                                g,
                                EventType.AGENT_LOG,
                                id,
                                s.getStartTimeUnixNano(),
                                resource,
                                s.getTraceId(),
                                s.getSpanId(),
                                s.getParentSpanId());
                        g.writeStringField("level", failed ? "ERROR" : "INFO");
                        g.writeRaw(logger);
                        g.writeStringField("message", s.getName());
                        g.writeNumberField("duration_ms", durationMs);
                        g.writeStringField("outcome", failed ? "error" : "ok");
                        agentFields(g);
                        g.writeObjectFieldStart("attributes");
                        g.writeStringField("span.kind", kind);
                        if (!s.getStatus().getMessage().isEmpty())
                            g.writeStringField(
                                    "span.status_message", s.getStatus().getMessage());
                        attributeMembers(g, LOG_MAPPED);
                        g.writeEndObject();
                        out.event(finish(g));
                    } else {
                        out.routedElsewhere();
                    }
                    if (wanted.contains(EventType.PERFORMANCE_METRIC)) {
                        JsonGenerator g = start();
                        envelope(
                                g,
                                EventType.PERFORMANCE_METRIC,
                                id + "-duration",
                                s.getStartTimeUnixNano(),
                                resource,
                                s.getTraceId(),
                                s.getSpanId(),
                                s.getParentSpanId());
                        g.writeStringField("name", "span.duration");
                        g.writeStringField("kind", "timer");
                        g.writeNumberField("value", durationMs);
                        g.writeStringField("unit", "ms");
                        g.writeStringField("operation", s.getName());
                        g.writeObjectFieldStart("tags");
                        g.writeStringField("span.kind", kind);
                        g.writeStringField("status", failed ? "error" : "ok");
                        g.writeEndObject();
                        out.event(finish(g));
                    } else {
                        out.routedElsewhere();
                    }
                }
            }
        }
        return n;
    }

    private static String spanKind(Span.SpanKind kind) {
        switch (kind) {
            case SPAN_KIND_SERVER:
                return "server";
            case SPAN_KIND_CLIENT:
                return "client";
            case SPAN_KIND_PRODUCER:
                return "producer";
            case SPAN_KIND_CONSUMER:
                return "consumer";
            default:
                return "internal";
        }
    }

    // ---- metrics ------------------------------------------------------------------------------------

    private int metrics(ExportMetricsServiceRequest request, Records out) throws IOException, OtlpRequests.Unreadable {
        int n = 0;
        for (ResourceMetrics rm : request.getResourceMetricsList())
            for (ScopeMetrics sm : rm.getScopeMetricsList()) for (Metric m : sm.getMetricsList()) n += points(m);
        checkCount(n, "data points");
        attrs = List.of(); // a data point's attributes are its tags, never envelope fields
        for (ResourceMetrics rm : request.getResourceMetricsList()) {
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric m : sm.getMetricsList()) {
                    if (!wanted.contains(EventType.PERFORMANCE_METRIC)) {
                        for (int i = points(m); i > 0; i--) out.routedElsewhere();
                        continue;
                    }
                    metric(resourceFields(rm.getResource()), m, out);
                }
            }
        }
        return n;
    }

    private static int points(Metric m) {
        switch (m.getDataCase()) {
            case GAUGE:
                return m.getGauge().getDataPointsCount();
            case SUM:
                return m.getSum().getDataPointsCount();
            case HISTOGRAM:
                return m.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM:
                return m.getExponentialHistogram().getDataPointsCount();
            case SUMMARY:
                return m.getSummary().getDataPointsCount();
            default:
                return 1;
        }
    }

    private void metric(String resource, Metric m, Records out) throws IOException {
        switch (m.getDataCase()) {
            case GAUGE:
                for (NumberDataPoint p : m.getGauge().getDataPointsList()) number(resource, m, p, "gauge", out);
                break;
            case SUM: {
                boolean delta =
                        m.getSum().getAggregationTemporality() == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
                // a delta is an increase (negative for an up-down counter); a cumulative total is a counter when it
                // only rises (a fall is a restart) and a reading when it may fall
                String kind = delta ? "delta" : m.getSum().getIsMonotonic() ? "counter" : "gauge";
                for (NumberDataPoint p : m.getSum().getDataPointsList()) number(resource, m, p, kind, out);
                break;
            }
            case HISTOGRAM: {
                String kind = histogramKind(m.getHistogram().getAggregationTemporality());
                for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
                    int b = p.getBucketCountsCount();
                    double[] bounds = new double[b];
                    long[] counts = new long[b];
                    for (int i = 0; i < b; i++) {
                        bounds[i] = i < p.getExplicitBoundsCount() ? p.getExplicitBounds(i) : Double.POSITIVE_INFINITY;
                        counts[i] = p.getBucketCounts(i);
                    }
                    histogram(resource, m, kind, p.getTimeUnixNano(), p.getAttributesList(), bounds, counts, out);
                }
                break;
            }
            case EXPONENTIAL_HISTOGRAM: {
                String kind = histogramKind(m.getExponentialHistogram().getAggregationTemporality());
                for (ExponentialHistogramDataPoint p :
                        m.getExponentialHistogram().getDataPointsList()) {
                    ExponentialBuckets.Explicit e = ExponentialBuckets.toExplicit(p, ValueTypes.MAX_BUCKETS);
                    histogram(
                            resource, m, kind, p.getTimeUnixNano(), p.getAttributesList(), e.bounds(), e.counts(), out);
                }
                break;
            }
            default:
                for (int i = points(m); i > 0; i--) {
                    out.refused(
                            DeadLetterReason.INVALID_VALUE,
                            "OTLP metric " + m.getName() + ": "
                                    + m.getDataCase().name().toLowerCase(java.util.Locale.ROOT)
                                    + " points have no performance_metric kind (export histograms instead of summaries)",
                            m.getName().getBytes(StandardCharsets.UTF_8));
                }
        }
    }

    /** Delta buckets are this report's observations; cumulative ones (the SDKs' default) are totals to difference. */
    private static String histogramKind(AggregationTemporality temporality) {
        return temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
                ? "histogram"
                : "cumulative_histogram";
    }

    private void number(String resource, Metric m, NumberDataPoint p, String kind, Records out) throws IOException {
        JsonGenerator g = start();
        envelope(g, EventType.PERFORMANCE_METRIC, null, p.getTimeUnixNano(), resource, null, null, null);
        g.writeStringField("name", m.getName());
        g.writeStringField("kind", kind);
        g.writeFieldName("value");
        if (p.getValueCase() == NumberDataPoint.ValueCase.AS_INT) g.writeNumber(p.getAsInt());
        else finite(g, p.getAsDouble());
        metricTail(g, m, p.getAttributesList());
        out.event(finish(g));
    }

    private void histogram(
            String resource,
            Metric m,
            String kind,
            long nanos,
            List<KeyValue> pointAttributes,
            double[] bounds,
            long[] counts,
            Records out)
            throws IOException {
        JsonGenerator g = start();
        envelope(g, EventType.PERFORMANCE_METRIC, null, nanos, resource, null, null, null);
        g.writeStringField("name", m.getName());
        g.writeStringField("kind", kind);
        g.writeArrayFieldStart("buckets");
        for (int i = 0; i < bounds.length; i++) {
            g.writeStartObject();
            if (bounds[i] == Double.POSITIVE_INFINITY) g.writeStringField("le", "+Inf");
            else g.writeNumberField("le", bounds[i]);
            g.writeNumberField("count", counts[i]);
            g.writeEndObject();
        }
        g.writeEndArray();
        metricTail(g, m, pointAttributes);
        out.event(finish(g));
    }

    private void metricTail(JsonGenerator g, Metric m, List<KeyValue> pointAttributes) throws IOException {
        if (!m.getUnit().isEmpty()) g.writeStringField("unit", m.getUnit());
        if (!pointAttributes.isEmpty()) {
            g.writeObjectFieldStart("tags");
            for (KeyValue kv : pointAttributes) {
                g.writeFieldName(kv.getKey());
                scalar(g, kv.getValue());
            }
            g.writeEndObject();
        }
    }

    // ---- shared -------------------------------------------------------------------------------------

    private void checkCount(int n, String what) throws OtlpRequests.Unreadable {
        if (n > maxRecords) {
            throw new OtlpRequests.Unreadable(
                    DeadLetterReason.OVERSIZE,
                    "OTLP request holds " + n + " " + what + ", limit " + maxRecords + " (parser.max-otlp-records)");
        }
    }

    private JsonGenerator start() throws IOException {
        if (generator == null) {
            generator = json.createGenerator(buffer);
            generator.setRootValueSeparator(null);
        }
        generator.writeStartObject();
        return generator;
    }

    private byte[] finish(JsonGenerator g) throws IOException {
        g.writeEndObject();
        g.flush();
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }

    /**
     * The contract fields a resource gives, as JSON members each with its leading comma, rendered once per resource
     * and written raw into each of its records.
     */
    private String resourceFields(Resource resource) throws IOException {
        ByteArrayBuilder b = new ByteArrayBuilder(128);
        try (JsonGenerator g = json.createGenerator(b)) {
            g.writeStartObject();
            String environment = null;
            String legacyEnvironment = null;
            for (KeyValue kv : resource.getAttributesList()) {
                switch (kv.getKey()) {
                    case "service.name":
                        g.writeStringField("service", text(kv.getValue()));
                        break;
                    case "host.name":
                        g.writeStringField("host", text(kv.getValue()));
                        break;
                    case "service.instance.id":
                        g.writeStringField("instance", text(kv.getValue()));
                        break;
                    case "deployment.environment.name":
                        environment = text(kv.getValue());
                        break;
                    case "deployment.environment": // before semantic conventions 1.27
                        legacyEnvironment = text(kv.getValue());
                        break;
                    default:
                }
            }
            if (environment != null || legacyEnvironment != null)
                g.writeStringField("environment", environment != null ? environment : legacyEnvironment);
            g.writeEndObject();
        }
        String object = new String(b.toByteArray(), StandardCharsets.UTF_8);
        return object.length() <= 2 ? "" : "," + object.substring(1, object.length() - 1);
    }

    /** The envelope: type, ID when given, event time, the resource's fields, trace context. */
    private void envelope(
            JsonGenerator g,
            EventType type,
            String eventId,
            long nanos,
            String resourceFields,
            ByteString traceId,
            ByteString spanId,
            ByteString parentSpanId)
            throws IOException {
        g.writeStringField("type", type.wireName());
        if (eventId != null) g.writeStringField("event_id", eventId);
        g.writeNumberField("timestamp", nanos / 1_000_000);
        // after a member the generator wrote, so its next member still gets its comma
        g.writeRaw(resourceFields);
        AnyValue correlation = attr(CORRELATION_ATTRIBUTE);
        if (correlation != null) {
            g.writeFieldName("correlation_id");
            scalar(g, correlation);
        }
        hexField(g, "trace_id", traceId);
        hexField(g, "span_id", spanId);
        hexField(g, "parent_span_id", parentSpanId);
    }

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    /** An ID as lower-case hex, written from its bytes (HexFormat's String per ID was a tenth of the mapping's time). */
    private static void hexField(JsonGenerator g, String name, ByteString id) throws IOException {
        if (id == null || id.isEmpty() || id.size() > 32) {
            if (id != null && id.size() > 32) g.writeStringField(name, "too long"); // refused by the parser
            return;
        }
        int n = id.size();
        char[] out = new char[2 * n + 2];
        out[0] = '"';
        for (int i = 0; i < n; i++) {
            int b = id.byteAt(i) & 0xff;
            out[2 * i + 1] = HEX_DIGITS[b >>> 4];
            out[2 * i + 2] = HEX_DIGITS[b & 15];
        }
        out[2 * n + 1] = '"';
        g.writeFieldName(name);
        g.writeRawValue(out, 0, out.length); // hex digits need no escaping
    }

    /** The logger member of a scope's records, with its leading comma, rendered once per scope. */
    private String loggerField(InstrumentationScope scope) throws IOException {
        if (scope.getName().isEmpty()) return "";
        ByteArrayBuilder b = new ByteArrayBuilder(64);
        try (JsonGenerator g = json.createGenerator(b)) {
            g.writeString(scope.getName());
        }
        return ",\"logger\":" + new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    /** The agent fields the record's GenAI attributes carry. */
    private void agentFields(JsonGenerator g) throws IOException {
        for (KeyValue kv : attrs) {
            Field<AgentLog, ?> f = GEN_AI.get(kv.getKey());
            if (f == null) continue;
            g.writeFieldName(f.name);
            scalar(g, kv.getValue());
        }
    }

    /** Whether attributes describe an exception (semantic conventions: exception.type, .message or .stacktrace). */
    private static boolean isException(List<KeyValue> attributes) {
        for (KeyValue kv : attributes) {
            String k = kv.getKey();
            if (k.startsWith("exception.")
                    && (k.equals("exception.type")
                            || k.equals("exception.message")
                            || k.equals("exception.stacktrace"))) return true;
        }
        return false;
    }

    private AnyValue attr(String key) {
        for (KeyValue kv : attrs) if (kv.getKey().equals(key)) return kv.getValue();
        return null;
    }

    /** The record's attributes but those already mapped to fields. */
    private void attributes(JsonGenerator g, Set<String> mapped) throws IOException {
        if (attrs.isEmpty()) return;
        g.writeObjectFieldStart("attributes");
        attributeMembers(g, mapped);
        g.writeEndObject();
    }

    private void attributeMembers(JsonGenerator g, Set<String> mapped) throws IOException {
        for (KeyValue kv : attrs) {
            if (mapped.contains(kv.getKey())) continue;
            g.writeFieldName(kv.getKey());
            value(g, kv.getValue());
        }
    }

    /** An attribute value as JSON: scalars as themselves, arrays and key-value lists nested (the parser bounds depth). */
    private static void value(JsonGenerator g, AnyValue v) throws IOException {
        switch (v.getValueCase()) {
            case ARRAY_VALUE:
                g.writeStartArray();
                for (AnyValue e : v.getArrayValue().getValuesList()) value(g, e);
                g.writeEndArray();
                break;
            case KVLIST_VALUE:
                g.writeStartObject();
                for (KeyValue kv : v.getKvlistValue().getValuesList()) {
                    g.writeFieldName(kv.getKey());
                    value(g, kv.getValue());
                }
                g.writeEndObject();
                break;
            default:
                scalar(g, v);
        }
    }

    private static void scalar(JsonGenerator g, AnyValue v) throws IOException {
        switch (v.getValueCase()) {
            case STRING_VALUE:
                g.writeString(v.getStringValue());
                break;
            case BOOL_VALUE:
                g.writeBoolean(v.getBoolValue());
                break;
            case INT_VALUE:
                g.writeNumber(v.getIntValue());
                break;
            case DOUBLE_VALUE:
                finite(g, v.getDoubleValue());
                break;
            case VALUE_NOT_SET:
                g.writeNull();
                break;
            default:
                g.writeString(text(v));
        }
    }

    private static void finite(JsonGenerator g, double d) throws IOException {
        if (Double.isFinite(d)) g.writeNumber(d);
        else g.writeString(Double.toString(d)); // JSON has no NaN or infinity: the parser refuses it by name
    }

    /** A value as text: strings as they are, bytes as hex, anything else as its JSON. */
    static String text(AnyValue v) {
        switch (v.getValueCase()) {
            case STRING_VALUE:
                return v.getStringValue();
            case VALUE_NOT_SET:
                return "";
            case BOOL_VALUE:
                return Boolean.toString(v.getBoolValue());
            case INT_VALUE:
                return Long.toString(v.getIntValue());
            case DOUBLE_VALUE:
                return Double.toString(v.getDoubleValue());
            case BYTES_VALUE:
                return HEX.formatHex(v.getBytesValue().toByteArray());
            default:
                ByteArrayBuilder b = new ByteArrayBuilder(256);
                try (JsonGenerator g = new JsonFactory().createGenerator(b)) {
                    value(g, v);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new String(b.toByteArray(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Field<AgentLog, ?>> genAiFields() {
        Map<String, Field<AgentLog, ?>> m = new java.util.LinkedHashMap<>();
        for (Field<AgentLog, ?> f : ContractFields.AGENT_LOG.fields()) {
            if (f.ecsName().startsWith("gen_ai.")) m.put(f.ecsName(), f);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Set<String> logMapped() {
        Set<String> m = new java.util.HashSet<>(GEN_AI.keySet());
        m.add(CORRELATION_ATTRIBUTE);
        return Set.copyOf(m);
    }
}
