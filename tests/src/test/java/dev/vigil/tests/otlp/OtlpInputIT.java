package dev.vigil.tests.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.jobs.agentlogs.AgentLogsMain;
import dev.vigil.jobs.errors.ErrorsMain;
import dev.vigil.jobs.metrics.PerformanceMetricsMain;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.schema.otlp.OtlpEncoding;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.MiniClusterRun;
import dev.vigil.tests.stack.SearchHits;
import dev.vigil.tests.stack.SqlRows;
import dev.vigil.tests.stack.TestJobConfig;
import dev.vigil.workload.otlp.OtlpExports;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTLP from the OpenTelemetry Java SDK's own encoders, as a Collector's Kafka exporter writes it (logs as protobuf,
 * spans as OTLP/JSON, metrics as protobuf), through the agent-logs, errors and performance-metrics jobs on the real
 * stack: mapped fields land in Elasticsearch and TimescaleDB exactly; a corrupt request is dead-lettered whole. The
 * jobs find the OTLP topics from kafka.topic-formats alone.
 */
class OtlpInputIT {
    private static final String FORMATS = "kafka.topic-formats: [\"otlp-logs=otlp-proto:logs\", "
            + "\"otlp-spans=otlp-json:traces\", \"otlp-metrics=otlp-proto:metrics\"]\n";

    @Test
    void logsSpansAndMetricsFromTheSdkLandMappedInEverySink(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "otlp" + run + ".";
        String frontend = "otel-fe-" + run;
        String checkout = "otel-co-" + run;
        long t0 = (System.currentTimeMillis() - 120_000) / 10_000 * 10_000;

        OtlpExports fe = new OtlpExports(Attributes.builder()
                .put("service.name", frontend)
                .put("deployment.environment.name", "it")
                .build());
        OtlpExports co = new OtlpExports(Attributes.builder()
                .put("service.name", checkout)
                .put("deployment.environment.name", "it")
                .put("host.name", "co-host-1")
                .build());
        // One request across two services: frontend's server span, checkout's server span as its child.
        Span root = fe.tracer("http")
                .spanBuilder("GET /cart")
                .setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(t0 + 1000, TimeUnit.MILLISECONDS)
                .startSpan();
        Span child = co.tracer("http")
                .spanBuilder("POST /checkout")
                .setSpanKind(SpanKind.SERVER)
                .setParent(Context.root().with(root))
                .setStartTimestamp(t0 + 1200, TimeUnit.MILLISECONDS)
                .startSpan();
        String traceId = root.getSpanContext().getTraceId();
        co.logger("com.shop.Checkout")
                .logRecordBuilder()
                .setTimestamp(Instant.ofEpochMilli(t0 + 1300))
                .setSeverity(Severity.WARN)
                .setBody("stock low for sku-9")
                .setContext(Context.root().with(child))
                .setAttribute(AttributeKey.stringKey("sku"), "sku-9")
                .emit();
        co.logger("com.shop.Checkout")
                .logRecordBuilder()
                .setTimestamp(Instant.ofEpochMilli(t0 + 1400))
                .setSeverity(Severity.ERROR)
                .setBody("charge failed")
                .setContext(Context.root().with(child))
                .setAttribute(AttributeKey.stringKey("exception.type"), "java.net.SocketTimeoutException")
                .setAttribute(AttributeKey.stringKey("exception.message"), "Read timed out")
                .setAttribute(
                        AttributeKey.stringKey("exception.stacktrace"),
                        "java.net.SocketTimeoutException: Read timed out\n"
                                + "\tat com.shop.pay.Gateway.charge(Gateway.java:88)\n"
                                + "\tat com.shop.checkout.Checkout.run(Checkout.java:42)\n")
                .emit();
        child.end(t0 + 1700, TimeUnit.MILLISECONDS);
        root.end(t0 + 1900, TimeUnit.MILLISECONDS);
        co.meter("m")
                .counterBuilder("orders.placed")
                .build()
                .add(3, Attributes.builder().put("region", "eu").build());
        co.meter("m")
                .counterBuilder("orders.placed")
                .build()
                .add(4, Attributes.builder().put("region", "eu").build());
        co.meter("m")
                .histogramBuilder("cart.value")
                .setUnit("EUR")
                .setExplicitBucketBoundariesAdvice(List.of(10.0, 100.0))
                .build()
                .record(42);
        // an HTTP instrumentation's request durations: method and route name the operation, as they name its span
        co.meter("m")
                .histogramBuilder("http.server.request.duration")
                .setUnit("s")
                .build()
                .record(
                        0.5,
                        Attributes.builder()
                                .put("http.request.method", "POST")
                                .put("http.route", "/checkout")
                                .build());

        // A service on the SDKs' default temporality: cumulative histograms, reported twice.
        String cumulative = "otel-cu-" + run;
        OtlpExports cu = new OtlpExports(
                Attributes.builder().put("service.name", cumulative).build(),
                io.opentelemetry.sdk.metrics.data.AggregationTemporality.CUMULATIVE);
        io.opentelemetry.api.metrics.DoubleHistogram wait = cu.meter("m")
                .histogramBuilder("queue.wait")
                .setExplicitBucketBoundariesAdvice(List.of(10.0, 100.0))
                .build();
        wait.record(5);
        byte[] firstReport = cu.metrics(OtlpEncoding.PROTO);
        wait.record(50);
        wait.record(500);
        byte[] secondReport = cu.metrics(OtlpEncoding.PROTO);
        cu.close();

        byte[] corrupt = {0x0a, 0x7f, 0x01};
        // a record in the wrong format: the JSON contract on an OTLP topic
        byte[] contractJson = ("{\"type\":\"agent_log\",\"timestamp\":" + (t0 + 1000) + ",\"service\":\"" + checkout
                        + "\",\"level\":\"info\",\"message\":\"m\"}")
                .getBytes(StandardCharsets.UTF_8);
        KafkaTopics.create(
                1,
                prefix + "agent-logs",
                prefix + "errors",
                prefix + "performance-metrics",
                prefix + "otlp-logs",
                prefix + "otlp-spans",
                prefix + "otlp-metrics",
                prefix + "dead-letters",
                prefix + "alerts");
        KafkaTopics.produce(prefix + "otlp-logs", List.of(co.logs(OtlpEncoding.PROTO), corrupt, contractJson));
        List<byte[]> spans = new ArrayList<>();
        spans.add(fe.traces(OtlpEncoding.JSON));
        spans.add(co.traces(OtlpEncoding.JSON));
        KafkaTopics.produce(prefix + "otlp-spans", spans);
        KafkaTopics.produce(
                prefix + "otlp-metrics", List.of(co.metrics(OtlpEncoding.PROTO), firstReport, secondReport));
        fe.close();
        co.close();

        String windows = "windows: {agent-logs: {size: 10s, out-of-orderness: 1s}, errors: {size: 10s, "
                + "out-of-orderness: 1s}, performance-metrics: {size: 10s, out-of-orderness: 1s}}\n"
                + "journeys: {gap: 30s}\n";
        // one config for the three jobs: kafka.topic-formats alone tells each which OTLP topics to read
        VigilConfig config = TestJobConfig.create(prefix, tmp, FORMATS + windows + "kafka.group-id: it-" + run);
        Map<String, Long> logsCounters = MiniClusterRun.run("it-otlp-logs-" + run, env -> {
            VigilEnvironment.configure(env, config, "agent-logs");
            AgentLogsMain.prepareStores(config);
            AgentLogsMain.job(config, true, Map.of()).build(env);
        });
        // A logs request, the corrupt one, the contract record and two span requests: 4 OTLP records (2 logs, 2 spans);
        // the error log and the spans' timers are left to the errors and performance-metrics jobs.
        assertThat(logsCounters)
                .containsEntry("received", 5L)
                .containsEntry("otlpRecords", 4L)
                .containsEntry("routedElsewhere", 3L)
                .containsEntry("processed", 3L)
                .containsEntry("deadLettered.MALFORMED_OTLP.records", 2L);

        Map<String, Long> errorsCounters = MiniClusterRun.run("it-otlp-errors-" + run, env -> {
            VigilEnvironment.configure(env, config, "errors");
            ErrorsMain.prepareStores(config);
            ErrorsMain.job(config, true, Map.of()).build(env);
        });
        assertThat(errorsCounters)
                .containsEntry("processed", 1L)
                .containsEntry("routedElsewhere", 1L)
                .containsEntry("deadLettered.MALFORMED_OTLP.records", 2L);

        Map<String, Long> metricsCounters = MiniClusterRun.run("it-otlp-metrics-" + run, env -> {
            VigilEnvironment.configure(env, config, "performance-metrics");
            PerformanceMetricsMain.job(config, true, Map.of()).build(env);
        });
        // three points (a delta sum, two delta histograms), two cumulative histogram reports and two span timers; the
        // spans' hops go to agent-logs
        assertThat(metricsCounters).containsEntry("processed", 7L).containsEntry("routedElsewhere", 2L);

        // Elasticsearch: the log with its mapped fields, the error with its frames, one journey across both services.
        JsonNode log = SearchHits.one(
                "vigil-logs-*",
                "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"service\":\"" + checkout
                        + "\"}},{\"term\":{\"level\":\"WARN\"}}]}}}");
        assertThat(log.get("message").asText()).isEqualTo("stock low for sku-9");
        assertThat(log.get("logger").asText()).isEqualTo("com.shop.Checkout");
        assertThat(log.get("environment").asText()).isEqualTo("it");
        assertThat(log.get("host").asText()).isEqualTo("co-host-1");
        assertThat(log.get("trace_id").asText()).isEqualTo(traceId);
        assertThat(log.get("span_id").asText()).isEqualTo(child.getSpanContext().getSpanId());
        assertThat(log.get("correlation_id").asText()).isEqualTo(traceId);
        assertThat(log.get("timestamp").asLong()).isEqualTo(t0 + 1300);
        assertThat(log.at("/attributes/sku").asText()).isEqualTo("sku-9");

        JsonNode error = SearchHits.one("vigil-errors-*", "{\"query\":{\"term\":{\"service\":\"" + checkout + "\"}}}");
        assertThat(error.get("error_type").asText()).isEqualTo("java.net.SocketTimeoutException");
        assertThat(error.get("message").asText()).isEqualTo("Read timed out");
        assertThat(error.get("trace_id").asText()).isEqualTo(traceId);
        assertThat(error.at("/frames/0/module").asText()).isEqualTo("com.shop.pay.Gateway");
        assertThat(error.at("/frames/0/line").asInt()).isEqualTo(88);
        assertThat(error.at("/frames/1/function").asText()).isEqualTo("run");

        JsonNode journey =
                SearchHits.one("vigil-journeys-*", "{\"query\":{\"term\":{\"correlation_id\":\"" + traceId + "\"}}}");
        assertThat(SearchHits.texts(journey.get("services"))).containsExactly(frontend, checkout);
        assertThat(journey.get("event_count").asLong())
                .as("two span hops and the warning")
                .isEqualTo(3);

        // TimescaleDB: the delta sum as an increase, the histogram's buckets, each span's duration as a timer.
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement()) {
            assertThat(SqlRows.rows(
                            s,
                            "SELECT name, tags, sum(delta), sum(resets) FROM metric_counters_base WHERE service = '"
                                    + checkout + "' GROUP BY name, tags"))
                    .containsExactly("orders.placed region=eu 7 0");
            assertThat(SqlRows.rows(
                            s,
                            "SELECT name, bounds, counts, total FROM metric_histograms_base WHERE service = '"
                                    + checkout + "' AND name = 'cart.value'"))
                    .containsExactly("cart.value {10,100,Infinity} {0,1,0} 1");
            assertThat(SqlRows.rows(
                            s,
                            "SELECT operation, total FROM metric_histograms_base WHERE service = '" + checkout
                                    + "' AND name = 'http.server.request.duration'"))
                    .containsExactly("POST /checkout 1");
            // the second report less the first: 50 and 500
            assertThat(SqlRows.rows(
                            s,
                            "SELECT name, bounds, counts, total FROM metric_histograms_base WHERE service = '"
                                    + cumulative + "'"))
                    .containsExactly("queue.wait {10,100,Infinity} {0,1,1} 2");
            assertThat(SqlRows.rows(
                            s,
                            "SELECT service, operation, count, max FROM metric_timings_base WHERE name = 'span.duration'"
                                    + " AND service IN ('" + frontend + "', '" + checkout + "') ORDER BY service"))
                    .containsExactly(checkout + " POST /checkout 1 500", frontend + " GET /cart 1 900");
        }

        List<ConsumerRecord<byte[], byte[]>> dead =
                KafkaTopics.readCommitted(prefix + "dead-letters", 4, Duration.ofSeconds(30));
        // the corrupt request and the contract record, once from each job that reads their topic, kept as they came
        assertThat(dead).hasSize(4);
        for (ConsumerRecord<byte[], byte[]> d : dead) {
            assertThat(new String(d.headers().lastHeader("vigil.reason").value(), StandardCharsets.UTF_8))
                    .isEqualTo("MALFORMED_OTLP");
        }
        assertThat(dead.stream().filter(d -> java.util.Arrays.equals(d.value(), corrupt)))
                .hasSize(2);
        assertThat(dead.stream().filter(d -> java.util.Arrays.equals(d.value(), contractJson)))
                .hasSize(2);
    }
}
