package dev.vigil.workload.otlp;

import dev.vigil.schema.otlp.OtlpEncoding;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One workload service that reports through the OpenTelemetry SDK instead of Vigil's contract, as a service with a
 * Collector in front of Vigil would: logs and errors as OTLP log records (protobuf), request handling as server spans
 * (OTLP/JSON), request counts, request durations (a histogram per route, as OpenTelemetry's HTTP instrumentations
 * report them) and CPU as OTLP metrics (protobuf, delta). The workload's event times are in the past,
 * so log and span times are given explicitly and metric points are stamped by a clock the workload sets.
 */
public final class OtlpService implements AutoCloseable {
    public static final String LOGS_TOPIC = "otlp-logs";
    public static final String SPANS_TOPIC = "otlp-spans";
    public static final String METRICS_TOPIC = "otlp-metrics";
    /** Request durations' bucket bounds in seconds, as the semantic conventions advise for them. */
    private static final List<Double> SECONDS_BOUNDS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    /** Where export requests go: a topic (without the prefix) and the request's bytes. */
    public interface Sink {
        void send(String topic, byte[] request);
    }

    private final Sink sink;
    private final String scope;
    private final SettableClock clock = new SettableClock();
    private final OtlpExports exports;
    private final LongCounter requests;
    private final DoubleGauge cpu;
    private final DoubleHistogram duration;
    /** Routes with a duration since the last export: one histogram point each. */
    private final Set<String> durationRoutes = new HashSet<>();

    private long lastTotal = -1;
    private int pending;
    public long logRecords;
    public long spans;
    public long metricPoints;
    public long exportRequests;

    public OtlpService(String service, String environment, Sink sink) {
        this.sink = sink;
        this.scope = service + ".http";
        this.exports = new OtlpExports(
                Attributes.builder()
                        .put("service.name", service)
                        .put("deployment.environment.name", environment)
                        .put("service.instance.id", service + "-1")
                        .build(),
                AggregationTemporality.DELTA,
                clock);
        requests =
                exports.meter("workload").counterBuilder("http.server.requests").build();
        cpu = exports.meter("workload")
                .gaugeBuilder("process.cpu.utilization")
                .setUnit("%")
                .build();
        duration = exports.meter("workload")
                .histogramBuilder("http.server.request.duration")
                .setUnit("s")
                // the SDK's default bounds (0 to 10,000) suit ms
                .setExplicitBucketBoundariesAdvice(SECONDS_BOUNDS)
                .build();
    }

    /** A log line inside the request's trace. */
    public void log(long t, String correlationId, String traceId, String spanId, String level, String message) {
        LogRecordBuilder b = exports.logger(scope)
                .logRecordBuilder()
                .setTimestamp(Instant.ofEpochMilli(t))
                .setSeverity(severity(level))
                .setSeverityText(level.toUpperCase(java.util.Locale.ROOT))
                .setBody(message)
                .setContext(context(traceId, spanId))
                .setAttribute(AttributeKey.stringKey("correlation_id"), correlationId);
        b.emit();
        logRecords++;
        sent();
    }

    /** The server span of handling one request, a child of the caller's span in the same trace. */
    public void span(
            long t, String operation, double latencyMs, String correlationId, String traceId, String parentId) {
        Span s = exports.tracer(scope)
                .spanBuilder(operation)
                .setSpanKind(SpanKind.SERVER)
                .setParent(context(traceId, parentId))
                .setStartTimestamp(TimeUnit.MILLISECONDS.toNanos(t), TimeUnit.NANOSECONDS)
                .setAttribute("correlation_id", correlationId)
                .setAttribute("http.response.status_code", latencyMs > 1000 ? 504L : 200L)
                .startSpan();
        if (latencyMs > 1000) s.setStatus(StatusCode.ERROR, "gateway timeout");
        s.end(TimeUnit.MILLISECONDS.toNanos(t) + (long) (latencyMs * 1_000_000), TimeUnit.NANOSECONDS);
        int space = operation.indexOf(' '); // "GET /api/search": the semantic conventions' method and route
        duration.record(
                latencyMs / 1000,
                Attributes.of(
                        AttributeKey.stringKey("http.request.method"),
                        operation.substring(0, space),
                        AttributeKey.stringKey("http.route"),
                        operation.substring(space + 1)));
        durationRoutes.add(operation);
        spans++;
        sent();
    }

    /** An exception logged with the semantic conventions' exception attributes and a Java stack trace. */
    public void error(long t, String correlationId, String traceId, String type, String message, String operation) {
        exports.logger(scope)
                .logRecordBuilder()
                .setTimestamp(Instant.ofEpochMilli(t))
                .setSeverity(Severity.ERROR)
                .setBody(message)
                .setContext(context(traceId, "00f067aa0ba902b7"))
                .setAttribute(AttributeKey.stringKey("correlation_id"), correlationId)
                .setAttribute(AttributeKey.stringKey("exception.type"), type)
                .setAttribute(AttributeKey.stringKey("exception.message"), message)
                .setAttribute(
                        AttributeKey.stringKey("exception.stacktrace"),
                        type + ": " + message + "\n"
                                + "\tat com.shop." + scope.replace(".http", "") + ".Handler.handle(Handler.java:49)\n"
                                + "\tat com.shop." + scope.replace(".http", "") + ".Service.process(Service.java:120)\n"
                                + "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:883)\n")
                .setAttribute(AttributeKey.stringKey("http.route"), operation)
                .emit();
        logRecords++;
        sent();
    }

    /**
     * The request counter's total, a CPU reading and the request durations since the last export, at {@code t}:
     * exported at once, stamped {@code t}.
     */
    public void metrics(long t, long requestTotal, double cpuPercent) {
        clock.millis = t;
        boolean increase = lastTotal >= 0 && requestTotal >= lastTotal;
        if (increase) requests.add(requestTotal - lastTotal);
        lastTotal = requestTotal;
        cpu.set(cpuPercent);
        byte[] request = exports.metrics(OtlpEncoding.PROTO);
        if (request != null) {
            sink.send(METRICS_TOPIC, request);
            exportRequests++;
            metricPoints += (increase ? 2 : 1) + durationRoutes.size();
        }
        durationRoutes.clear();
    }

    /** Sends what is batched: as a Collector's batch processor would, a request per 200 records or at the end. */
    public void flush() {
        byte[] logs = exports.logs(OtlpEncoding.PROTO);
        if (logs != null) {
            sink.send(LOGS_TOPIC, logs);
            exportRequests++;
        }
        byte[] traces = exports.traces(OtlpEncoding.JSON);
        if (traces != null) {
            sink.send(SPANS_TOPIC, traces);
            exportRequests++;
        }
        pending = 0;
    }

    private void sent() {
        if (++pending >= 200) flush();
    }

    private static Context context(String traceId, String spanId) {
        return Context.root()
                .with(Span.wrap(SpanContext.createFromRemoteParent(
                        traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault())));
    }

    private static Severity severity(String level) {
        return switch (level) {
            case "debug" -> Severity.DEBUG;
            case "warn" -> Severity.WARN;
            case "error" -> Severity.ERROR;
            default -> Severity.INFO;
        };
    }

    @Override
    public void close() {
        flush();
        exports.close();
    }

    /** A clock the workload sets to each metric point's event time. */
    private static final class SettableClock implements Clock {
        volatile long millis = System.currentTimeMillis();

        @Override
        public long now() {
            return TimeUnit.MILLISECONDS.toNanos(millis);
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }
    }
}
