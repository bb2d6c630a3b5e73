package dev.vigil.runtime.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.schema.otlp.OtlpEncoding;
import dev.vigil.workload.otlp.OtlpExports;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No OTLP request may stop a job: requests the OpenTelemetry SDK encoded, then damaged at random (bit flips, bytes
 * overwritten, cut, spliced, and for OTLP/JSON, values swapped for extreme ones) and with extreme field values set
 * through the protobuf builders, go through every job's record parser. Each must give events and dead letters only,
 * never an exception, and every record it emits is either an event or a dead letter with a reason.
 */
class OtlpInputFuzzTest {
    private static final String FORMATS =
            "kafka.topic-formats: [\"logs=otlp-proto:logs\", \"logs-json=otlp-json:logs\", "
                    + "\"spans=otlp-proto:traces\", \"spans-json=otlp-json:traces\", \"metrics=otlp-proto:metrics\", "
                    + "\"metrics-json=otlp-json:metrics\"]";
    private static final List<String> JOBS = List.of("agent-logs", "errors", "performance-metrics");
    private static final long NOW = System.currentTimeMillis();

    private final Map<String, RecordParser> parsers = new java.util.HashMap<>();
    private int events;
    private int deadLetters;

    private void readEverywhere(String topic, byte[] value) {
        for (String job : JOBS) {
            RecordParser parser = parsers.computeIfAbsent(
                    job, j -> RecordParser.of(VigilConfig.load(FORMATS, List.of(), Map.of()), j));
            List<ParsedRecord> out = new ArrayList<>();
            try {
                parser.read(value, NOW, "vigil." + topic, 0, 0, new RecordParser.Counts(), out::add);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(
                        job + " threw on a request of " + topic + ": "
                                + new String(value, 0, Math.min(value.length, 400), StandardCharsets.ISO_8859_1),
                        e);
            }
            for (ParsedRecord r : out) {
                assertThat(r.event == null).as("event xor dead letter").isNotEqualTo(r.deadLetter == null);
                if (r.event != null) events++;
                else {
                    assertThat(r.deadLetter.reason).isNotNull();
                    deadLetters++;
                }
            }
        }
    }

    /** Telemetry of every kind the mapping reads, in both encodings, keyed by topic base name. */
    private static Map<String, List<byte[]>> seeds(OtlpEncoding encoding) {
        Map<String, List<byte[]>> seeds = new java.util.LinkedHashMap<>();
        try (OtlpExports svc = new OtlpExports(
                Attributes.builder()
                        .put("service.name", "checkout")
                        .put("deployment.environment.name", "prod")
                        .put("host.name", "web-7")
                        .build(),
                AggregationTemporality.CUMULATIVE,
                Clock.getDefault(),
                true)) {
            Span span = svc.tracer("http")
                    .spanBuilder("POST /pay")
                    .setSpanKind(SpanKind.SERVER)
                    .startSpan();
            svc.logger("l")
                    .logRecordBuilder()
                    .setTimestamp(Instant.ofEpochMilli(NOW))
                    .setSeverity(Severity.INFO)
                    .setBody("tool call")
                    .setContext(Context.root().with(span))
                    .setAttribute(AttributeKey.stringKey("gen_ai.request.model"), "gpt-x")
                    .setAttribute(AttributeKey.longKey("gen_ai.usage.input_tokens"), 12L)
                    .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
                    .emit();
            svc.logger("l")
                    .logRecordBuilder()
                    .setTimestamp(Instant.ofEpochMilli(NOW))
                    .setSeverity(Severity.ERROR)
                    .setAttribute(AttributeKey.stringKey("exception.type"), "java.io.IOException")
                    .setAttribute(
                            AttributeKey.stringKey("exception.stacktrace"),
                            "java.io.IOException: reset\n\tat a.B.c(B.java:1)\nCaused by: x.Y\n\tat d.E.f(E.java:2)\n")
                    .emit();
            span.setStatus(StatusCode.ERROR, "declined");
            span.end();
            svc.meter("m").counterBuilder("requests").build().add(3);
            svc.meter("m").gaugeBuilder("cpu").build().set(0.5);
            DoubleHistogram h = svc.meter("m").histogramBuilder("latency").build();
            for (double v : new double[] {0, 0.5, 3, 250, 9000}) h.record(v);
            seeds.put("logs", List.of(svc.logs(encoding)));
            seeds.put("spans", List.of(svc.traces(encoding)));
            seeds.put("metrics", List.of(svc.metrics(encoding)));
        }
        return seeds;
    }

    @Test
    void damagedRequestsNeverThrow() {
        Random random = new Random(20261201);
        int requests = 0;
        for (OtlpEncoding encoding : OtlpEncoding.values()) {
            for (Map.Entry<String, List<byte[]>> seed : seeds(encoding).entrySet()) {
                String topic = seed.getKey() + (encoding == OtlpEncoding.JSON ? "-json" : "");
                for (byte[] original : seed.getValue()) {
                    readEverywhere(topic, original);
                    for (int i = 0; i < 400; i++) {
                        readEverywhere(
                                topic,
                                encoding == OtlpEncoding.JSON && i % 2 == 0
                                        ? damageJson(original, random)
                                        : damage(original, random));
                        requests++;
                    }
                }
            }
        }
        assertThat(requests).isEqualTo(2 * 3 * 400);
        // the damage is not all refused whole: some records still make events
        assertThat(events).isGreaterThan(100);
        assertThat(deadLetters).isGreaterThan(1000);
    }

    private static byte[] damage(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(5)) {
            case 0: // a few bits flipped
                for (int k = 1 + random.nextInt(4); k > 0; k--)
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                return b;
            case 1: // bytes overwritten
                for (int k = 1 + random.nextInt(8); k > 0; k--)
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                return b;
            case 2: // cut short
                return Arrays.copyOf(b, random.nextInt(b.length));
            case 3: { // a range removed
                int from = random.nextInt(b.length);
                int to = Math.min(b.length, from + 1 + random.nextInt(32));
                byte[] out = new byte[b.length - (to - from)];
                System.arraycopy(b, 0, out, 0, from);
                System.arraycopy(b, to, out, from, b.length - to);
                return out;
            }
            default: { // a range repeated
                int from = random.nextInt(b.length);
                int len = Math.min(b.length - from, 1 + random.nextInt(64));
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, from + len);
                System.arraycopy(b, from, out, from + len, b.length - from);
                return out;
            }
        }
    }

    private static final String[] EXTREMES = {
        "\"18446744073709551615\"",
        "\"-1\"",
        "-1",
        "1e400",
        "\"NaN\"",
        "\"-Infinity\"",
        "null",
        "{}",
        "[]",
        "\"\\ud800\"",
        "\"" + "9".repeat(40) + "\"",
        "2147483648",
        "-2147483649",
        "true",
        "\"\"",
        "0.5"
    };

    /** One JSON value (after a colon) swapped for an extreme one. */
    private static byte[] damageJson(byte[] original, Random random) {
        String s = new String(original, StandardCharsets.UTF_8);
        int colon = s.indexOf(':', random.nextInt(s.length()));
        if (colon < 0) return damage(original, random);
        int end = colon + 1;
        char c = s.charAt(end);
        if (c == '"') end = s.indexOf('"', end + 1) + 1;
        else if (c == '{' || c == '[') end++; // replace just the opening: the rest is then unbalanced
        else while (end < s.length() && ",}]".indexOf(s.charAt(end)) < 0) end++;
        return (s.substring(0, colon + 1) + EXTREMES[random.nextInt(EXTREMES.length)] + s.substring(end))
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void extremeValuesInWellFormedRequestsNeverThrow() throws Exception {
        ExportMetricsServiceRequest metrics = ExportMetricsServiceRequest.parseFrom(
                seeds(OtlpEncoding.PROTO).get("metrics").get(0));
        List<ExportMetricsServiceRequest> variants = new ArrayList<>();
        for (int scale : new int[] {-10, -1, 0, 20, 21, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            for (int offset : new int[] {Integer.MIN_VALUE, -1_000_000, 0, 1_000_000, Integer.MAX_VALUE}) {
                variants.add(withExponential(
                        metrics,
                        p -> p.setScale(scale)
                                .setPositive(p.getPositive().toBuilder().setOffset(offset))
                                .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder()
                                        .setOffset(offset)
                                        .addBucketCounts(Long.MAX_VALUE)
                                        .addBucketCounts(-1L))));
            }
        }
        variants.add(
                withExponential(metrics, p -> p.setZeroThreshold(Double.NaN).setZeroCount(-1)));
        variants.add(withExponential(metrics, p -> p.setZeroThreshold(Double.POSITIVE_INFINITY)));
        variants.add(withExponential(metrics, p -> {
            ExponentialHistogramDataPoint.Buckets.Builder many = ExponentialHistogramDataPoint.Buckets.newBuilder();
            for (int i = 0; i < 100_000; i++) many.addBucketCounts(1);
            return p.setPositive(many);
        }));
        HistogramDataPoint.Builder explicit = HistogramDataPoint.newBuilder()
                .setTimeUnixNano(-1L)
                .addExplicitBounds(Double.NaN)
                .addExplicitBounds(5)
                .addExplicitBounds(1)
                .addBucketCounts(Long.MAX_VALUE)
                .addBucketCounts(Long.MAX_VALUE);
        variants.add(metrics.toBuilder()
                .setResourceMetrics(
                        0,
                        metrics.getResourceMetrics(0).toBuilder()
                                .setScopeMetrics(
                                        0,
                                        metrics.getResourceMetrics(0).getScopeMetrics(0).toBuilder()
                                                .addMetrics(Metric.newBuilder()
                                                        .setName("\u0000bad")
                                                        .setHistogram(
                                                                io.opentelemetry.proto.metrics.v1.Histogram.newBuilder()
                                                                        .addDataPoints(explicit)))
                                                .addMetrics(Metric.newBuilder().setName("no data"))))
                .build());
        for (ExportMetricsServiceRequest v : variants) readEverywhere("metrics", v.toByteArray());

        var logs = io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest.parseFrom(
                seeds(OtlpEncoding.PROTO).get("logs").get(0));
        var record = logs.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).toBuilder();
        io.opentelemetry.proto.common.v1.AnyValue.Builder deep =
                io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue("leaf");
        for (int i = 0; i < 40; i++) {
            deep = io.opentelemetry.proto.common.v1.AnyValue.newBuilder()
                    .setKvlistValue(io.opentelemetry.proto.common.v1.KeyValueList.newBuilder()
                            .addValues(io.opentelemetry.proto.common.v1.KeyValue.newBuilder()
                                    .setKey("k")
                                    .setValue(deep)));
        }
        List<io.opentelemetry.proto.logs.v1.LogRecord> records = List.of(
                record.clone().setTimeUnixNano(-1L).setObservedTimeUnixNano(0).build(),
                record.clone()
                        .setSeverityNumberValue(1000)
                        .setSeverityText("\u0007")
                        .build(),
                record.clone()
                        .setTraceId(ByteString.copyFrom(new byte[40]))
                        .setSpanId(ByteString.EMPTY)
                        .build(),
                record.clone().setTraceId(ByteString.copyFrom(new byte[3])).build(),
                record.clone().setBody(deep).build(),
                record.clone()
                        .addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder()
                                .setKey("")
                                .setValue(deep))
                        .build(),
                record.clone()
                        .addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder()
                                .setKey("exception.stacktrace")
                                .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder()
                                        .setStringValue("\tat ".repeat(50_000))))
                        .build());
        for (var r : records) {
            var one = logs.toBuilder();
            one.getResourceLogsBuilder(0)
                    .getScopeLogsBuilder(0)
                    .clearLogRecords()
                    .addLogRecords(r);
            readEverywhere("logs", one.build().toByteArray());
        }
        assertThat(events + deadLetters).isGreaterThan(variants.size());
    }

    private static ExportMetricsServiceRequest withExponential(
            ExportMetricsServiceRequest request,
            java.util.function.UnaryOperator<ExponentialHistogramDataPoint.Builder> change) {
        ExportMetricsServiceRequest.Builder b = request.toBuilder();
        for (var rm : b.getResourceMetricsBuilderList())
            for (var sm : rm.getScopeMetricsBuilderList())
                for (var m : sm.getMetricsBuilderList())
                    if (m.hasExponentialHistogram())
                        for (var p : m.getExponentialHistogramBuilder().getDataPointsBuilderList()) change.apply(p);
        return b.build();
    }
}
