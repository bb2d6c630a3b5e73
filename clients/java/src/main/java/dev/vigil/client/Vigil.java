package dev.vigil.client;

import dev.vigil.client.context.RequestContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The library's entry point for what logging does not cover: business events, metrics and errors, each stamped
 * with the service's identity and, inside a request ({@link RequestContext}), its correlation and trace IDs.
 * One per service; close it on shutdown (it sends what is queued).
 *
 * <pre>{@code
 * Vigil vigil = Vigil.start(ClientSettings.builder().service("checkout").bootstrapServers("kafka:9092").build());
 * vigil.event("purchase").userId(user).value(new BigDecimal("42.50"), "EUR").property("plan", "pro").emit();
 * Vigil.Timer latency = vigil.timer("http.server.duration", "GET /cart");
 * latency.record(Duration.ofMillis(12));
 * vigil.counter("cart.items.added").increment(3);
 * vigil.gauge("queue.depth", queue::size);
 * vigil.error(e).httpStatus(500).emit();
 * }</pre>
 */
public final class Vigil implements AutoCloseable {
    private final Publisher publisher;

    private Vigil(Publisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Starts publishing with {@code settings}, through the publisher of appenders configured alike if there is one
     * ({@link Publisher#shared}); warnings go to standard error.
     */
    public static Vigil start(ClientSettings settings) {
        return start(settings, System.err::println);
    }

    public static Vigil start(ClientSettings settings, Consumer<String> warnings) {
        return new Vigil(Publisher.shared(settings, warnings));
    }

    /** A business event named {@code name} (signup, purchase...), to fill and {@code emit()}. */
    public BusinessEvent.Builder event(String name) {
        RequestContext c = RequestContext.current();
        return new BusinessEvent.Builder(
                this, new BusinessEvent(System.currentTimeMillis(), name, id(c), trace(c), span(c)));
    }

    /** An error report of {@code error}, severity error, to fill and {@code emit()}. */
    public ErrorReport.Builder error(Throwable error) {
        RequestContext c = RequestContext.current();
        return new ErrorReport.Builder(
                this,
                new ErrorReport(System.currentTimeMillis(), error, null, null, "error", id(c), trace(c), span(c)));
    }

    /** A timer: each {@link Timer#record} is one observation (a {@code timer} metric, in milliseconds). */
    public Timer timer(String name, String operation) {
        return new Timer(name, operation);
    }

    /** A monotonic counter, reported as its total every {@code metricInterval} (the jobs compute increases). */
    public Counter counter(String name) {
        Counter c = new Counter(name);
        publisher.every(() -> publisher.send(new MetricReading(
                System.currentTimeMillis(),
                name,
                MetricReading.Kind.COUNTER,
                c.total.sum(),
                null,
                null,
                null,
                null,
                null,
                null)));
        return c;
    }

    /** A gauge read every {@code metricInterval}; a reading that is not a finite number is skipped. */
    public void gauge(String name, DoubleSupplier reading) {
        publisher.every(() -> {
            double v = reading.getAsDouble();
            if (Double.isFinite(v)) {
                publisher.send(new MetricReading(
                        System.currentTimeMillis(),
                        name,
                        MetricReading.Kind.GAUGE,
                        v,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
            }
        });
    }

    /**
     * Sends a record that is already written (the contract's JSON from elsewhere, a replay, an OTLP export) to
     * {@code topic}, keyed by {@code key} (may be null), through the same queue and overflow policy as the library's
     * own events and counted with them. Not checked: the pipeline dead-letters what its parser refuses.
     */
    public boolean relay(String topic, String key, byte[] value) {
        if (topic == null || topic.isEmpty()) throw new IllegalArgumentException("relay needs a topic");
        if (value == null) throw new IllegalArgumentException("relay needs a value");
        return publisher.publish(new RelayedRecord(topic, key, value));
    }

    /** Queues any contract event (an appender's log entries go this way too). */
    public boolean publish(ContractEvent event) {
        return publisher.publish(event);
    }

    public Publisher publisher() {
        return publisher;
    }

    @Override
    public void close() {
        publisher.close();
    }

    private static String id(RequestContext c) {
        return c == null ? null : c.correlationId();
    }

    private static String trace(RequestContext c) {
        return c == null ? null : c.trace().traceId();
    }

    private static String span(RequestContext c) {
        return c == null ? null : c.trace().spanId();
    }

    /** Durations of one operation. */
    public final class Timer {
        private final String name;
        private final String operation;

        private Timer(String name, String operation) {
            this.name = name;
            this.operation = operation;
        }

        public boolean record(Duration duration) {
            return record(duration.toNanos() / 1e6, null);
        }

        /** One observation in milliseconds, with tags (String, Number or Boolean values) or null. */
        public boolean record(double millis, Map<String, Object> tags) {
            if (tags != null) tags.forEach(ContractJson::checkScalar);
            RequestContext c = RequestContext.current();
            return publisher.publish(new MetricReading(
                    System.currentTimeMillis(),
                    name,
                    MetricReading.Kind.TIMER,
                    millis,
                    "ms",
                    operation,
                    tags,
                    id(c),
                    trace(c),
                    span(c)));
        }
    }

    /** A monotonic total, lock-free to increment from any thread. */
    public static final class Counter {
        private final String name;
        private final LongAdder total = new LongAdder();

        private Counter(String name) {
            this.name = name;
        }

        public void increment() {
            total.increment();
        }

        public void increment(long n) {
            if (n < 0) throw new IllegalArgumentException(name + ": a counter only increases");
            total.add(n);
        }
    }
}
