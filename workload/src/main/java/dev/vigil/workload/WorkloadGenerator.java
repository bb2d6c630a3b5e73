package dev.vigil.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.workload.otlp.OtlpService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Synthetic but realistic traffic over a span of event time: multi-service requests sharing a
 * correlation ID, AI-agent sessions, signup-to-purchase funnels, latency timers, counters, resource
 * gauges, errors with stack frames, some PII in messages, a few malformed records, and three injected
 * incidents (an error spike, a latency regression, a conversion drop). Deterministic for a seed.
 */
public final class WorkloadGenerator {
    public static final String AGENT_LOGS = "agent-logs";
    public static final String BUSINESS_EVENTS = "business-events";
    public static final String PERFORMANCE_METRICS = "performance-metrics";
    public static final String ERRORS = "errors";

    /** Where records go: Kafka in the demo, a list in tests. Key is the correlation ID (or null). */
    public interface Sink {
        void send(String stream, String key, byte[] value);
    }

    private static final String[] COUNTRIES = {"DE", "US", "FR", "GB", "IN", "BR"};
    private static final String[] PLANS = {"free", "pro", "team"};
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP"};
    private static final String[] TOOLS = {
        "search_orders", "lookup_customer", "refund_payment", "send_email", "kb_search"
    };
    private static final String[] MODELS = {"gpt-4o-mini", "claude-haiku", "llama-3-8b"};

    static final int SPIKE_ERRORS = 40;

    private final WorkloadSpec spec;
    private final Sink sink;
    private final SplittableRandom random;
    private final JsonFactory json = new JsonFactory();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
    private final WorkloadStats stats = new WorkloadStats();
    /** The service that reports through OpenTelemetry instead of the contract, and its SDK; null for none. */
    private String otlpServiceName;

    private OtlpService otlp;
    /**
     * Events that lie ahead of the request being generated (a user's later funnel steps, an agent session's steps),
     * written when the workload's clock reaches them, as their producer would: written with the signup, 30 and 90 s
     * ahead, checkouts and purchases moved the watermark past the signups of the next 90 s, and the business-events job
     * (10 s out-of-orderness, 1 min allowed lateness) dropped about a fifth of the demo's signups as late; a looping
     * agent session's steps, up to 26 s ahead in the test's workload, did the same to 36 of the demo's request logs.
     */
    private final PriorityQueue<Scheduled> scheduled =
            new PriorityQueue<>(Comparator.comparingLong(Scheduled::at).thenComparingLong(Scheduled::order));

    private long scheduledCount;

    private record Scheduled(long at, long order, Runnable write) {}

    public WorkloadGenerator(WorkloadSpec spec, Sink sink) {
        this.spec = spec;
        this.sink = sink;
        this.random = new SplittableRandom(spec.seed);
    }

    /** Makes {@code service} report through the OpenTelemetry SDK (OTLP topics) instead of the contract. */
    public WorkloadGenerator reportingViaOtlp(String service, OtlpService sdk) {
        this.otlpServiceName = service;
        this.otlp = sdk;
        return this;
    }

    public WorkloadStats run() {
        long span = spec.endMillis - spec.startMillis;
        long spikeStart = spec.incidentStart(0.6);
        int spikeSent = 0;
        long nextReading = spec.startMillis;
        for (int r = 0; r < spec.requests; r++) {
            long t = spec.startMillis + (long) ((double) r / spec.requests * span);
            // The spike's errors and the 10 s readings go out in event-time order with the rest, as they would live:
            // written after every request instead, they would arrive behind the watermark and be dropped as late.
            while (spikeSent < SPIKE_ERRORS && spikeStart + spikeSent * 1000L <= t) spikeError(spikeStart, spikeSent++);
            for (; nextReading <= t; nextReading += 10_000) resourceAndCounters(nextReading);
            writeScheduledUntil(t);
            request(r, t);
            if (r % 5 == 0) funnel(r, t);
            if (r % 20 == 0) agentSession(r, t);
            writeScheduledUntil(t); // what lies at t itself (a session's first step)
        }
        for (; nextReading < spec.endMillis; nextReading += 10_000) resourceAndCounters(nextReading);
        writeScheduledUntil(Long.MAX_VALUE);
        while (spikeSent < SPIKE_ERRORS) spikeError(spikeStart, spikeSent++);
        malformed();
        if (otlp != null) {
            otlp.flush();
            stats.otlpLogRecords = otlp.logRecords;
            stats.otlpSpans = otlp.spans;
            stats.otlpMetricPoints = otlp.metricPoints;
            stats.otlpRequests = otlp.exportRequests;
        }
        return stats;
    }

    /** One user request: gateway, then checkout + payments + inventory, or search. */
    private void request(int r, long t) {
        String correlationId = spec.idPrefix("req") + String.format(Locale.ROOT, "%08x", spec.seed * 1_000_003L + r);
        String traceId = hex(32);
        boolean buy = random.nextInt(3) == 0;
        String[] hops = buy
                ? new String[] {"gateway", "checkout", "payments", "inventory"}
                : new String[] {"gateway", "search"};
        long at = t;
        for (String service : hops) {
            double latency = latencyMs(service, at);
            String operation = operationOf(service);
            String level = random.nextInt(10) == 0 ? "debug" : "info";
            String message = String.format(Locale.ROOT, "%s handled in %.1f ms", operation, latency);
            if (random.nextInt(50) == 0) message += " for customer " + email();
            if (service.equals(otlpServiceName)) {
                String spanId = hex(16);
                otlp.log(at, correlationId, traceId, spanId, level, message);
                otlp.span(at, operation, latency, correlationId, traceId, hex(16));
                if (random.nextInt(100) == 0)
                    otlp.error(
                            at,
                            correlationId,
                            traceId,
                            "java.lang.IllegalStateException",
                            "inventory count for sku " + random.nextInt(100_000) + " went negative",
                            operation);
                at += (long) latency;
                continue;
            }
            log(at, service, correlationId, traceId, level, message, null);
            timer(at, service, operation, latency, correlationId);
            if (random.nextInt(100) == 0)
                error(
                        at,
                        service,
                        correlationId,
                        traceId,
                        "java.lang.IllegalStateException",
                        "inventory count for sku " + random.nextInt(100_000) + " went negative",
                        operation);
            at += (long) latency;
        }
    }

    /** Latency in ms by service; search regresses 4x in the last quarter of the span (an injected incident). */
    private double latencyMs(String service, long at) {
        double median = switch (service) {
            case "gateway" -> 4;
            case "payments" -> 120;
            case "search" -> 35;
            default -> 20;
        };
        double value = median * Math.exp(0.35 * gaussian());
        if (service.equals("search") && at >= spec.incidentStart(0.75)) {
            stats.latencyRegressionEvents++;
            value *= 4;
        }
        return Math.round(value * 10) / 10.0;
    }

    private void writeScheduledUntil(long t) {
        while (!scheduled.isEmpty() && scheduled.peek().at() <= t)
            scheduled.poll().write().run();
    }

    private void schedule(long at, Runnable write) {
        scheduled.add(new Scheduled(at, scheduledCount++, write));
    }

    /** signup, checkout_started, purchase; purchases collapse to 5% in the last fifth (conversion drop). */
    private void funnel(int r, long t) {
        String userKey = (spec.seed % 1000) + "-" + r;
        String user = spec.idPrefix("u") + userKey;
        String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String plan = PLANS[random.nextInt(PLANS.length)];
        business(t, "signup", user, null, null, country, plan, null);
        if (random.nextInt(10) < 6) {
            // the product feature used (business_features_base), from the user rather than the random stream, so every
            // other record stays as it was
            String checkout = plan.equals("free") ? "cart" : "express-checkout";
            schedule(
                    t + 30_000,
                    () -> business(t + 30_000, "checkout_started", user, null, null, country, plan, checkout));
            boolean dropped = t >= spec.incidentStart(0.8);
            if (dropped) stats.conversionDropFunnels++;
            if (random.nextInt(100) < (dropped ? 5 : 60)) {
                double value = Math.round((10 + random.nextDouble() * 190) * 100) / 100.0;
                String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
                // from the user's ID without the run tag, so that a tag changes IDs only
                String payment = (("u-" + userKey).hashCode() & 1) == 0 ? "saved-card" : "new-card";
                schedule(
                        t + 90_000,
                        () -> business(t + 90_000, "purchase", user, value, currency, country, plan, payment));
            }
        }
    }

    private void agentSession(int r, long t) {
        String agent = "support-bot-" + (r % 3);
        String session = spec.idPrefix("sess") + spec.seed + "-" + r;
        String correlationId = "agent-" + session;
        String model = MODELS[random.nextInt(MODELS.length)];
        int steps = 3 + random.nextInt(6);
        boolean loops = r % 200 == 0; // an agent stuck retrying one tool
        long at = t;
        for (int step = 1; step <= steps + (loops ? 6 : 0); step++) {
            String tool = loops && step > 2 ? "refund_payment" : TOOLS[random.nextInt(TOOLS.length)];
            long tokensIn = 200 + random.nextInt(1500);
            long tokensOut = 20 + random.nextInt(400);
            double duration = Math.round((300 + random.nextDouble() * 2500) * 10) / 10.0;
            String outcome = loops && step > 2 ? "retry" : (random.nextInt(25) == 0 ? "failure" : "success");
            long stepNo = step;
            long stepAt = at;
            schedule(
                    stepAt,
                    () -> write(AGENT_LOGS, correlationId, g -> {
                        envelope(g, "agent_log", stepAt, "support-agent", correlationId, null);
                        g.writeStringField("level", outcome.equals("failure") ? "warn" : "info");
                        g.writeStringField("logger", "agent.runtime");
                        g.writeStringField("message", "step finished: " + tool + " -> " + outcome);
                        g.writeStringField("agent_id", agent);
                        g.writeStringField("session_id", session);
                        g.writeNumberField("step", stepNo);
                        g.writeStringField("tool", tool);
                        g.writeStringField("model", model);
                        g.writeNumberField("tokens_in", tokensIn);
                        g.writeNumberField("tokens_out", tokensOut);
                        g.writeNumberField("cost", Math.round((tokensIn * 0.15 + tokensOut * 0.6) / 1000.0) / 1000.0);
                        g.writeNumberField("duration_ms", duration);
                        g.writeStringField("outcome", outcome);
                    }));
            stats.agentSteps++;
            at += (long) duration;
        }
    }

    private void resourceAndCounters(long t) {
        for (String service : new String[] {"gateway", "checkout", "payments", "search", "inventory"}) {
            if (service.equals(otlpServiceName)) {
                otlp.metrics(
                        t,
                        (t - spec.startMillis) / 100 + random.nextInt(10),
                        Math.round(random.nextDouble() * 900) / 10.0);
                continue;
            }
            for (int instance = 1; instance <= 2; instance++) {
                String inst = service + "-" + instance;
                write(PERFORMANCE_METRICS, null, g -> {
                    envelope(g, "performance_metric", t, service, null, inst);
                    g.writeStringField("name", "process.resources");
                    g.writeStringField("kind", "gauge");
                    g.writeNumberField("value", 1);
                    g.writeObjectFieldStart("resource");
                    g.writeNumberField("cpu_percent", Math.round(random.nextDouble() * 900) / 10.0);
                    g.writeNumberField("memory_bytes", 200_000_000L + random.nextInt(300_000_000));
                    g.writeNumberField("queue_depth", random.nextInt(50));
                    g.writeEndObject();
                });
                stats.metrics++;
            }
            long total = (t - spec.startMillis) / 100 + random.nextInt(10);
            write(PERFORMANCE_METRICS, null, g -> {
                envelope(g, "performance_metric", t, service, null, service + "-1");
                g.writeStringField("name", "http.server.requests");
                g.writeStringField("kind", "counter");
                g.writeNumberField("value", total);
            });
            stats.metrics++;
        }
    }

    /** One of 40 identical payment timeouts, a second apart, from 60% of the span. */
    private void spikeError(long start, int i) {
        error(
                start + i * 1000L,
                "payments",
                spec.idPrefix("spike") + i,
                hex(32),
                "java.net.SocketTimeoutException",
                "Read timed out after 3000 ms calling psp-" + (i % 3) + ".example.net",
                "POST /api/pay");
        stats.errorSpikeEvents++;
    }

    /** Records that must end in the dead-letter topic, one per kind of breakage. */
    private void malformed() {
        long t = spec.startMillis + 1000;
        byte[][] bad = {
            "{\"type\":\"agent_log\",\"timestamp\":\"".getBytes(StandardCharsets.UTF_8),
            ("{\"type\":\"agent_log\",\"timestamp\":" + t + ",\"level\":\"info\",\"message\":\"no service\"}")
                    .getBytes(StandardCharsets.UTF_8),
            ("{\"type\":\"agent_log\",\"timestamp\":\"yesterday\",\"service\":\"gateway\",\"level\":\"info\",\"message\":\"m\"}")
                    .getBytes(StandardCharsets.UTF_8),
            {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'},
            ("{\"type\":\"agent_logs\",\"timestamp\":" + t
                            + ",\"service\":\"gateway\",\"level\":\"info\",\"message\":\"m\"}")
                    .getBytes(StandardCharsets.UTF_8),
        };
        for (byte[] b : bad) {
            sink.send(AGENT_LOGS, null, b);
            stats.malformed++;
        }
    }

    // ---- event writers --------------------------------------------------------------------------

    private void log(
            long t, String service, String correlationId, String traceId, String level, String message, String logger) {
        write(AGENT_LOGS, correlationId, g -> {
            envelope(g, "agent_log", t, service, correlationId, service + "-" + (1 + random.nextInt(2)));
            g.writeStringField("trace_id", traceId);
            g.writeStringField("span_id", hex(16));
            g.writeStringField("level", level);
            g.writeStringField("logger", logger == null ? service + ".http" : logger);
            g.writeStringField("message", message);
        });
        stats.logs++;
    }

    private void timer(long t, String service, String operation, double latency, String correlationId) {
        write(PERFORMANCE_METRICS, correlationId, g -> {
            envelope(g, "performance_metric", t, service, correlationId, service + "-1");
            g.writeStringField("name", "http.server.duration");
            g.writeStringField("kind", "timer");
            g.writeNumberField("value", latency);
            g.writeStringField("unit", "ms");
            g.writeStringField("operation", operation);
            g.writeObjectFieldStart("tags");
            g.writeStringField("status", latency > 1000 ? "504" : "200");
            g.writeEndObject();
        });
        stats.metrics++;
    }

    private void error(
            long t,
            String service,
            String correlationId,
            String traceId,
            String type,
            String message,
            String operation) {
        write(ERRORS, correlationId, g -> {
            envelope(g, "error", t, service, correlationId, service + "-1");
            g.writeStringField("trace_id", traceId);
            g.writeStringField("error_type", type);
            g.writeStringField("message", message);
            g.writeBooleanField("handled", false);
            g.writeStringField("severity", "error");
            g.writeNumberField("http_status", 500);
            g.writeStringField("operation", operation);
            g.writeArrayFieldStart("frames");
            frame(g, "com.shop." + service, "Handler.handle", "Handler.java", 40 + service.length(), true);
            frame(g, "com.shop." + service, "Service.process", "Service.java", 120, true);
            frame(g, "org.springframework.web", "FrameworkServlet.service", "FrameworkServlet.java", 883, false);
            g.writeEndArray();
        });
        stats.errors++;
    }

    private void business(
            long t,
            String name,
            String user,
            Double value,
            String currency,
            String country,
            String plan,
            String feature) {
        write(BUSINESS_EVENTS, user, g -> {
            envelope(g, "business_event", t, "shop", "funnel-" + user, null);
            g.writeStringField("name", name);
            g.writeStringField("user_id", user);
            if (feature != null) g.writeStringField("feature", feature);
            if (value != null) {
                g.writeNumberField("value", value);
                g.writeStringField("currency", currency);
            }
            g.writeObjectFieldStart("properties");
            g.writeStringField("country", country);
            g.writeStringField("plan", plan);
            g.writeStringField("app_version", "3." + (user.hashCode() & 3) + ".0");
            g.writeEndObject();
        });
        stats.business++;
    }

    private static void frame(JsonGenerator g, String module, String function, String file, int line, boolean inApp)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("module", module);
        g.writeStringField("function", function);
        g.writeStringField("file", file);
        g.writeNumberField("line", line);
        g.writeBooleanField("in_app", inApp);
        g.writeEndObject();
    }

    private void envelope(JsonGenerator g, String type, long t, String service, String correlationId, String instance)
            throws IOException {
        g.writeStringField("type", type);
        g.writeStringField("timestamp", java.time.Instant.ofEpochMilli(t).toString());
        g.writeStringField("service", service);
        g.writeStringField("environment", "demo");
        if (instance != null) g.writeStringField("instance", instance);
        if (correlationId != null) g.writeStringField("correlation_id", correlationId);
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private void write(String stream, String key, Body body) {
        buffer.reset();
        try (JsonGenerator g = json.createGenerator(buffer)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sink.send(stream, key, buffer.toByteArray());
    }

    private String operationOf(String service) {
        return switch (service) {
            case "gateway" -> "GET /";
            case "checkout" -> "POST /api/checkout";
            case "payments" -> "POST /api/pay";
            case "inventory" -> "PUT /api/stock";
            default -> "GET /api/search";
        };
    }

    private String email() {
        return "customer" + random.nextInt(1000) + "@example.com";
    }

    private String hex(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(Character.forDigit(random.nextInt(16), 16));
        if (sb.charAt(0) == '0') sb.setCharAt(0, 'a');
        return sb.toString();
    }

    private double gaussian() {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
