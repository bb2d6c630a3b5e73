package dev.vigil.schema.otlp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.EntityRef;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * OTLP/JSON, streamed by Jackson straight into the {@code opentelemetry-proto} builders: one pass, no intermediate
 * text. It reads what protobuf's JSON mapping reads, with OTLP/JSON's own rules (OTLP specification, "JSON
 * Protobuf Encoding"): trace and span IDs are hex, not base64; enums are integers (names are accepted too); 64-bit
 * integers are strings or numbers; keys are lowerCamelCase (the proto field names are accepted too, as protobuf's
 * mapping does); unknown fields are ignored, so newer producers keep working. A field's names come from the message
 * descriptors, so they are declared once, by the proto.
 *
 * <p>Why not protobuf's {@code JsonFormat}: it builds a Gson tree and sets fields through reflection, and OTLP's hex
 * IDs first need a rewrite of the whole text; it read OTLP/JSON logs at a third of the contract's rate (see
 * docs/performance.md).
 */
final class OtlpJson {
    private OtlpJson() {}

    /** The field numbers of one message's JSON names and proto names. */
    private static final class Names {
        private final Map<String, Integer> numbers = new HashMap<>();

        Names(Descriptor d) {
            for (FieldDescriptor f : d.getFields()) {
                numbers.put(f.getJsonName(), f.getNumber());
                numbers.put(f.getName(), f.getNumber());
            }
        }

        int of(String name) {
            Integer n = numbers.get(name);
            return n == null ? -1 : n;
        }
    }

    /** Enum value numbers by name, for producers that write names where OTLP/JSON says integers. */
    private static final class EnumNames {
        private final Map<String, Integer> numbers = new HashMap<>();

        EnumNames(EnumDescriptor d) {
            for (EnumValueDescriptor v : d.getValues()) numbers.put(v.getName(), v.getNumber());
        }
    }

    private static final Names EXPORT_LOGS = new Names(ExportLogsServiceRequest.getDescriptor());
    private static final Names EXPORT_METRICS = new Names(ExportMetricsServiceRequest.getDescriptor());
    private static final Names EXPORT_TRACES = new Names(ExportTraceServiceRequest.getDescriptor());
    private static final Names ANY_VALUE = new Names(AnyValue.getDescriptor());
    private static final Names VALUES = new Names(ArrayValue.getDescriptor()); // KeyValueList's one field is alike
    private static final Names KEY_VALUE = new Names(KeyValue.getDescriptor());
    private static final Names SCOPE = new Names(InstrumentationScope.getDescriptor());
    private static final Names RESOURCE = new Names(Resource.getDescriptor());
    private static final Names ENTITY_REF = new Names(EntityRef.getDescriptor());
    private static final Names RESOURCE_LOGS = new Names(ResourceLogs.getDescriptor());
    private static final Names SCOPE_LOGS = new Names(ScopeLogs.getDescriptor());
    private static final Names LOG_RECORD = new Names(LogRecord.getDescriptor());
    private static final Names RESOURCE_SPANS = new Names(ResourceSpans.getDescriptor());
    private static final Names SCOPE_SPANS = new Names(ScopeSpans.getDescriptor());
    private static final Names SPAN = new Names(Span.getDescriptor());
    private static final Names SPAN_EVENT = new Names(Span.Event.getDescriptor());
    private static final Names SPAN_LINK = new Names(Span.Link.getDescriptor());
    private static final Names STATUS = new Names(Status.getDescriptor());
    private static final Names RESOURCE_METRICS = new Names(ResourceMetrics.getDescriptor());
    private static final Names SCOPE_METRICS = new Names(ScopeMetrics.getDescriptor());
    private static final Names METRIC = new Names(Metric.getDescriptor());
    private static final Names DATA_POINTS = new Names(Gauge.getDescriptor()); // Summary's one field is alike
    private static final Names SUM = new Names(Sum.getDescriptor());
    private static final Names HISTOGRAM = new Names(Histogram.getDescriptor());
    private static final Names EXPONENTIAL_HISTOGRAM = new Names(ExponentialHistogram.getDescriptor());
    private static final Names NUMBER_POINT = new Names(NumberDataPoint.getDescriptor());
    private static final Names HISTOGRAM_POINT = new Names(HistogramDataPoint.getDescriptor());
    private static final Names EXPONENTIAL_POINT = new Names(ExponentialHistogramDataPoint.getDescriptor());
    private static final Names BUCKETS = new Names(ExponentialHistogramDataPoint.Buckets.getDescriptor());
    private static final Names SUMMARY_POINT = new Names(SummaryDataPoint.getDescriptor());
    private static final Names QUANTILE = new Names(SummaryDataPoint.ValueAtQuantile.getDescriptor());
    private static final Names EXEMPLAR = new Names(Exemplar.getDescriptor());

    private static final EnumNames SEVERITY = new EnumNames(SeverityNumber.getDescriptor());
    private static final EnumNames SPAN_KIND = new EnumNames(Span.SpanKind.getDescriptor());
    private static final EnumNames STATUS_CODE = new EnumNames(Status.StatusCode.getDescriptor());
    private static final EnumNames TEMPORALITY = new EnumNames(AggregationTemporality.getDescriptor());

    // ---- requests: the parser is on the request's first token ----------------------------------------

    static ExportLogsServiceRequest logs(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
        for (object(p); member(p); ) {
            if (EXPORT_LOGS.of(p.currentName()) != ExportLogsServiceRequest.RESOURCE_LOGS_FIELD_NUMBER)
                throw otherSignal(p, "resourceLogs");
            for (array(p); element(p); ) b.addResourceLogs(resourceLogs(p));
        }
        return b.build();
    }

    static ExportTraceServiceRequest traces(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
        for (object(p); member(p); ) {
            if (EXPORT_TRACES.of(p.currentName()) != ExportTraceServiceRequest.RESOURCE_SPANS_FIELD_NUMBER)
                throw otherSignal(p, "resourceSpans");
            for (array(p); element(p); ) b.addResourceSpans(resourceSpans(p));
        }
        return b.build();
    }

    static ExportMetricsServiceRequest metrics(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        ExportMetricsServiceRequest.Builder b = ExportMetricsServiceRequest.newBuilder();
        for (object(p); member(p); ) {
            if (EXPORT_METRICS.of(p.currentName()) != ExportMetricsServiceRequest.RESOURCE_METRICS_FIELD_NUMBER)
                throw otherSignal(p, "resourceMetrics");
            for (array(p); element(p); ) b.addResourceMetrics(resourceMetrics(p));
        }
        return b.build();
    }

    /** A request on a topic holds that topic's signal only: another member (say resourceSpans on a logs topic) is refused. */
    private static OtlpRequests.Unreadable otherSignal(JsonParser p, String expected) throws IOException {
        return new OtlpRequests.Unreadable(
                "an OTLP/JSON request on this topic holds " + expected + ", not " + p.currentName());
    }

    // ---- common ---------------------------------------------------------------------------------------

    private static Resource resource(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        Resource.Builder b = Resource.newBuilder();
        for (object(p); member(p); ) {
            switch (RESOURCE.of(p.currentName())) {
                case Resource.ATTRIBUTES_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addAttributes(keyValue(p));
                    break;
                case Resource.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER:
                    b.setDroppedAttributesCount(uint32(p));
                    break;
                case Resource.ENTITY_REFS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addEntityRefs(entityRef(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static EntityRef entityRef(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        EntityRef.Builder b = EntityRef.newBuilder();
        for (object(p); member(p); ) {
            switch (ENTITY_REF.of(p.currentName())) {
                case EntityRef.SCHEMA_URL_FIELD_NUMBER:
                    b.setSchemaUrl(string(p));
                    break;
                case EntityRef.TYPE_FIELD_NUMBER:
                    b.setType(string(p));
                    break;
                case EntityRef.ID_KEYS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addIdKeys(string(p));
                    break;
                case EntityRef.DESCRIPTION_KEYS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addDescriptionKeys(string(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static InstrumentationScope scope(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        InstrumentationScope.Builder b = InstrumentationScope.newBuilder();
        for (object(p); member(p); ) {
            switch (SCOPE.of(p.currentName())) {
                case InstrumentationScope.NAME_FIELD_NUMBER:
                    b.setName(string(p));
                    break;
                case InstrumentationScope.VERSION_FIELD_NUMBER:
                    b.setVersion(string(p));
                    break;
                case InstrumentationScope.ATTRIBUTES_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addAttributes(keyValue(p));
                    break;
                case InstrumentationScope.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER:
                    b.setDroppedAttributesCount(uint32(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static KeyValue keyValue(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        KeyValue.Builder b = KeyValue.newBuilder();
        for (object(p); member(p); ) {
            switch (KEY_VALUE.of(p.currentName())) {
                case KeyValue.KEY_FIELD_NUMBER:
                    b.setKey(string(p));
                    break;
                case KeyValue.VALUE_FIELD_NUMBER:
                    b.setValue(anyValue(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static AnyValue anyValue(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        AnyValue.Builder b = AnyValue.newBuilder();
        for (object(p); member(p); ) {
            switch (ANY_VALUE.of(p.currentName())) {
                case AnyValue.STRING_VALUE_FIELD_NUMBER:
                    b.setStringValue(string(p));
                    break;
                case AnyValue.BOOL_VALUE_FIELD_NUMBER:
                    b.setBoolValue(bool(p));
                    break;
                case AnyValue.INT_VALUE_FIELD_NUMBER:
                    b.setIntValue(int64(p));
                    break;
                case AnyValue.DOUBLE_VALUE_FIELD_NUMBER:
                    b.setDoubleValue(float64(p));
                    break;
                case AnyValue.BYTES_VALUE_FIELD_NUMBER:
                    b.setBytesValue(base64(p));
                    break;
                case AnyValue.ARRAY_VALUE_FIELD_NUMBER: {
                    ArrayValue.Builder a = ArrayValue.newBuilder();
                    for (object(p); member(p); ) {
                        if (VALUES.of(p.currentName()) == ArrayValue.VALUES_FIELD_NUMBER) {
                            for (array(p); element(p); ) a.addValues(anyValue(p));
                        } else p.skipChildren();
                    }
                    b.setArrayValue(a);
                    break;
                }
                case AnyValue.KVLIST_VALUE_FIELD_NUMBER: {
                    KeyValueList.Builder l = KeyValueList.newBuilder();
                    for (object(p); member(p); ) {
                        if (VALUES.of(p.currentName()) == KeyValueList.VALUES_FIELD_NUMBER) {
                            for (array(p); element(p); ) l.addValues(keyValue(p));
                        } else p.skipChildren();
                    }
                    b.setKvlistValue(l);
                    break;
                }
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    // ---- logs -----------------------------------------------------------------------------------------

    private static ResourceLogs resourceLogs(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        ResourceLogs.Builder b = ResourceLogs.newBuilder();
        for (object(p); member(p); ) {
            switch (RESOURCE_LOGS.of(p.currentName())) {
                case ResourceLogs.RESOURCE_FIELD_NUMBER:
                    b.setResource(resource(p));
                    break;
                case ResourceLogs.SCOPE_LOGS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addScopeLogs(scopeLogs(p));
                    break;
                case ResourceLogs.SCHEMA_URL_FIELD_NUMBER:
                    b.setSchemaUrl(string(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static ScopeLogs scopeLogs(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        ScopeLogs.Builder b = ScopeLogs.newBuilder();
        for (object(p); member(p); ) {
            switch (SCOPE_LOGS.of(p.currentName())) {
                case ScopeLogs.SCOPE_FIELD_NUMBER:
                    b.setScope(scope(p));
                    break;
                case ScopeLogs.LOG_RECORDS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addLogRecords(logRecord(p));
                    break;
                case ScopeLogs.SCHEMA_URL_FIELD_NUMBER:
                    b.setSchemaUrl(string(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static LogRecord logRecord(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        LogRecord.Builder b = LogRecord.newBuilder();
        for (object(p); member(p); ) {
            switch (LOG_RECORD.of(p.currentName())) {
                case LogRecord.TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setTimeUnixNano(uint64(p));
                    break;
                case LogRecord.OBSERVED_TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setObservedTimeUnixNano(uint64(p));
                    break;
                case LogRecord.SEVERITY_NUMBER_FIELD_NUMBER:
                    b.setSeverityNumberValue(enumValue(p, SEVERITY));
                    break;
                case LogRecord.SEVERITY_TEXT_FIELD_NUMBER:
                    b.setSeverityText(string(p));
                    break;
                case LogRecord.BODY_FIELD_NUMBER:
                    b.setBody(anyValue(p));
                    break;
                case LogRecord.ATTRIBUTES_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addAttributes(keyValue(p));
                    break;
                case LogRecord.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER:
                    b.setDroppedAttributesCount(uint32(p));
                    break;
                case LogRecord.FLAGS_FIELD_NUMBER:
                    b.setFlags(uint32(p));
                    break;
                case LogRecord.TRACE_ID_FIELD_NUMBER:
                    b.setTraceId(hexId(p));
                    break;
                case LogRecord.SPAN_ID_FIELD_NUMBER:
                    b.setSpanId(hexId(p));
                    break;
                case LogRecord.EVENT_NAME_FIELD_NUMBER:
                    b.setEventName(string(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    // ---- traces ---------------------------------------------------------------------------------------

    private static ResourceSpans resourceSpans(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        ResourceSpans.Builder b = ResourceSpans.newBuilder();
        for (object(p); member(p); ) {
            switch (RESOURCE_SPANS.of(p.currentName())) {
                case ResourceSpans.RESOURCE_FIELD_NUMBER:
                    b.setResource(resource(p));
                    break;
                case ResourceSpans.SCOPE_SPANS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addScopeSpans(scopeSpans(p));
                    break;
                case ResourceSpans.SCHEMA_URL_FIELD_NUMBER:
                    b.setSchemaUrl(string(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static ScopeSpans scopeSpans(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        ScopeSpans.Builder b = ScopeSpans.newBuilder();
        for (object(p); member(p); ) {
            switch (SCOPE_SPANS.of(p.currentName())) {
                case ScopeSpans.SCOPE_FIELD_NUMBER:
                    b.setScope(scope(p));
                    break;
                case ScopeSpans.SPANS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addSpans(span(p));
                    break;
                case ScopeSpans.SCHEMA_URL_FIELD_NUMBER:
                    b.setSchemaUrl(string(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static Span span(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        Span.Builder b = Span.newBuilder();
        for (object(p); member(p); ) {
            switch (SPAN.of(p.currentName())) {
                case Span.TRACE_ID_FIELD_NUMBER:
                    b.setTraceId(hexId(p));
                    break;
                case Span.SPAN_ID_FIELD_NUMBER:
                    b.setSpanId(hexId(p));
                    break;
                case Span.TRACE_STATE_FIELD_NUMBER:
                    b.setTraceState(string(p));
                    break;
                case Span.PARENT_SPAN_ID_FIELD_NUMBER:
                    b.setParentSpanId(hexId(p));
                    break;
                case Span.FLAGS_FIELD_NUMBER:
                    b.setFlags(uint32(p));
                    break;
                case Span.NAME_FIELD_NUMBER:
                    b.setName(string(p));
                    break;
                case Span.KIND_FIELD_NUMBER:
                    b.setKindValue(enumValue(p, SPAN_KIND));
                    break;
                case Span.START_TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setStartTimeUnixNano(uint64(p));
                    break;
                case Span.END_TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setEndTimeUnixNano(uint64(p));
                    break;
                case Span.ATTRIBUTES_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addAttributes(keyValue(p));
                    break;
                case Span.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER:
                    b.setDroppedAttributesCount(uint32(p));
                    break;
                case Span.EVENTS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addEvents(spanEvent(p));
                    break;
                case Span.DROPPED_EVENTS_COUNT_FIELD_NUMBER:
                    b.setDroppedEventsCount(uint32(p));
                    break;
                case Span.LINKS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addLinks(spanLink(p));
                    break;
                case Span.DROPPED_LINKS_COUNT_FIELD_NUMBER:
                    b.setDroppedLinksCount(uint32(p));
                    break;
                case Span.STATUS_FIELD_NUMBER:
                    b.setStatus(status(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static Span.Event spanEvent(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        Span.Event.Builder b = Span.Event.newBuilder();
        for (object(p); member(p); ) {
            switch (SPAN_EVENT.of(p.currentName())) {
                case Span.Event.TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setTimeUnixNano(uint64(p));
                    break;
                case Span.Event.NAME_FIELD_NUMBER:
                    b.setName(string(p));
                    break;
                case Span.Event.ATTRIBUTES_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addAttributes(keyValue(p));
                    break;
                case Span.Event.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER:
                    b.setDroppedAttributesCount(uint32(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static Span.Link spanLink(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        Span.Link.Builder b = Span.Link.newBuilder();
        for (object(p); member(p); ) {
            switch (SPAN_LINK.of(p.currentName())) {
                case Span.Link.TRACE_ID_FIELD_NUMBER:
                    b.setTraceId(hexId(p));
                    break;
                case Span.Link.SPAN_ID_FIELD_NUMBER:
                    b.setSpanId(hexId(p));
                    break;
                case Span.Link.TRACE_STATE_FIELD_NUMBER:
                    b.setTraceState(string(p));
                    break;
                case Span.Link.ATTRIBUTES_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addAttributes(keyValue(p));
                    break;
                case Span.Link.DROPPED_ATTRIBUTES_COUNT_FIELD_NUMBER:
                    b.setDroppedAttributesCount(uint32(p));
                    break;
                case Span.Link.FLAGS_FIELD_NUMBER:
                    b.setFlags(uint32(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static Status status(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        Status.Builder b = Status.newBuilder();
        for (object(p); member(p); ) {
            switch (STATUS.of(p.currentName())) {
                case Status.MESSAGE_FIELD_NUMBER:
                    b.setMessage(string(p));
                    break;
                case Status.CODE_FIELD_NUMBER:
                    b.setCodeValue(enumValue(p, STATUS_CODE));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    // ---- metrics --------------------------------------------------------------------------------------

    private static ResourceMetrics resourceMetrics(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        ResourceMetrics.Builder b = ResourceMetrics.newBuilder();
        for (object(p); member(p); ) {
            switch (RESOURCE_METRICS.of(p.currentName())) {
                case ResourceMetrics.RESOURCE_FIELD_NUMBER:
                    b.setResource(resource(p));
                    break;
                case ResourceMetrics.SCOPE_METRICS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addScopeMetrics(scopeMetrics(p));
                    break;
                case ResourceMetrics.SCHEMA_URL_FIELD_NUMBER:
                    b.setSchemaUrl(string(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static ScopeMetrics scopeMetrics(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        ScopeMetrics.Builder b = ScopeMetrics.newBuilder();
        for (object(p); member(p); ) {
            switch (SCOPE_METRICS.of(p.currentName())) {
                case ScopeMetrics.SCOPE_FIELD_NUMBER:
                    b.setScope(scope(p));
                    break;
                case ScopeMetrics.METRICS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addMetrics(metric(p));
                    break;
                case ScopeMetrics.SCHEMA_URL_FIELD_NUMBER:
                    b.setSchemaUrl(string(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static Metric metric(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        Metric.Builder b = Metric.newBuilder();
        for (object(p); member(p); ) {
            switch (METRIC.of(p.currentName())) {
                case Metric.NAME_FIELD_NUMBER:
                    b.setName(string(p));
                    break;
                case Metric.DESCRIPTION_FIELD_NUMBER:
                    b.setDescription(string(p));
                    break;
                case Metric.UNIT_FIELD_NUMBER:
                    b.setUnit(string(p));
                    break;
                case Metric.METADATA_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addMetadata(keyValue(p));
                    break;
                case Metric.GAUGE_FIELD_NUMBER: {
                    Gauge.Builder g = Gauge.newBuilder();
                    for (object(p); member(p); ) {
                        if (DATA_POINTS.of(p.currentName()) == Gauge.DATA_POINTS_FIELD_NUMBER) {
                            for (array(p); element(p); ) g.addDataPoints(numberPoint(p));
                        } else p.skipChildren();
                    }
                    b.setGauge(g);
                    break;
                }
                case Metric.SUM_FIELD_NUMBER:
                    b.setSum(sum(p));
                    break;
                case Metric.HISTOGRAM_FIELD_NUMBER:
                    b.setHistogram(histogram(p));
                    break;
                case Metric.EXPONENTIAL_HISTOGRAM_FIELD_NUMBER:
                    b.setExponentialHistogram(exponentialHistogram(p));
                    break;
                case Metric.SUMMARY_FIELD_NUMBER: {
                    Summary.Builder s = Summary.newBuilder();
                    for (object(p); member(p); ) {
                        if (DATA_POINTS.of(p.currentName()) == Summary.DATA_POINTS_FIELD_NUMBER) {
                            for (array(p); element(p); ) s.addDataPoints(summaryPoint(p));
                        } else p.skipChildren();
                    }
                    b.setSummary(s);
                    break;
                }
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static Sum sum(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        Sum.Builder b = Sum.newBuilder();
        for (object(p); member(p); ) {
            switch (SUM.of(p.currentName())) {
                case Sum.DATA_POINTS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addDataPoints(numberPoint(p));
                    break;
                case Sum.AGGREGATION_TEMPORALITY_FIELD_NUMBER:
                    b.setAggregationTemporalityValue(enumValue(p, TEMPORALITY));
                    break;
                case Sum.IS_MONOTONIC_FIELD_NUMBER:
                    b.setIsMonotonic(bool(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static Histogram histogram(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        Histogram.Builder b = Histogram.newBuilder();
        for (object(p); member(p); ) {
            switch (HISTOGRAM.of(p.currentName())) {
                case Histogram.DATA_POINTS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addDataPoints(histogramPoint(p));
                    break;
                case Histogram.AGGREGATION_TEMPORALITY_FIELD_NUMBER:
                    b.setAggregationTemporalityValue(enumValue(p, TEMPORALITY));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static ExponentialHistogram exponentialHistogram(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        ExponentialHistogram.Builder b = ExponentialHistogram.newBuilder();
        for (object(p); member(p); ) {
            switch (EXPONENTIAL_HISTOGRAM.of(p.currentName())) {
                case ExponentialHistogram.DATA_POINTS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addDataPoints(exponentialPoint(p));
                    break;
                case ExponentialHistogram.AGGREGATION_TEMPORALITY_FIELD_NUMBER:
                    b.setAggregationTemporalityValue(enumValue(p, TEMPORALITY));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static NumberDataPoint numberPoint(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        NumberDataPoint.Builder b = NumberDataPoint.newBuilder();
        for (object(p); member(p); ) {
            switch (NUMBER_POINT.of(p.currentName())) {
                case NumberDataPoint.ATTRIBUTES_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addAttributes(keyValue(p));
                    break;
                case NumberDataPoint.START_TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setStartTimeUnixNano(uint64(p));
                    break;
                case NumberDataPoint.TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setTimeUnixNano(uint64(p));
                    break;
                case NumberDataPoint.AS_DOUBLE_FIELD_NUMBER:
                    b.setAsDouble(float64(p));
                    break;
                case NumberDataPoint.AS_INT_FIELD_NUMBER:
                    b.setAsInt(int64(p));
                    break;
                case NumberDataPoint.EXEMPLARS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addExemplars(exemplar(p));
                    break;
                case NumberDataPoint.FLAGS_FIELD_NUMBER:
                    b.setFlags(uint32(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static HistogramDataPoint histogramPoint(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        HistogramDataPoint.Builder b = HistogramDataPoint.newBuilder();
        for (object(p); member(p); ) {
            switch (HISTOGRAM_POINT.of(p.currentName())) {
                case HistogramDataPoint.ATTRIBUTES_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addAttributes(keyValue(p));
                    break;
                case HistogramDataPoint.START_TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setStartTimeUnixNano(uint64(p));
                    break;
                case HistogramDataPoint.TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setTimeUnixNano(uint64(p));
                    break;
                case HistogramDataPoint.COUNT_FIELD_NUMBER:
                    b.setCount(uint64(p));
                    break;
                case HistogramDataPoint.SUM_FIELD_NUMBER:
                    b.setSum(float64(p));
                    break;
                case HistogramDataPoint.BUCKET_COUNTS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addBucketCounts(uint64(p));
                    break;
                case HistogramDataPoint.EXPLICIT_BOUNDS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addExplicitBounds(float64(p));
                    break;
                case HistogramDataPoint.EXEMPLARS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addExemplars(exemplar(p));
                    break;
                case HistogramDataPoint.FLAGS_FIELD_NUMBER:
                    b.setFlags(uint32(p));
                    break;
                case HistogramDataPoint.MIN_FIELD_NUMBER:
                    b.setMin(float64(p));
                    break;
                case HistogramDataPoint.MAX_FIELD_NUMBER:
                    b.setMax(float64(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static ExponentialHistogramDataPoint exponentialPoint(JsonParser p)
            throws IOException, OtlpRequests.Unreadable {
        ExponentialHistogramDataPoint.Builder b = ExponentialHistogramDataPoint.newBuilder();
        for (object(p); member(p); ) {
            switch (EXPONENTIAL_POINT.of(p.currentName())) {
                case ExponentialHistogramDataPoint.ATTRIBUTES_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addAttributes(keyValue(p));
                    break;
                case ExponentialHistogramDataPoint.START_TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setStartTimeUnixNano(uint64(p));
                    break;
                case ExponentialHistogramDataPoint.TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setTimeUnixNano(uint64(p));
                    break;
                case ExponentialHistogramDataPoint.COUNT_FIELD_NUMBER:
                    b.setCount(uint64(p));
                    break;
                case ExponentialHistogramDataPoint.SUM_FIELD_NUMBER:
                    b.setSum(float64(p));
                    break;
                case ExponentialHistogramDataPoint.SCALE_FIELD_NUMBER:
                    b.setScale(int32(p));
                    break;
                case ExponentialHistogramDataPoint.ZERO_COUNT_FIELD_NUMBER:
                    b.setZeroCount(uint64(p));
                    break;
                case ExponentialHistogramDataPoint.POSITIVE_FIELD_NUMBER:
                    b.setPositive(buckets(p));
                    break;
                case ExponentialHistogramDataPoint.NEGATIVE_FIELD_NUMBER:
                    b.setNegative(buckets(p));
                    break;
                case ExponentialHistogramDataPoint.FLAGS_FIELD_NUMBER:
                    b.setFlags(uint32(p));
                    break;
                case ExponentialHistogramDataPoint.EXEMPLARS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addExemplars(exemplar(p));
                    break;
                case ExponentialHistogramDataPoint.MIN_FIELD_NUMBER:
                    b.setMin(float64(p));
                    break;
                case ExponentialHistogramDataPoint.MAX_FIELD_NUMBER:
                    b.setMax(float64(p));
                    break;
                case ExponentialHistogramDataPoint.ZERO_THRESHOLD_FIELD_NUMBER:
                    b.setZeroThreshold(float64(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static ExponentialHistogramDataPoint.Buckets buckets(JsonParser p)
            throws IOException, OtlpRequests.Unreadable {
        ExponentialHistogramDataPoint.Buckets.Builder b = ExponentialHistogramDataPoint.Buckets.newBuilder();
        for (object(p); member(p); ) {
            switch (BUCKETS.of(p.currentName())) {
                case ExponentialHistogramDataPoint.Buckets.OFFSET_FIELD_NUMBER:
                    b.setOffset(int32(p));
                    break;
                case ExponentialHistogramDataPoint.Buckets.BUCKET_COUNTS_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addBucketCounts(uint64(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static SummaryDataPoint summaryPoint(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        SummaryDataPoint.Builder b = SummaryDataPoint.newBuilder();
        for (object(p); member(p); ) {
            switch (SUMMARY_POINT.of(p.currentName())) {
                case SummaryDataPoint.ATTRIBUTES_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addAttributes(keyValue(p));
                    break;
                case SummaryDataPoint.START_TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setStartTimeUnixNano(uint64(p));
                    break;
                case SummaryDataPoint.TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setTimeUnixNano(uint64(p));
                    break;
                case SummaryDataPoint.COUNT_FIELD_NUMBER:
                    b.setCount(uint64(p));
                    break;
                case SummaryDataPoint.SUM_FIELD_NUMBER:
                    b.setSum(float64(p));
                    break;
                case SummaryDataPoint.QUANTILE_VALUES_FIELD_NUMBER:
                    for (array(p); element(p); ) {
                        SummaryDataPoint.ValueAtQuantile.Builder q = SummaryDataPoint.ValueAtQuantile.newBuilder();
                        for (object(p); member(p); ) {
                            switch (QUANTILE.of(p.currentName())) {
                                case SummaryDataPoint.ValueAtQuantile.QUANTILE_FIELD_NUMBER:
                                    q.setQuantile(float64(p));
                                    break;
                                case SummaryDataPoint.ValueAtQuantile.VALUE_FIELD_NUMBER:
                                    q.setValue(float64(p));
                                    break;
                                default:
                                    p.skipChildren();
                            }
                        }
                        b.addQuantileValues(q);
                    }
                    break;
                case SummaryDataPoint.FLAGS_FIELD_NUMBER:
                    b.setFlags(uint32(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    private static Exemplar exemplar(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        Exemplar.Builder b = Exemplar.newBuilder();
        for (object(p); member(p); ) {
            switch (EXEMPLAR.of(p.currentName())) {
                case Exemplar.FILTERED_ATTRIBUTES_FIELD_NUMBER:
                    for (array(p); element(p); ) b.addFilteredAttributes(keyValue(p));
                    break;
                case Exemplar.TIME_UNIX_NANO_FIELD_NUMBER:
                    b.setTimeUnixNano(uint64(p));
                    break;
                case Exemplar.AS_DOUBLE_FIELD_NUMBER:
                    b.setAsDouble(float64(p));
                    break;
                case Exemplar.AS_INT_FIELD_NUMBER:
                    b.setAsInt(int64(p));
                    break;
                case Exemplar.SPAN_ID_FIELD_NUMBER:
                    b.setSpanId(hexId(p));
                    break;
                case Exemplar.TRACE_ID_FIELD_NUMBER:
                    b.setTraceId(hexId(p));
                    break;
                default:
                    p.skipChildren();
            }
        }
        return b.build();
    }

    // ---- structure and values -------------------------------------------------------------------------

    /** The parser is on a value that must be an object. */
    private static void object(JsonParser p) throws OtlpRequests.Unreadable {
        if (p.currentToken() != JsonToken.START_OBJECT) throw wrongType(p, "an object");
    }

    /** The parser is on a value that must be an array. */
    private static void array(JsonParser p) throws OtlpRequests.Unreadable {
        if (p.currentToken() != JsonToken.START_ARRAY) throw wrongType(p, "an array");
    }

    /**
     * Moves to the next member's value and says whether there is one; members whose value is null are passed over,
     * as protobuf's mapping does (the field keeps its default). The parser is on the object's start or on the end
     * of the member read before.
     */
    private static boolean member(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (p.nextToken() != JsonToken.VALUE_NULL) return true;
        }
        return false; // END_OBJECT: the parser itself refuses anything else
    }

    /** Moves to the next element of an array and says whether there is one. */
    private static boolean element(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) throw new OtlpRequests.Unreadable("OTLP/JSON: a list holds null");
        return t != JsonToken.END_ARRAY;
    }

    /**
     * A string, refused if an escape left half a surrogate pair in it ("\ud800"): that is not Unicode text, protobuf
     * refuses its UTF-8 in binary requests, and no event or sink could carry it.
     */
    private static String string(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw wrongType(p, "a string");
        String s = p.getText();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new OtlpRequests.Unreadable("OTLP/JSON " + name(p) + " holds half a surrogate pair");
                }
            }
        }
        return s;
    }

    private static boolean bool(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        switch (p.currentToken()) {
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            case VALUE_STRING: // protobuf's mapping accepts "true" and "false"
                if (p.getText().equals("true")) return true;
                if (p.getText().equals("false")) return false;
            // fall through
            default:
                throw wrongType(p, "true or false");
        }
    }

    /** A signed 64-bit integer: a JSON number, or a string of one as protobuf's mapping writes them. */
    private static long int64(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        try {
            switch (p.currentToken()) {
                case VALUE_NUMBER_INT:
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) throw wrongType(p, "a 64-bit integer");
                    return p.getLongValue();
                case VALUE_NUMBER_FLOAT:
                    return p.getDecimalValue().longValueExact(); // 1e3 and 5.0 are integers too
                case VALUE_STRING:
                    return quotedInteger(p, true);
                default:
                    throw wrongType(p, "an integer");
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw wrongType(p, "a 64-bit integer");
        }
    }

    /** An unsigned 64-bit integer (fixed64, uint64): values above 2^63-1 are kept in the sign bit, as protobuf does. */
    private static long uint64(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        try {
            switch (p.currentToken()) {
                case VALUE_NUMBER_INT:
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return Long.parseUnsignedLong(p.getText());
                    }
                    long v = p.getLongValue();
                    if (v < 0) throw wrongType(p, "an unsigned integer");
                    return v;
                case VALUE_NUMBER_FLOAT: {
                    BigDecimal d = p.getDecimalValue();
                    if (d.signum() < 0) throw wrongType(p, "an unsigned integer");
                    return Long.parseUnsignedLong(d.toBigIntegerExact().toString());
                }
                case VALUE_STRING:
                    return quotedInteger(p, false);
                default:
                    throw wrongType(p, "an unsigned integer");
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw wrongType(p, "an unsigned 64-bit integer");
        }
    }

    /**
     * A 64-bit integer written as a string, as protobuf's JSON mapping writes them (every OTLP time stamp): read from
     * the parser's characters, with no String per value. Signed values of up to 18 digits cannot overflow, nor can
     * unsigned ones of up to 19 (below 10^19 < 2^64, so the wrapped long holds the unsigned value exactly); longer ones
     * go through Long's own range-checked parsing.
     */
    private static long quotedInteger(JsonParser p, boolean signed) throws IOException {
        char[] c = p.getTextCharacters();
        int start = p.getTextOffset();
        int end = start + p.getTextLength();
        int i = start;
        boolean negative = signed && i < end && c[i] == '-';
        if (negative) i++;
        if (end - i > 0 && end - i <= (signed ? 18 : 19)) {
            long v = 0;
            for (; i < end; i++) {
                int d = c[i] - '0';
                if (d < 0 || d > 9) break;
                v = v * 10 + d;
            }
            if (i == end) return negative ? -v : v;
        }
        String text = p.getText().trim();
        return signed ? Long.parseLong(text) : Long.parseUnsignedLong(text);
    }

    private static int int32(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        long v = int64(p);
        if (v != (int) v) throw wrongType(p, "a 32-bit integer");
        return (int) v;
    }

    private static int uint32(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        long v = uint64(p);
        if (v > 0xFFFF_FFFFL || v < 0) throw wrongType(p, "an unsigned 32-bit integer");
        return (int) v;
    }

    /** A double: a JSON number, or "NaN", "Infinity", "-Infinity" or a number as a string. */
    private static double float64(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        switch (p.currentToken()) {
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_STRING:
                String s = p.getText();
                switch (s) {
                    case "NaN":
                        return Double.NaN;
                    case "Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        try {
                            return new BigDecimal(s.trim())
                                    .doubleValue(); // no hex or "1d" as Double.parseDouble allows
                        } catch (NumberFormatException e) {
                            throw wrongType(p, "a number");
                        }
                }
            default:
                throw wrongType(p, "a number");
        }
    }

    /** An enum's number, or its name; a name this version does not know leaves the default, as unknown fields do. */
    private static int enumValue(JsonParser p, EnumNames names) throws IOException, OtlpRequests.Unreadable {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            Integer n = names.numbers.get(p.getText());
            return n == null ? 0 : n;
        }
        return int32(p);
    }

    /** A trace or span ID: hex in OTLP/JSON (where protobuf's mapping would expect base64), read from the parser's characters. */
    private static ByteString hexId(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw wrongType(p, "a string");
        char[] c = p.getTextCharacters();
        int at = p.getTextOffset();
        int length = p.getTextLength();
        if (length == 0) return ByteString.EMPTY;
        if ((length & 1) != 0) throw new OtlpRequests.Unreadable("OTLP/JSON " + name(p) + " must be hex");
        byte[] id = new byte[length / 2];
        for (int i = 0; i < id.length; i++, at += 2) {
            if (!HexFormat.isHexDigit(c[at]) || !HexFormat.isHexDigit(c[at + 1])) {
                throw new OtlpRequests.Unreadable("OTLP/JSON " + name(p) + " must be hex");
            }
            id[i] = (byte) (HexFormat.fromHexDigit(c[at]) << 4 | HexFormat.fromHexDigit(c[at + 1]));
        }
        return UnsafeByteOperations.unsafeWrap(id); // the array is this ID's alone
    }

    /** Other bytes, base64 as in protobuf's mapping (standard or URL-safe alphabet). */
    private static ByteString base64(JsonParser p) throws IOException, OtlpRequests.Unreadable {
        String s = string(p);
        try {
            return ByteString.copyFrom(
                    s.indexOf('-') >= 0 || s.indexOf('_') >= 0
                            ? Base64.getUrlDecoder().decode(s)
                            : Base64.getDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            throw new OtlpRequests.Unreadable("OTLP/JSON " + name(p) + " must be base64");
        }
    }

    private static OtlpRequests.Unreadable wrongType(JsonParser p, String expected) {
        return new OtlpRequests.Unreadable("OTLP/JSON " + name(p) + " must be " + expected);
    }

    /** The member being read, for messages (an array's element is named by its array). */
    private static String name(JsonParser p) {
        com.fasterxml.jackson.core.JsonStreamContext c = p.getParsingContext();
        while (c != null) {
            if (c.getCurrentName() != null) return c.getCurrentName();
            c = c.getParent();
        }
        return "request";
    }
}
