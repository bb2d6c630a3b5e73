package dev.vigil.runtime.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.vigil.schema.otlp.OtlpEncoding;
import dev.vigil.schema.otlp.OtlpRequests;
import dev.vigil.schema.otlp.OtlpSignal;
import dev.vigil.workload.otlp.OtlpExports;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Vigil's OTLP/JSON reader against two references: the protobuf encoding of the same telemetry (both encoded by the
 * OpenTelemetry SDK's own marshalers, so the JSON read must equal the protobuf read field for field), and protobuf's
 * {@code JsonFormat} on the JSON spellings the SDK does not write (proto field names, enum names, quoted numbers,
 * nulls, unknown fields, summaries).
 */
class OtlpJsonReadingTest {
    private final OtlpRequests reader = new OtlpRequests(16);

    private static OtlpExports service(AggregationTemporality temporality, boolean exponential) {
        return new OtlpExports(
                Attributes.builder()
                        .put("service.name", "checkout")
                        .put("deployment.environment.name", "prod")
                        .put(AttributeKey.longArrayKey("ports"), List.of(80L, 443L))
                        .put(AttributeKey.booleanKey("canary"), true)
                        .build(),
                temporality,
                Clock.getDefault(),
                exponential);
    }

    private void assertSameAsProtobuf(Map<OtlpEncoding, byte[]> request, OtlpSignal signal) throws Exception {
        Message fromProto = reader.read(request.get(OtlpEncoding.PROTO), signal, OtlpEncoding.PROTO);
        Message fromJson = reader.read(request.get(OtlpEncoding.JSON), signal, OtlpEncoding.JSON);
        assertThat(fromJson).isEqualTo(fromProto);
        assertThat(fromJson.getSerializedSize()).isGreaterThan(100); // not two empty requests
    }

    @Test
    void logRecordsOfEveryValueTypeReadAsTheirProtobufEncoding() throws Exception {
        try (OtlpExports svc = service(AggregationTemporality.DELTA, false)) {
            Context traced = Context.root()
                    .with(Span.wrap(SpanContext.create(
                            "4bf92f3577b34da6a3ce929d0e0e4736",
                            "00f067aa0ba902b7",
                            TraceFlags.getSampled(),
                            TraceState.getDefault())));
            Instant t = Instant.parse("2026-11-28T10:15:30.123456789Z");
            svc.logger("checkout.api")
                    .logRecordBuilder()
                    .setTimestamp(t)
                    .setObservedTimestamp(t.plusMillis(3))
                    .setSeverity(Severity.WARN2)
                    .setSeverityText("WARNING")
                    .setBody("cart loaded in 42 ms — 3 items ✓")
                    .setContext(traced)
                    .setAttribute(AttributeKey.longKey("http.status"), 200L)
                    .setAttribute(AttributeKey.doubleKey("ratio"), -0.125)
                    .setAttribute(AttributeKey.booleanKey("cached"), false)
                    .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b\"c"))
                    .setAttribute(AttributeKey.doubleArrayKey("bounds"), List.of(1.5, 1e300))
                    .setAttribute(AttributeKey.booleanArrayKey("flags"), List.of(true, false))
                    .emit();
            svc.logger("agent")
                    .logRecordBuilder()
                    .setTimestamp(t.plusSeconds(1))
                    .setEventName("gen_ai.client.inference.operation.details")
                    .setBody(Value.of(
                            KeyValue.of("model", Value.of("gpt-x")),
                            KeyValue.of("tokens", Value.of(Long.MIN_VALUE)),
                            KeyValue.of("score", Value.of(0.1)),
                            KeyValue.of("ok", Value.of(true)),
                            KeyValue.of("raw", Value.of(new byte[] {0, -1, 42, 7})),
                            KeyValue.of(
                                    "steps", Value.of(Value.of("plan"), Value.of(Value.of(1L), Value.of(List.of()))))))
                    .emit();
            svc.logger("bytes")
                    .logRecordBuilder()
                    .setBody(Value.of(new byte[] {-5, -17, -1, 62, 63}))
                    .emit();
            assertSameAsProtobuf(svc.logsInEachEncoding(), OtlpSignal.LOGS);
        }
    }

    @Test
    void spansWithEventsLinksAndStatusReadAsTheirProtobufEncoding() throws Exception {
        try (OtlpExports svc = service(AggregationTemporality.DELTA, false)) {
            Tracer tracer = svc.tracer("checkout.http");
            Span root = tracer.spanBuilder("POST /checkout")
                    .setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(1_764_324_930_123_456_789L, TimeUnit.NANOSECONDS)
                    .setAttribute("http.route", "/checkout")
                    .startSpan();
            Span child = tracer.spanBuilder("charge")
                    .setParent(Context.root().with(root))
                    .setSpanKind(SpanKind.CLIENT)
                    .addLink(root.getSpanContext(), Attributes.of(AttributeKey.stringKey("why"), "retry of"))
                    .startSpan();
            child.addEvent("exception", Attributes.of(AttributeKey.stringKey("exception.type"), "Timeout"));
            child.setStatus(StatusCode.ERROR, "card declined");
            child.end();
            tracer.spanBuilder("publish")
                    .setSpanKind(SpanKind.PRODUCER)
                    .startSpan()
                    .end();
            tracer.spanBuilder("consume")
                    .setSpanKind(SpanKind.CONSUMER)
                    .startSpan()
                    .end();
            root.setStatus(StatusCode.OK);
            root.end(1_764_324_931_000_000_000L, TimeUnit.NANOSECONDS);
            assertSameAsProtobuf(svc.tracesInEachEncoding(), OtlpSignal.TRACES);
        }
    }

    @ParameterizedTest
    @EnumSource(AggregationTemporality.class)
    void everyMetricKindReadsAsItsProtobufEncoding(AggregationTemporality temporality) throws Exception {
        for (boolean exponential : new boolean[] {false, true}) {
            try (OtlpExports svc = service(temporality, exponential)) {
                Meter meter = svc.meter("checkout.metrics");
                Attributes route = Attributes.of(AttributeKey.stringKey("route"), "/cart");
                meter.counterBuilder("requests").build().add(7, route);
                meter.counterBuilder("bytes").ofDoubles().build().add(1.5e9);
                meter.upDownCounterBuilder("in_flight").build().add(-3, route);
                meter.gaugeBuilder("temperature").build().set(-40.25);
                meter.gaugeBuilder("queue").ofLongs().build().set(Long.MAX_VALUE);
                var latency = meter.histogramBuilder("latency").setUnit("ms").build();
                for (double v : new double[] {0, 0.001, 3, 42, 42, 999, 1e7, -2}) latency.record(v, route);
                assertSameAsProtobuf(svc.metricsInEachEncoding(), OtlpSignal.METRICS);
            }
        }
    }

    /** Reads {@code json} with ours and with protobuf's JsonFormat; both must give the same message. */
    private void assertSameAsJsonFormat(String json, OtlpSignal signal, Message.Builder reference) throws Exception {
        JsonFormat.parser().ignoringUnknownFields().merge(json, reference);
        Message ours = reader.read(json.getBytes(StandardCharsets.UTF_8), signal, OtlpEncoding.JSON);
        assertThat(ours).isEqualTo(reference.build());
    }

    @Test
    void theSpellingsProtobufsMappingAcceptsReadAsJsonFormatReadsThem() throws Exception {
        // proto field names, enum names, quoted and unquoted 64-bit numbers, nulls, unknown fields, base64 bytes
        assertSameAsJsonFormat(
                "{\"resource_logs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"a\"}}],"
                        + "\"dropped_attributes_count\":2,\"futureField\":{\"x\":[1,2]}},\"scopeLogs\":[{\"scope\":null,"
                        + "\"log_records\":[{\"time_unix_nano\":\"18446744073709551615\",\"observedTimeUnixNano\":1764324930000000000,"
                        + "\"severityNumber\":\"SEVERITY_NUMBER_ERROR3\",\"severity_text\":\"E\",\"body\":{\"kvlist_value\":{\"values\":"
                        + "[{\"key\":\"n\",\"value\":{\"int_value\":\"-9223372036854775808\"}},{\"key\":\"d\",\"value\":{\"doubleValue\":\"NaN\"}},"
                        + "{\"key\":\"i\",\"value\":{\"doubleValue\":\"-Infinity\"}},{\"key\":\"b\",\"value\":{\"bytesValue\":\"AP8q\"}},"
                        + "{\"key\":\"e\",\"value\":{\"arrayValue\":{}}}]}},\"flags\":1,\"eventName\":null,\"unknown\":true}]}]}]}",
                OtlpSignal.LOGS,
                ExportLogsServiceRequest.newBuilder());
        assertSameAsJsonFormat(
                "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"rpc\",\"summary\":{\"dataPoints\":[{"
                        + "\"timeUnixNano\":\"9999999999999999999\",\"startTimeUnixNano\":\"9223372036854775808\",\"count\":\"3\",\"sum\":4.5,\"quantileValues\":[{\"quantile\":0.5,\"value\":1},"
                        + "{\"quantile\":1,\"value\":2.5}]}]}},{\"name\":\"up\",\"sum\":{\"aggregationTemporality\":"
                        + "\"AGGREGATION_TEMPORALITY_CUMULATIVE\",\"is_monotonic\":true,\"dataPoints\":[{\"asInt\":9007199254740993}]}},"
                        + "{\"name\":\"e\",\"exponentialHistogram\":{\"aggregationTemporality\":1,\"dataPoints\":[{\"scale\":-3,"
                        + "\"zeroCount\":\"2\",\"positive\":{\"offset\":-1,\"bucketCounts\":[\"1\",2]},\"zero_threshold\":1e-9}]}}]}]}]}",
                OtlpSignal.METRICS,
                ExportMetricsServiceRequest.newBuilder());
        assertSameAsJsonFormat(
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"s\",\"kind\":\"SPAN_KIND_INTERNAL\",\"status\":"
                        + "{\"code\":2,\"message\":\"m\"},\"droppedEventsCount\":4294967295,\"events\":[{\"name\":\"e\",\"time_unix_nano\":\"1\"}]}]}]}]}",
                OtlpSignal.TRACES,
                ExportTraceServiceRequest.newBuilder());
    }

    @Test
    void hexIdsReadInEitherCase() throws Exception {
        String span = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"%s\",\"spanId\":\"%s\"}]}]}]}";
        ExportTraceServiceRequest upper = (ExportTraceServiceRequest) reader.read(
                span.formatted("5B8EFFF798038103D269B633813FC60C", "EEE19B7EC3C1B174")
                        .getBytes(StandardCharsets.UTF_8),
                OtlpSignal.TRACES,
                OtlpEncoding.JSON);
        io.opentelemetry.proto.trace.v1.Span read =
                upper.getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertThat(java.util.HexFormat.of().formatHex(read.getTraceId().toByteArray()))
                .isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(java.util.HexFormat.of().formatHex(read.getSpanId().toByteArray()))
                .isEqualTo("eee19b7ec3c1b174");
    }

    private String unreadable(String json, OtlpSignal signal) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> reader.read(json.getBytes(StandardCharsets.UTF_8), signal, OtlpEncoding.JSON));
        assertThat(t).isInstanceOf(OtlpRequests.Unreadable.class);
        return t.getMessage();
    }

    @Test
    void aValueOfTheWrongTypeOrABadIdIsRefusedNamingTheField() throws Exception {
        String log = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[%s]}]}]}";
        assertThat(unreadable(log.formatted("{\"timeUnixNano\":\"soon\"}"), OtlpSignal.LOGS))
                .isEqualTo("OTLP/JSON timeUnixNano must be an unsigned 64-bit integer");
        assertThat(unreadable(log.formatted("{\"timeUnixNano\":-1}"), OtlpSignal.LOGS))
                .isEqualTo("OTLP/JSON timeUnixNano must be an unsigned integer");
        assertThat(unreadable(log.formatted("{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e473z\"}"), OtlpSignal.LOGS))
                .isEqualTo("OTLP/JSON traceId must be hex");
        assertThat(unreadable(log.formatted("{\"spanId\":\"00f067aa0ba902b\"}"), OtlpSignal.LOGS))
                .isEqualTo("OTLP/JSON spanId must be hex");
        assertThat(unreadable(log.formatted("{\"spanId\":\"００f067aa0ba902b7\"}"), OtlpSignal.LOGS))
                .isEqualTo("OTLP/JSON spanId must be hex"); // full-width digits are digits to Character, not hex
        assertThat(unreadable(log.formatted("{\"severityText\":{}}"), OtlpSignal.LOGS))
                .isEqualTo("OTLP/JSON severityText must be a string");
        assertThat(unreadable(log.formatted("{\"flags\":4294967296}"), OtlpSignal.LOGS))
                .isEqualTo("OTLP/JSON flags must be an unsigned 32-bit integer");
        assertThat(unreadable(log.formatted("null"), OtlpSignal.LOGS)).isEqualTo("OTLP/JSON: a list holds null");
        assertThat(unreadable(log.formatted("{\"attributes\":{\"key\":\"a\"}}"), OtlpSignal.LOGS))
                .isEqualTo("OTLP/JSON attributes must be an array");
        assertThat(unreadable("[1]", OtlpSignal.LOGS)).isEqualTo("OTLP/JSON request must be an object");
        assertThat(unreadable("{\"resourceLogs\":[]} {}", OtlpSignal.LOGS))
                .isEqualTo("content after the OTLP/JSON request");
        assertThat(unreadable("{\"resourceLogs\":[]}", OtlpSignal.METRICS))
                .isEqualTo("an OTLP/JSON request on this topic holds resourceMetrics, not resourceLogs");
        assertThat(unreadable("{\"resourceLogs\":[{\"scopeLogs\":[", OtlpSignal.LOGS))
                .startsWith("not OTLP/JSON: ");
        // nesting past the reader's depth limit (4 x 16 + 8 JSON levels here) is refused before it is read
        String deep = "{\"arrayValue\":{\"values\":[".repeat(22) + "]}}".repeat(22);
        assertThat(unreadable(log.formatted("{\"body\":" + deep + "}"), OtlpSignal.LOGS))
                .startsWith("not OTLP/JSON: ")
                .contains("nesting depth");
        // the same nesting within the limit reads
        String shallow = "{\"arrayValue\":{\"values\":[".repeat(21) + "]}}".repeat(21);
        Message ok = reader.read(
                log.formatted("{\"body\":" + shallow + "}").getBytes(StandardCharsets.UTF_8),
                OtlpSignal.LOGS,
                OtlpEncoding.JSON);
        assertThat(((ExportLogsServiceRequest) ok)
                        .getResourceLogs(0)
                        .getScopeLogs(0)
                        .getLogRecords(0)
                        .getBody()
                        .getArrayValue()
                        .getValues(0)
                        .hasArrayValue())
                .isTrue();
        assertThatThrownBy(() -> reader.read(new byte[] {'{'}, OtlpSignal.LOGS, OtlpEncoding.JSON))
                .isInstanceOf(OtlpRequests.Unreadable.class);
    }
}
