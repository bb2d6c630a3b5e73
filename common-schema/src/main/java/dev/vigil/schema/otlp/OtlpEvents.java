package dev.vigil.schema.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
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
import dev.vigil.schema.parse.ContractTokens;
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
 * contract's tokens ({@link ContractTokens}) so the same parser validates, bounds and identifies it as any other
 * event. The mapping is the table in docs/events.md:
 *
 * <ul>
 *   <li>a log record is an {@code agent_log}, or an {@code error} when it carries {@code exception.*} attributes;
 *   <li>a gauge point, a cumulative sum point (a counter total when monotonic, reset handling as for counters; else
 *       a reading), a delta sum point (a {@code delta}), and a histogram or exponential histogram point (a
 *       {@code histogram} when delta, a {@code cumulative_histogram} when cumulative) are {@code performance_metric}s,
 *       their operation named from HTTP or RPC attributes as the request's span is named;
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
        /**
         * A record as one contract event, in the contract's tokens (the caller's to keep); {@code record} is the
         * record's position in the request, from which an event without an ID of its own takes one.
         */
        void event(ContractTokens contract, int record);

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
    /** For values rendered as text (a map or list body): shared, as factories are thread-safe and costly to make. */
    private static final JsonFactory TEXT_JSON = new JsonFactory();

    /** The current record's attributes (short lists: looked up by scanning, no map per record). */
    private List<KeyValue> attrs = List.of();
    /** The current record's position in its request. */
    private int record;

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
        record = -1;
        try {
            if (request instanceof ExportLogsServiceRequest) return logs((ExportLogsServiceRequest) request, out);
            if (request instanceof ExportMetricsServiceRequest)
                return metrics((ExportMetricsServiceRequest) request, out);
            return traces((ExportTraceServiceRequest) request, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
    }

    // ---- logs ---------------------------------------------------------------------------------------

    private int logs(ExportLogsServiceRequest request, Records out) throws IOException, OtlpRequests.Unreadable {
        int n = 0;
        for (ResourceLogs rl : request.getResourceLogsList())
            for (ScopeLogs sl : rl.getScopeLogsList()) n += sl.getLogRecordsCount();
        checkCount(n, "log records");
        for (ResourceLogs rl : request.getResourceLogsList()) {
            Members resource = resourceFields(rl.getResource());
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                Members logger = loggerField(sl.getScope());
                for (LogRecord r : sl.getLogRecordsList()) {
                    record++;
                    attrs = r.getAttributesList();
                    boolean error = isException(attrs);
                    EventType type = error ? EventType.ERROR : EventType.AGENT_LOG;
                    if (!wanted.contains(type)) {
                        out.routedElsewhere();
                        continue;
                    }
                    String level = level(r.getSeverityNumberValue(), r.getSeverityText());
                    long nanos = r.getTimeUnixNano() != 0 ? r.getTimeUnixNano() : r.getObservedTimeUnixNano();
                    ContractTokens g = start();
                    envelope(g, type, null, nanos, resource, r.getTraceId(), r.getSpanId(), null);
                    String body = text(r.getBody());
                    if (body.isEmpty()) body = r.getEventName();
                    if (error) {
                        errorPayload(g, level, body);
                    } else {
                        g.writeFieldName(LEVEL);
                        g.writeString(level);
                        logger.write(g);
                        g.writeFieldName(MESSAGE);
                        g.writeString(body);
                        agentFields(g);
                    }
                    attributes(g, error ? ERROR_MAPPED : LOG_MAPPED);
                    out.event(finish(g), record);
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

    /**
     * OTLP severity numbers 1-24 in six bands of four; without one, the text when it names a level in the words of
     * the common logging systems (.NET's {@code Information} and {@code Critical}, java.util.logging's {@code SEVERE}
     * and {@code FINE}, syslog's {@code notice}, {@code crit}, {@code emerg}, zap's {@code dpanic}); else INFO.
     */
    static String level(int number, String text) {
        if (number >= 1 && number <= 24) {
            return LEVELS[(number - 1) / 4];
        }
        switch (text.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "TRACE":
            case "VERBOSE":
            case "FINEST":
            case "FINER":
                return "TRACE";
            case "DEBUG":
            case "FINE":
            case "CONFIG":
                return "DEBUG";
            case "WARN":
            case "WARNING":
                return "WARN";
            case "ERROR":
            case "ERR":
            case "SEVERE":
            case "DPANIC":
                return "ERROR";
            case "FATAL":
            case "CRITICAL":
            case "CRIT":
            case "ALERT":
            case "EMERG":
            case "EMERGENCY":
            case "PANIC":
                return "FATAL";
            default: // INFO, Information, notice, and whatever else a producer calls its level
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
            Members resource = resourceFields(rs.getResource());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                Members logger = loggerField(ss.getScope());
                for (Span s : ss.getSpansList()) {
                    record++;
                    attrs = s.getAttributesList();
                    String id = HEX.formatHex(s.getTraceId().toByteArray()) + "-"
                            + HEX.formatHex(s.getSpanId().toByteArray());
                    double durationMs = Math.max(0, s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1e6;
                    boolean failed = s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
                    String kind = spanKind(s.getKind());
                    if (wanted.contains(EventType.AGENT_LOG)) {
                        ContractTokens g = start();
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
                        logger.write(g);
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
                        out.event(finish(g), record);
                    } else {
                        out.routedElsewhere();
                    }
                    if (wanted.contains(EventType.PERFORMANCE_METRIC)) {
                        ContractTokens g = start();
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
                        out.event(finish(g), record);
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
                        record += points(m);
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

    private void metric(Members resource, Metric m, Records out) throws IOException {
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
                    record++;
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

    private void number(Members resource, Metric m, NumberDataPoint p, String kind, Records out) throws IOException {
        record++;
        ContractTokens g = start();
        envelope(g, EventType.PERFORMANCE_METRIC, null, p.getTimeUnixNano(), resource, null, null, null);
        g.writeStringField("name", m.getName());
        g.writeStringField("kind", kind);
        g.writeFieldName("value");
        if (p.getValueCase() == NumberDataPoint.ValueCase.AS_INT) g.writeNumber(p.getAsInt());
        else finite(g, p.getAsDouble());
        metricTail(g, m, p.getAttributesList());
        out.event(finish(g), record);
    }

    private void histogram(
            Members resource,
            Metric m,
            String kind,
            long nanos,
            List<KeyValue> pointAttributes,
            double[] bounds,
            long[] counts,
            Records out)
            throws IOException {
        record++;
        ContractTokens g = start();
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
        out.event(finish(g), record);
    }

    private void metricTail(JsonGenerator g, Metric m, List<KeyValue> pointAttributes) throws IOException {
        if (!m.getUnit().isEmpty()) g.writeStringField("unit", m.getUnit());
        String operation = operation(pointAttributes);
        if (operation != null) g.writeStringField("operation", operation);
        if (!pointAttributes.isEmpty()) {
            g.writeObjectFieldStart("tags");
            for (KeyValue kv : pointAttributes) {
                g.writeFieldName(kv.getKey());
                scalar(g, kv.getValue());
            }
            g.writeEndObject();
        }
    }

    /**
     * A point's operation, named as the semantic conventions name the span of the same request, so a metric's series
     * and the span timers share their operations: HTTP {@code {method} {route}} (the method alone without a route;
     * {@code HTTP} for {@code _OTHER}), RPC {@code {service}/{method}}. The attributes of semantic conventions before
     * 1.21 ({@code http.method}) count too. Null when the point has neither, or when the name would be longer than a
     * label may be (the attributes stay in the tags either way).
     */
    private static String operation(List<KeyValue> attributes) {
        String method = null;
        String route = null;
        String rpcService = null;
        String rpcMethod = null;
        for (KeyValue kv : attributes) {
            if (kv.getValue().getValueCase() != AnyValue.ValueCase.STRING_VALUE) continue;
            switch (kv.getKey()) {
                case "http.request.method" -> method = kv.getValue().getStringValue();
                case "http.method" -> method = method == null ? kv.getValue().getStringValue() : method;
                case "http.route" -> route = kv.getValue().getStringValue();
                case "rpc.service" -> rpcService = kv.getValue().getStringValue();
                case "rpc.method" -> rpcMethod = kv.getValue().getStringValue();
                default -> {}
            }
        }
        String operation = null;
        if (method != null && !method.isEmpty()) {
            String m = method.equals("_OTHER") ? "HTTP" : method;
            operation = route == null || route.isEmpty() ? m : m + " " + route;
        } else if (rpcService != null && rpcMethod != null && !rpcService.isEmpty() && !rpcMethod.isEmpty()) {
            operation = rpcService + "/" + rpcMethod;
        }
        return operation == null || operation.length() > ValueTypes.MAX_LABEL_LENGTH ? null : operation;
    }

    // ---- shared -------------------------------------------------------------------------------------

    private void checkCount(int n, String what) throws OtlpRequests.Unreadable {
        if (n > maxRecords) {
            throw new OtlpRequests.Unreadable(
                    DeadLetterReason.OVERSIZE,
                    "OTLP request holds " + n + " " + what + ", limit " + maxRecords + " (parser.max-otlp-records)");
        }
    }

    /** A new event's tokens, its object started. */
    private static ContractTokens start() throws IOException {
        ContractTokens tokens = new ContractTokens();
        tokens.writeStartObject();
        return tokens;
    }

    private static ContractTokens finish(ContractTokens tokens) throws IOException {
        tokens.writeEndObject();
        return tokens;
    }

    /** String members found once per resource or scope and written into each of its records. */
    private static final class Members {
        static final Members NONE = new Members();
        private final List<SerializedString> names = new java.util.ArrayList<>(4);
        private final List<String> values = new java.util.ArrayList<>(4);

        void add(SerializedString name, String value) {
            names.add(name);
            values.add(value);
        }

        void write(JsonGenerator g) throws IOException {
            for (int i = 0; i < names.size(); i++) {
                g.writeFieldName(names.get(i));
                g.writeString(values.get(i));
            }
        }
    }

    private static final SerializedString SERVICE = new SerializedString("service");
    private static final SerializedString HOST = new SerializedString("host");
    private static final SerializedString INSTANCE = new SerializedString("instance");
    private static final SerializedString ENVIRONMENT = new SerializedString("environment");
    private static final SerializedString LOGGER = new SerializedString("logger");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializedString LEVEL = new SerializedString("level");
    private static final SerializedString MESSAGE = new SerializedString("message");
    private static final SerializedString TRACE_ID = new SerializedString("trace_id");
    private static final SerializedString SPAN_ID = new SerializedString("span_id");
    private static final SerializedString PARENT_SPAN_ID = new SerializedString("parent_span_id");

    /** The contract fields a resource gives (service, host, instance, environment). */
    private static Members resourceFields(Resource resource) {
        Members m = new Members();
        String environment = null;
        String legacyEnvironment = null;
        for (KeyValue kv : resource.getAttributesList()) {
            switch (kv.getKey()) {
                case "service.name":
                    m.add(SERVICE, text(kv.getValue()));
                    break;
                case "host.name":
                    m.add(HOST, text(kv.getValue()));
                    break;
                case "service.instance.id":
                    m.add(INSTANCE, text(kv.getValue()));
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
            m.add(ENVIRONMENT, environment != null ? environment : legacyEnvironment);
        return m;
    }

    /** The envelope: type, ID when given, event time, the resource's fields, trace context. */
    private void envelope(
            JsonGenerator g,
            EventType type,
            String eventId,
            long nanos,
            Members resourceFields,
            ByteString traceId,
            ByteString spanId,
            ByteString parentSpanId)
            throws IOException {
        g.writeFieldName(TYPE);
        g.writeString(type.wireName());
        if (eventId != null) g.writeStringField("event_id", eventId);
        g.writeFieldName(TIMESTAMP);
        g.writeNumber(nanos / 1_000_000);
        resourceFields.write(g);
        AnyValue correlation = attr(CORRELATION_ATTRIBUTE);
        if (correlation != null) {
            g.writeFieldName("correlation_id");
            scalar(g, correlation);
        }
        hexField(g, TRACE_ID, traceId);
        hexField(g, SPAN_ID, spanId);
        hexField(g, PARENT_SPAN_ID, parentSpanId);
    }

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** One ID's hex digits, reused. */
    private final byte[] hex = new byte[64];

    /** An ID as lower-case hex, from its bytes (HexFormat's String per ID was a tenth of the mapping's time). */
    private void hexField(JsonGenerator g, SerializedString name, ByteString id) throws IOException {
        if (id == null || id.isEmpty()) return;
        g.writeFieldName(name);
        if (id.size() > 32) {
            g.writeString("too long"); // refused by the parser
            return;
        }
        int n = id.size();
        for (int i = 0; i < n; i++) {
            int b = id.byteAt(i) & 0xff;
            hex[2 * i] = HEX_DIGITS[b >>> 4];
            hex[2 * i + 1] = HEX_DIGITS[b & 15];
        }
        g.writeString(new String(hex, 0, 2 * n, StandardCharsets.ISO_8859_1));
    }

    /** The logger member of a scope's records. */
    private static Members loggerField(InstrumentationScope scope) {
        if (scope.getName().isEmpty()) return Members.NONE;
        Members m = new Members();
        m.add(LOGGER, scope.getName());
        return m;
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
                try (JsonGenerator g = TEXT_JSON.createGenerator(b)) {
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
