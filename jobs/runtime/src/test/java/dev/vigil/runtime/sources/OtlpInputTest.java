package dev.vigil.runtime.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.schema.contract.ValueTypes;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.MetricKind;
import dev.vigil.schema.event.StackFrame;
import dev.vigil.schema.otlp.OtlpEncoding;
import dev.vigil.workload.otlp.OtlpExports;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** OTLP requests recorded and encoded by the OpenTelemetry Java SDK, through a job's record parser. */
class OtlpInputTest {
    private static final String FORMATS = "kafka.topic-formats: [\"otlp-logs=otlp-proto:logs\", "
            + "\"otlp-logs-json=otlp-json:logs\", \"otlp-spans=otlp-proto:traces\", \"otlp-spans-json=otlp-json:traces\", "
            + "\"otlp-metrics=otlp-proto:metrics\", \"otlp-metrics-json=otlp-json:metrics\", \"agent-logs=vigil\"]";
    private static final long NOW = System.currentTimeMillis();
    private static final String STACK = "java.net.SocketTimeoutException: Read timed out\n"
            + "\tat java.base/java.net.SocketInputStream.socketRead0(Native Method)\n"
            + "\tat com.shop.pay.Gateway.charge(Gateway.java:88)\n"
            + "\tat com.shop.checkout.Checkout.run(Checkout.java:42)\n"
            + "Caused by: java.io.IOException: reset\n"
            + "\tat com.shop.net.Socket.read(Socket.java:7)\n";

    private static VigilConfig config(String yaml) {
        return VigilConfig.load(yaml, List.of(), java.util.Map.of());
    }

    private static OtlpExports service() {
        return new OtlpExports(Attributes.builder()
                .put("service.name", "checkout")
                .put("deployment.environment.name", "prod")
                .put("host.name", "host-1")
                .put("service.instance.id", "i-7")
                .put("telemetry.sdk.language", "java")
                .build());
    }

    private record Result(List<ParsedRecord> records, RecordParser.Counts counts) {
        List<Event> events() {
            return records.stream()
                    .filter(r -> r.event != null)
                    .map(r -> r.event)
                    .toList();
        }

        List<ParsedRecord> deadLetters() {
            return records.stream().filter(r -> r.deadLetter != null).toList();
        }
    }

    private static Result read(String job, String topic, byte[] value) {
        RecordParser parser = RecordParser.of(config(FORMATS), job);
        RecordParser.Counts counts = new RecordParser.Counts();
        List<ParsedRecord> out = new ArrayList<>();
        parser.read(value, NOW, "vigil." + topic, 0, 5, counts, out::add);
        return new Result(out, counts);
    }

    private static String topic(String base, OtlpEncoding encoding) {
        return encoding == OtlpEncoding.PROTO ? base : base + "-json";
    }

    /** One info log inside a span, with GenAI attributes, and one log of a caught exception. */
    private static byte[] logs(OtlpExports svc, OtlpEncoding encoding, Span[] spanOut) {
        Span span = svc.tracer("t").spanBuilder("charge").startSpan();
        spanOut[0] = span;
        Context ctx = Context.root().with(span);
        svc.logger("com.shop.Checkout")
                .logRecordBuilder()
                .setTimestamp(Instant.ofEpochMilli(NOW - 1000))
                .setSeverity(Severity.INFO2)
                .setBody("tool call finished")
                .setContext(ctx)
                .setAttribute(AttributeKey.stringKey("gen_ai.agent.id"), "planner")
                .setAttribute(AttributeKey.stringKey("gen_ai.request.model"), "gpt-x")
                .setAttribute(AttributeKey.longKey("gen_ai.usage.input_tokens"), 120L)
                .setAttribute(AttributeKey.longKey("gen_ai.usage.output_tokens"), 30L)
                .setAttribute(AttributeKey.stringKey("gen_ai.tool.name"), "search")
                .setAttribute(AttributeKey.stringKey("cart.id"), "c-42")
                .setAttribute(AttributeKey.longArrayKey("cart.sizes"), List.of(1L, 2L))
                .emit();
        svc.logger("com.shop.Checkout")
                .logRecordBuilder()
                .setTimestamp(Instant.ofEpochMilli(NOW - 500))
                .setSeverity(Severity.ERROR)
                .setBody("payment failed")
                .setContext(ctx)
                .setAttribute(AttributeKey.stringKey("exception.type"), "java.net.SocketTimeoutException")
                .setAttribute(AttributeKey.stringKey("exception.message"), "Read timed out")
                .setAttribute(AttributeKey.stringKey("exception.stacktrace"), STACK)
                .setAttribute(AttributeKey.stringKey("payment.provider"), "acme")
                .emit();
        span.end();
        return svc.logs(encoding);
    }

    @ParameterizedTest
    @EnumSource(OtlpEncoding.class)
    void logRecordsBecomeAgentLogsAndErrorsEachReadByItsJob(OtlpEncoding encoding) {
        try (OtlpExports svc = service()) {
            Span[] span = new Span[1];
            byte[] request = logs(svc, encoding, span);
            String traceId = span[0].getSpanContext().getTraceId();
            String spanId = span[0].getSpanContext().getSpanId();

            Result logs = read("agent-logs", topic("otlp-logs", encoding), request);
            assertThat(logs.counts().otlpRecords).isEqualTo(2);
            assertThat(logs.counts().routedElsewhere).isEqualTo(1);
            assertThat(logs.deadLetters()).isEmpty();
            assertThat(logs.events()).hasSize(1);
            Event e = logs.events().get(0);
            assertThat(e.type).isEqualTo(EventType.AGENT_LOG);
            assertThat(e.timestamp).isEqualTo(NOW - 1000);
            assertThat(e.service).isEqualTo("checkout");
            assertThat(e.environment).isEqualTo("prod");
            assertThat(e.host).isEqualTo("host-1");
            assertThat(e.instance).isEqualTo("i-7");
            assertThat(e.traceId).isEqualTo(traceId);
            assertThat(e.spanId).isEqualTo(spanId);
            assertThat(e.correlationId).isEqualTo(traceId);
            assertThat(e.agentLog.level).isEqualTo("INFO");
            assertThat(e.agentLog.logger).isEqualTo("com.shop.Checkout");
            assertThat(e.agentLog.message).isEqualTo("tool call finished");
            assertThat(e.agentLog.agentId).isEqualTo("planner");
            assertThat(e.agentLog.model).isEqualTo("gpt-x");
            assertThat(e.agentLog.tool).isEqualTo("search");
            assertThat(e.agentLog.tokensIn).isEqualTo(120L);
            assertThat(e.agentLog.tokensOut).isEqualTo(30L);
            assertThat(e.attributes).containsOnlyKeys("cart.id", "cart.sizes.0", "cart.sizes.1");
            assertThat(e.attributes.get("cart.id").text).isEqualTo("c-42");

            Result errors = read("errors", topic("otlp-logs", encoding), request);
            assertThat(errors.counts().routedElsewhere).isEqualTo(1);
            assertThat(errors.events()).hasSize(1);
            Event err = errors.events().get(0);
            assertThat(err.type).isEqualTo(EventType.ERROR);
            assertThat(err.timestamp).isEqualTo(NOW - 500);
            assertThat(err.traceId).isEqualTo(traceId);
            assertThat(err.error.errorType).isEqualTo("java.net.SocketTimeoutException");
            assertThat(err.error.message).isEqualTo("Read timed out");
            assertThat(err.error.severity).isEqualTo("error");
            assertThat(err.error.frames)
                    .containsExactly(
                            new StackFrame("java.net.SocketInputStream", "socketRead0", "Native Method", 0, false),
                            new StackFrame("com.shop.pay.Gateway", "charge", "Gateway.java", 88, true),
                            new StackFrame("com.shop.checkout.Checkout", "run", "Checkout.java", 42, true));
            assertThat(err.attributes).containsOnlyKeys("payment.provider");

            Result metrics = read("performance-metrics", topic("otlp-logs", encoding), request);
            assertThat(metrics.records()).isEmpty();
            assertThat(metrics.counts().routedElsewhere).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(OtlpEncoding.class)
    void aSpanIsAJourneyHopForAgentLogsAndATimerForPerformanceMetrics(OtlpEncoding encoding) {
        try (OtlpExports svc = service()) {
            Span parent = svc.tracer("http")
                    .spanBuilder("GET /cart")
                    .setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(NOW - 2000, TimeUnit.MILLISECONDS)
                    .startSpan();
            Span child = svc.tracer("http")
                    .spanBuilder("SELECT cart")
                    .setParent(Context.root().with(parent))
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute("db.system", "postgresql")
                    .setStartTimestamp(NOW - 1900, TimeUnit.MILLISECONDS)
                    .startSpan();
            child.setStatus(StatusCode.ERROR, "timeout");
            child.end(NOW - 1650, TimeUnit.MILLISECONDS);
            parent.end(NOW - 1500, TimeUnit.MILLISECONDS);
            byte[] request = svc.traces(encoding);
            String traceId = parent.getSpanContext().getTraceId();

            Result logs = read("agent-logs", topic("otlp-spans", encoding), request);
            assertThat(logs.counts().otlpRecords).isEqualTo(2);
            assertThat(logs.counts().routedElsewhere).isEqualTo(2);
            List<Event> hops = new ArrayList<>(logs.events());
            hops.sort(Comparator.comparingLong(h -> h.timestamp));
            assertThat(hops).extracting(h -> h.agentLog.message).containsExactly("GET /cart", "SELECT cart");
            Event child0 = hops.get(1);
            assertThat(child0.eventId)
                    .isEqualTo(traceId + "-" + child.getSpanContext().getSpanId());
            assertThat(child0.correlationId).isEqualTo(traceId);
            assertThat(child0.parentSpanId).isEqualTo(parent.getSpanContext().getSpanId());
            assertThat(child0.timestamp).isEqualTo(NOW - 1900);
            assertThat(child0.agentLog.level).isEqualTo("ERROR");
            assertThat(child0.agentLog.durationMs).isEqualTo(250.0);
            assertThat(child0.agentLog.outcome).isEqualTo("error");
            assertThat(child0.attributes.get("span.kind").text).isEqualTo("client");
            assertThat(child0.attributes.get("span.status_message").text).isEqualTo("timeout");
            assertThat(child0.attributes.get("db.system").text).isEqualTo("postgresql");

            Result timers = read("performance-metrics", topic("otlp-spans", encoding), request);
            assertThat(timers.events()).hasSize(2);
            Event t = timers.events().stream()
                    .filter(x -> x.metric.operation.equals("GET /cart"))
                    .findFirst()
                    .orElseThrow();
            assertThat(t.metric.kind).isEqualTo(MetricKind.TIMER);
            assertThat(t.metric.name).isEqualTo("span.duration");
            assertThat(t.metric.value).isEqualTo(500.0);
            assertThat(t.metric.unit).isEqualTo("ms");
            assertThat(t.metric.tags).containsEntry("span.kind", "server").containsEntry("status", "ok");
            assertThat(t.service).isEqualTo("checkout");
        }
    }

    @ParameterizedTest
    @EnumSource(OtlpEncoding.class)
    void metricPointsBecomePerformanceMetricsOfTheirKind(OtlpEncoding encoding) {
        try (OtlpExports svc = service()) {
            LongCounter requests =
                    svc.meter("m").counterBuilder("http.requests").setUnit("1").build();
            requests.add(5, Attributes.builder().put("route", "/cart").build());
            requests.add(2, Attributes.builder().put("route", "/cart").build());
            svc.meter("m").upDownCounterBuilder("queue.depth").build().add(-3);
            svc.meter("m").gaugeBuilder("cpu.utilization").build().set(0.25);
            DoubleHistogram latency = svc.meter("m")
                    .histogramBuilder("http.latency")
                    .setUnit("ms")
                    .setExplicitBucketBoundariesAdvice(List.of(10.0, 100.0))
                    .build();
            latency.record(5);
            latency.record(50);
            latency.record(70);
            latency.record(500);
            byte[] request = svc.metrics(encoding);

            Result r = read("performance-metrics", topic("otlp-metrics", encoding), request);
            assertThat(r.deadLetters()).isEmpty();
            assertThat(r.counts().otlpRecords).isEqualTo(4);
            assertThat(r.events()).hasSize(4);
            Event counter = byName(r, "http.requests");
            assertThat(counter.metric.kind).isEqualTo(MetricKind.DELTA);
            assertThat(counter.metric.value).isEqualTo(7.0);
            assertThat(counter.metric.unit).isEqualTo("1");
            assertThat(counter.metric.tags).containsExactlyEntriesOf(java.util.Map.of("route", "/cart"));
            Event depth = byName(r, "queue.depth"); // an up-down counter, read as a delta
            assertThat(depth.metric.kind).isEqualTo(MetricKind.DELTA);
            assertThat(depth.metric.value).isEqualTo(-3.0);
            assertThat(byName(r, "cpu.utilization").metric.kind).isEqualTo(MetricKind.GAUGE);
            assertThat(byName(r, "cpu.utilization").metric.value).isEqualTo(0.25);
            Event h = byName(r, "http.latency");
            assertThat(h.metric.kind).isEqualTo(MetricKind.HISTOGRAM);
            assertThat(h.metric.bucketBounds).containsExactly(10.0, 100.0, Double.POSITIVE_INFINITY);
            assertThat(h.metric.bucketCounts).containsExactly(1L, 2L, 1L);
            assertThat(h.metric.unit).isEqualTo("ms");

            Result logsJob = read("agent-logs", topic("otlp-metrics", encoding), request);
            assertThat(logsJob.records()).isEmpty();
            assertThat(logsJob.counts().routedElsewhere).isEqualTo(4);
        }
    }

    @Test
    void aPointsOperationIsNamedAsTheSpanOfItsRequestFromHttpAndRpcAttributes() {
        try (OtlpExports svc = service()) {
            DoubleHistogram server = svc.meter("m")
                    .histogramBuilder("http.server.request.duration")
                    .setUnit("s")
                    .build();
            server.record(
                    0.1,
                    Attributes.builder()
                            .put("http.request.method", "GET")
                            .put("http.route", "/cart/{id}")
                            .put("http.response.status_code", 200L)
                            .build());
            server.record(
                    0.2,
                    Attributes.builder().put("http.request.method", "_OTHER").build());
            server.record(
                    0.3,
                    Attributes.builder() // semantic conventions before 1.21
                            .put("http.method", "POST")
                            .put("http.route", "/checkout")
                            .build());
            server.record(
                    0.4,
                    Attributes.builder()
                            .put("http.request.method", "PUT")
                            .put("http.route", "/" + "r".repeat(ValueTypes.MAX_LABEL_LENGTH))
                            .build());
            server.record(
                    0.5, Attributes.builder().put("http.route", "/no-method").build());
            svc.meter("m")
                    .histogramBuilder("rpc.server.duration")
                    .build()
                    .record(
                            3,
                            Attributes.builder()
                                    .put("rpc.service", "shop.Cart")
                                    .put("rpc.method", "Load")
                                    .build());
            svc.meter("m")
                    .counterBuilder("jobs.done")
                    .build()
                    .add(1, Attributes.builder().put("http.request.method", 7L).build());
            svc.tracer("http")
                    .spanBuilder("GET /cart/{id}")
                    .setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(NOW - 2000, TimeUnit.MILLISECONDS)
                    .startSpan()
                    .end(NOW - 1500, TimeUnit.MILLISECONDS);

            Result r = read("performance-metrics", "otlp-metrics", svc.metrics(OtlpEncoding.PROTO));
            assertThat(r.deadLetters()).isEmpty();
            Map<String, String> byRoute = new HashMap<>();
            for (Event e : r.events()) {
                if (!e.metric.name.equals("http.server.request.duration")) continue;
                byRoute.put(String.valueOf(e.metric.tags.get("http.route")), String.valueOf(e.metric.operation));
            }
            assertThat(byRoute)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "/cart/{id}",
                            "GET /cart/{id}",
                            "null",
                            "HTTP",
                            "/checkout",
                            "POST /checkout",
                            "/" + "r".repeat(ValueTypes.MAX_LABEL_LENGTH),
                            "null",
                            "/no-method",
                            "null"));
            assertThat(byName(r, "rpc.server.duration").metric.operation).isEqualTo("shop.Cart/Load");
            assertThat(byName(r, "jobs.done").metric.operation)
                    .as("a method that is not text")
                    .isNull();

            Result spans = read("performance-metrics", "otlp-spans", svc.traces(OtlpEncoding.PROTO));
            assertThat(byName(spans, "span.duration").metric.operation)
                    .as("the span timer of the same request")
                    .isEqualTo(byRoute.get("/cart/{id}"));
        }
    }

    @Test
    void cumulativeSumsAreCounterTotalsWhenMonotonicAndReadingsWhenNot() {
        try (OtlpExports svc = new OtlpExports(
                Attributes.of(AttributeKey.stringKey("service.name"), "checkout"),
                io.opentelemetry.sdk.metrics.data.AggregationTemporality.CUMULATIVE)) {
            LongCounter requests =
                    svc.meter("m").counterBuilder("http.requests").build();
            io.opentelemetry.api.metrics.LongUpDownCounter depth =
                    svc.meter("m").upDownCounterBuilder("queue.depth").build();
            requests.add(5);
            depth.add(4);
            svc.metrics(OtlpEncoding.PROTO);
            requests.add(2);
            depth.add(-3);
            Result r = read("performance-metrics", "otlp-metrics", svc.metrics(OtlpEncoding.PROTO));
            assertThat(byName(r, "http.requests").metric.kind).isEqualTo(MetricKind.COUNTER);
            assertThat(byName(r, "http.requests").metric.value).isEqualTo(7.0);
            assertThat(byName(r, "queue.depth").metric.kind).isEqualTo(MetricKind.GAUGE);
            assertThat(byName(r, "queue.depth").metric.value).isEqualTo(1.0);
        }
    }

    @Test
    void anExponentialHistogramBecomesBucketsWhoseBoundsHoldEachValueWithinTheBase() {
        double[] values = {0.0, 0.4, 3.0, 3.1, 250.0, 251.0, 9_000.0};
        try (OtlpExports svc = new OtlpExports(
                Attributes.of(AttributeKey.stringKey("service.name"), "checkout"),
                io.opentelemetry.sdk.metrics.data.AggregationTemporality.DELTA,
                io.opentelemetry.sdk.common.Clock.getDefault(),
                true)) {
            DoubleHistogram h = svc.meter("m").histogramBuilder("db.latency").build();
            for (double v : values) h.record(v);
            Result r = read("performance-metrics", "otlp-metrics", svc.metrics(OtlpEncoding.PROTO));
            Event e = byName(r, "db.latency");
            assertThat(e.metric.kind).isEqualTo(MetricKind.HISTOGRAM);
            assertThat(java.util.Arrays.stream(e.metric.bucketCounts).sum()).isEqualTo(values.length);
            // scale 20 lowered to fit 160 buckets over 0.4..9000: base = 2^(2^-scale) stays below 1.1
            double[] bounds = e.metric.bucketBounds;
            for (double v : values) {
                int i = 0;
                while (bounds[i] < v) i++;
                assertThat(bounds[i]).as("the bound reporting " + v).isGreaterThanOrEqualTo(v);
                if (v > 0)
                    assertThat(bounds[i] / v).as("relative error for " + v).isLessThan(1.1);
            }
            assertThat(e.metric.bucketCounts[0]).as("the zero bucket").isEqualTo(1);
            assertThat(bounds[0]).isEqualTo(0.0);
        }
    }

    private static Event byName(Result r, String name) {
        return r.events().stream()
                .filter(e -> e.metric.name.equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aCumulativeHistogramIsReadAsTotalsForTheJobToDifference() {
        try (OtlpExports svc = new OtlpExports(
                Attributes.of(AttributeKey.stringKey("service.name"), "checkout"),
                io.opentelemetry.sdk.metrics.data.AggregationTemporality.CUMULATIVE)) {
            DoubleHistogram latency = svc.meter("m")
                    .histogramBuilder("http.latency")
                    .setExplicitBucketBoundariesAdvice(List.of(10.0, 100.0))
                    .build();
            latency.record(5);
            svc.metrics(OtlpEncoding.PROTO);
            latency.record(50);
            Result r = read("performance-metrics", "otlp-metrics", svc.metrics(OtlpEncoding.PROTO));
            Event h = byName(r, "http.latency");
            assertThat(h.metric.kind).isEqualTo(MetricKind.CUMULATIVE_HISTOGRAM);
            assertThat(h.metric.bucketBounds).containsExactly(10.0, 100.0, Double.POSITIVE_INFINITY);
            assertThat(h.metric.bucketCounts).containsExactly(1L, 1L, 0L);
        }
    }

    @Test
    void aSummaryIsDeadLetteredNamingWhatToExportInstead() {
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .addScopeMetrics(ScopeMetrics.newBuilder()
                                .addMetrics(Metric.newBuilder()
                                        .setName("rpc.latency")
                                        .setSummary(io.opentelemetry.proto.metrics.v1.Summary.newBuilder()
                                                .addDataPoints(
                                                        io.opentelemetry.proto.metrics.v1.SummaryDataPoint.newBuilder()
                                                                .setTimeUnixNano(NOW * 1_000_000)
                                                                .setCount(3))))))
                .build();
        Result r = read("performance-metrics", "otlp-metrics", request.toByteArray());
        assertThat(r.events()).isEmpty();
        assertThat(r.deadLetters()).hasSize(1);
        assertThat(r.deadLetters().get(0).deadLetter.reason).isEqualTo(DeadLetterReason.INVALID_VALUE);
        assertThat(r.deadLetters().get(0).deadLetter.detail).contains("summary", "histograms");
    }

    @Test
    void aRequestThatIsNotOtlpOfItsTopicsSignalIsDeadLetteredWhole() {
        byte[] contract = ("{\"type\":\"agent_log\",\"timestamp\":" + NOW
                        + ",\"service\":\"checkout\",\"level\":\"info\",\"message\":\"m\"}")
                .getBytes(StandardCharsets.UTF_8);
        for (String topic : List.of("otlp-logs", "otlp-logs-json", "otlp-spans-json")) {
            Result r = read("agent-logs", topic, contract);
            assertThat(r.records()).hasSize(1);
            assertThat(r.deadLetters().get(0).deadLetter.reason).isEqualTo(DeadLetterReason.MALFORMED_OTLP);
            assertThat(r.deadLetters().get(0).deadLetter.originalBytes).isEqualTo(contract);
            assertThat(r.deadLetters().get(0).deadLetter.sourceOffset).isEqualTo(5);
        }
        try (OtlpExports svc = service()) {
            byte[] logsJson = logs(svc, OtlpEncoding.JSON, new Span[1]);
            Result wrongSignal = read("agent-logs", "otlp-spans-json", logsJson);
            assertThat(wrongSignal.deadLetters().get(0).deadLetter.reason).isEqualTo(DeadLetterReason.MALFORMED_OTLP);
            assertThat(wrongSignal.deadLetters().get(0).deadLetter.detail).contains("resourceSpans", "resourceLogs");
        }
        // An OTLP request on a contract topic is not JSON: dead-lettered as the contract says.
        try (OtlpExports svc = service()) {
            Result onContractTopic = read("agent-logs", "agent-logs", logs(svc, OtlpEncoding.PROTO, new Span[1]));
            assertThat(onContractTopic.deadLetters()).hasSize(1);
            assertThat(onContractTopic.deadLetters().get(0).deadLetter.reason)
                    .isIn(DeadLetterReason.MALFORMED_JSON, DeadLetterReason.INVALID_UTF8);
        }
    }

    @Test
    void aLoneSurrogateInOtlpJsonTextIsDeadLetteredNotThrown() {
        String[] places = {
            "\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"a\\ud800\"}}]},"
                    + "\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"m\"}}]}]",
            "\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"a\"}}]},"
                    + "\"scopeLogs\":[{\"scope\":{\"name\":\"\\udc00x\"},\"logRecords\":[{\"body\":{\"stringValue\":\"m\\ud800\"},"
                    + "\"attributes\":[{\"key\":\"k\\udfff\",\"value\":{\"stringValue\":\"v\"}}]}]}]"
        };
        for (String place : places) {
            byte[] request = ("{\"resourceLogs\":[{" + place + "}]}").getBytes(StandardCharsets.UTF_8);
            Result r = read("agent-logs", "otlp-logs-json", request);
            assertThat(r.records()).hasSize(1);
            assertThat(r.deadLetters().get(0).deadLetter.reason).isEqualTo(DeadLetterReason.MALFORMED_OTLP);
            assertThat(r.deadLetters().get(0).deadLetter.detail).endsWith("holds half a surrogate pair");
        }
    }

    @Test
    void aRequestOverTheRecordLimitIsDeadLetteredWhole() {
        try (OtlpExports svc = service()) {
            for (int i = 0; i < 11; i++)
                svc.logger("l").logRecordBuilder().setBody("m" + i).emit();
            byte[] request = svc.logs(OtlpEncoding.PROTO);
            RecordParser parser = RecordParser.of(config(FORMATS + "\nparser.max-otlp-records: 10"), "agent-logs");
            RecordParser.Counts counts = new RecordParser.Counts();
            List<ParsedRecord> out = new ArrayList<>();
            parser.read(request, NOW, "vigil.otlp-logs", 0, 0, counts, out::add);
            assertThat(out).hasSize(1);
            assertThat(out.get(0).deadLetter.reason).isEqualTo(DeadLetterReason.OVERSIZE);
            assertThat(out.get(0).deadLetter.detail).contains("11 log records", "parser.max-otlp-records");
        }
    }

    @ParameterizedTest
    @EnumSource(OtlpEncoding.class)
    void identicalRecordsOfOneRequestKeepTheirOwnIdsAndTheSameRequestReadAgainGivesTheSameIds(OtlpEncoding encoding) {
        try (OtlpExports svc = service()) {
            for (int i = 0; i < 3; i++) {
                svc.logger("l")
                        .logRecordBuilder()
                        .setTimestamp(Instant.ofEpochMilli(NOW))
                        .setBody("heartbeat")
                        .emit();
            }
            byte[] request = svc.logs(encoding);
            List<String> ids = read("agent-logs", topic("otlp-logs", encoding), request).events().stream()
                    .map(e -> e.eventId)
                    .toList();
            assertThat(ids).hasSize(3).doesNotHaveDuplicates().allMatch(id -> id.matches("d-[0-9a-f]{32}"));
            // a replay, or a Collector retrying the same request: the same IDs, so sinks overwrite
            assertThat(read("agent-logs", topic("otlp-logs", encoding), request).events())
                    .extracting(e -> e.eventId)
                    .containsExactlyElementsOf(ids);
            assertThat(read("agent-logs", topic("otlp-logs", encoding), request).events())
                    .allMatch(e -> e.eventIdDerived);
        }
    }

    @Test
    void aCorrelationIdAttributeJoinsContractServicesAndARecordWithoutServiceIsDeadLetteredAlone() {
        try (OtlpExports named = service();
                OtlpExports anonymous = new OtlpExports(Attributes.empty())) {
            named.logger("l")
                    .logRecordBuilder()
                    .setTimestamp(Instant.ofEpochMilli(NOW))
                    .setBody("reserved")
                    .setAttribute(AttributeKey.stringKey("correlation_id"), "req-42")
                    .emit();
            Result joined = read("agent-logs", "otlp-logs", named.logs(OtlpEncoding.PROTO));
            assertThat(joined.events().get(0).correlationId).isEqualTo("req-42");
            assertThat(joined.events().get(0).attributes).isNull();

            // a resource without service.name: that record alone is dead-lettered, as its contract JSON
            anonymous
                    .logger("l")
                    .logRecordBuilder()
                    .setTimestamp(Instant.ofEpochMilli(NOW))
                    .setBody("a")
                    .emit();
            Result r = read("agent-logs", "otlp-logs", anonymous.logs(OtlpEncoding.PROTO));
            assertThat(r.deadLetters()).hasSize(1);
            assertThat(r.deadLetters().get(0).deadLetter.reason).isEqualTo(DeadLetterReason.MISSING_FIELD);
            assertThat(r.deadLetters().get(0).deadLetter.detail).contains("service");
            assertThat(new String(r.deadLetters().get(0).deadLetter.originalBytes, StandardCharsets.UTF_8))
                    .contains("\"message\":\"a\"")
                    .doesNotContain("service");
        }
    }

    @Test
    void eachJobSubscribesToTheOtlpTopicsWhoseSignalCarriesItsEvents() {
        VigilConfig c = config(FORMATS);
        assertThat(KafkaSources.inputTopics(c, "agent-logs"))
                .containsExactly(
                        "vigil.agent-logs",
                        "vigil.otlp-logs",
                        "vigil.otlp-logs-json",
                        "vigil.otlp-spans",
                        "vigil.otlp-spans-json");
        assertThat(KafkaSources.inputTopics(c, "errors"))
                .containsExactly("vigil.errors", "vigil.otlp-logs", "vigil.otlp-logs-json");
        assertThat(KafkaSources.inputTopics(c, "performance-metrics"))
                .containsExactly(
                        "vigil.performance-metrics",
                        "vigil.otlp-metrics",
                        "vigil.otlp-metrics-json",
                        "vigil.otlp-spans",
                        "vigil.otlp-spans-json");
        assertThat(KafkaSources.inputTopics(c, "business-events")).containsExactly("vigil.business-events");
    }

    @Test
    void aTopicUnderTwoFormatsOrAnUnknownFormatFailsValidationNamingTheKey() {
        assertThatThrownBy(() -> InputFormats.from(
                        config("kafka.topic-formats: [\"otel=otlp-proto:logs\", \"otel=otlp-json:logs\"]")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.topic-formats")
                .hasMessageContaining("otel is configured twice");
        assertThatThrownBy(() -> InputFormats.from(config("kafka.topic-formats: [\"otel=otlp-proto\"]")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("otlp-proto:SIGNAL");
        assertThatThrownBy(() -> InputFormats.from(config("kafka.topic-formats: [\"otel\"]")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOPIC=FORMAT");
    }

    @Test
    void aRequestWhoseMappingFailsUnforeseenIsDeadLetteredWholeWithNoneOfItsEventsEmitted() {
        try (OtlpExports svc = service()) {
            byte[] request = logs(svc, OtlpEncoding.PROTO, new Span[1]);
            RecordParser parser = RecordParser.of(config(FORMATS), "agent-logs");
            RecordParser.Counts counts = new RecordParser.Counts();
            List<ParsedRecord> out = new ArrayList<>();
            parser.read(request, NOW, "vigil.otlp-logs", 0, 5, counts, out::add);
            // the log is this job's; the exception's log is an error event, the errors job's
            assertThat(new Result(out, counts).events()).hasSize(1);
            assertThat(counts.otlpRecords).isEqualTo(2);
            assertThat(counts.routedElsewhere).isEqualTo(1);

            // a mapper that gets one record out, then fails as no test foresaw: the job must not stop on it
            RecordParser.OtlpMapper working = parser.otlpMapper;
            parser.otlpMapper = (req, records) -> {
                working.map(req, records);
                records.routedElsewhere();
                throw new IllegalStateException("card 4111 1111 1111 1111 in a message");
            };
            out.clear();
            parser.read(request, NOW, "vigil.otlp-logs", 0, 6, counts, out::add);
            assertThat(out).hasSize(1);
            assertThat(out.get(0).event).isNull();
            assertThat(out.get(0).deadLetter.reason).isEqualTo(DeadLetterReason.MALFORMED_OTLP);
            assertThat(out.get(0).deadLetter.detail)
                    .isEqualTo("the OTLP request could not be mapped (java.lang.IllegalStateException)");
            assertThat(out.get(0).deadLetter.sourceOffset).isEqualTo(6);
            assertThat(out.get(0).deadLetter.originalBytes).isEqualTo(request);
            assertThat(counts.otlpRecords)
                    .as("the request counts as one dead letter")
                    .isEqualTo(2);
            assertThat(counts.routedElsewhere).isEqualTo(1);

            parser.otlpMapper = working;
            out.clear();
            parser.read(request, NOW, "vigil.otlp-logs", 0, 7, counts, out::add);
            assertThat(new Result(out, counts).events())
                    .as("the next request is mapped as before")
                    .hasSize(1);
            assertThat(counts.otlpRecords).isEqualTo(4);
            assertThat(counts.routedElsewhere).isEqualTo(2);
        }
    }
}
