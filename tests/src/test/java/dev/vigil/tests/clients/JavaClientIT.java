package dev.vigil.tests.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.client.ClientSettings;
import dev.vigil.client.Overflow;
import dev.vigil.client.Vigil;
import dev.vigil.client.context.RequestContext;
import dev.vigil.client.http.VigilHttp;
import dev.vigil.client.log4j2.VigilAppender;
import dev.vigil.client.servlet.VigilServletFilter;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.workload.Log4jLoggers;
import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.servlet.FilterHolder;
import org.junit.jupiter.api.Test;

/**
 * The Java producer library against the real Kafka: two HTTP services (Jetty, with the library's Servlet filter),
 * one calling the other through {@code java.net.http.HttpClient} with the library's hook, each logging through
 * the log4j2 appender; the first also sends a business event and a timer through the API. Every record on the
 * topics is one the pipeline's parser accepts, and all of them carry the request's one correlation ID and one
 * trace ID. With Kafka unreachable, the application thread drops and counts instead of waiting.
 */
class JavaClientIT {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String logs = "it-client-logs-" + run;
    private final String errors = "it-client-errors-" + run;
    private final String business = "it-client-business-" + run;
    private final String metrics = "it-client-metrics-" + run;
    private final EventParser parser = new EventParser(new ParserLimits());

    @Test
    void aRequestAcrossTwoServicesReachesKafkaWithOneCorrelationId() throws Exception {
        KafkaTopics.create(2, logs, errors, business, metrics);
        VigilAppender checkoutLog = appender("checkout");
        VigilAppender paymentsLog = appender("payments");
        Logger checkoutLogger = Log4jLoggers.writingOnlyTo("it.client.checkout", checkoutLog);
        Logger paymentsLogger = Log4jLoggers.writingOnlyTo("it.client.payments", paymentsLog);
        Vigil vigil = Vigil.start(settings("checkout").build());
        Vigil.Timer latency = vigil.timer("http.server.duration", "POST /checkout");

        Javalin payments = server().post("/charge", ctx -> {
                    paymentsLogger.info("charging card for order {}", ctx.body());
                    paymentsLogger.error("card declined", new IllegalStateException("declined: insufficient funds"));
                    ctx.result("declined");
                })
                .start("127.0.0.1", 0);
        HttpClient http = HttpClient.newHttpClient();
        Javalin checkout = server().post("/checkout", ctx -> {
                    long start = System.nanoTime();
                    checkoutLogger.info("checkout started for cart {}", ctx.body());
                    vigil.event("checkout_started")
                            .userId("user-17")
                            .value(new BigDecimal("42.50"), "EUR")
                            .property("plan", "pro")
                            .emit();
                    HttpResponse<String> charged = http.send(
                            VigilHttp.propagate(HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + payments.port() + "/charge")))
                                    .POST(HttpRequest.BodyPublishers.ofString("order-9"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    latency.record(Duration.ofNanos(System.nanoTime() - start));
                    ctx.result(charged.body());
                })
                .start("127.0.0.1", 0);
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + checkout.port() + "/checkout"))
                            .POST(HttpRequest.BodyPublishers.ofString("cart-3"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } finally {
            checkout.stop();
            payments.stop();
            // closing sends what is queued
            vigil.close();
            checkoutLog.stop();
            paymentsLog.stop();
        }
        assertThat(response.body()).isEqualTo("declined");
        String correlationId =
                response.headers().firstValue(RequestContext.CORRELATION_HEADER).orElseThrow();

        List<Event> events = new ArrayList<>();
        events.addAll(read(logs, 2));
        events.addAll(read(errors, 1));
        events.addAll(read(business, 1));
        events.addAll(read(metrics, 1));
        assertThat(events).extracting(e -> e.correlationId).containsOnly(correlationId);
        assertThat(events).extracting(e -> e.traceId).doesNotContainNull().hasSameSizeAs(events);
        assertThat(events.stream().map(e -> e.traceId).distinct()).hasSize(1);
        assertThat(events)
                .extracting(e -> e.type + " " + e.service)
                .containsExactlyInAnyOrder(
                        "AGENT_LOG checkout",
                        "AGENT_LOG payments",
                        "ERROR payments",
                        "BUSINESS_EVENT checkout",
                        "PERFORMANCE_METRIC checkout");
        // each service has its own span of the one trace
        String checkoutSpan = spanOf(events, "checkout");
        String paymentsSpan = spanOf(events, "payments");
        assertThat(checkoutSpan).isNotEqualTo(paymentsSpan);
        Event error = events.stream()
                .filter(e -> e.type == EventType.ERROR)
                .findFirst()
                .orElseThrow();
        assertThat(error.error.errorType).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.error.message).isEqualTo("declined: insufficient funds");
        assertThat(error.error.frames[0].module).startsWith("dev.vigil.tests.clients.JavaClientIT");
        Event purchase = events.stream()
                .filter(e -> e.type == EventType.BUSINESS_EVENT)
                .findFirst()
                .orElseThrow();
        assertThat(purchase.business.value).isEqualTo(42.5);
        assertThat(purchase.business.currency).isEqualTo("EUR");
        assertThat(vigil.publisher().sent()).isEqualTo(2);
        assertThat(checkoutLog.publisher().sent()).isEqualTo(1);
        assertThat(paymentsLog.publisher().sent()).isEqualTo(2);
        assertThat(vigil.publisher().dropped()
                        + checkoutLog.publisher().dropped()
                        + paymentsLog.publisher().dropped())
                .isZero();
    }

    @Test
    void withKafkaUnreachableTheCallerDropsAndCountsInsteadOfWaiting() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        List<String> warnings = new CopyOnWriteArrayList<>();
        Vigil vigil = Vigil.start(
                ClientSettings.builder()
                        .service("checkout")
                        .bootstrapServers("127.0.0.1:" + closedPort)
                        .queueCapacity(100)
                        .kafka("max.block.ms", "2000")
                        .closeTimeout(Duration.ofSeconds(1))
                        .build(),
                warnings::add);
        int accepted = 0;
        for (int i = 0; i < 1000; i++) if (vigil.event("signup").emit()) accepted++;
        long dropped = vigil.publisher().dropped();
        assertThat(accepted + dropped).isEqualTo(1000);
        // the queue holds 128 (100, to the next power of two), and the publisher thread has taken at most one batch
        // of them to a send that waits
        assertThat(accepted).isBetween(128, 128 + 256);
        assertThat(warnings).hasSize(1).first().asString().contains("queue full (128 events)");
        vigil.close();
        assertThat(vigil.publisher().sent()).isZero();
        assertThat(vigil.publisher().failed()).isEqualTo(accepted); // every accepted event is accounted for
        assertThat(vigil.event("signup").emit()).as("closed: dropped").isFalse();
    }

    private List<Event> read(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaTopics.readCommitted(topic, expected, Duration.ofSeconds(30));
        assertThat(records).as(topic).hasSize(expected);
        List<Event> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            ParseOutcome o = parser.parse(r.value());
            assertThat(o.isValid()).as(() -> o.reason() + ": " + o.detail()).isTrue();
            assertThat(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("keyed by correlation ID")
                    .isEqualTo(o.event().correlationId);
            out.add(o.event());
        }
        return out;
    }

    private static String spanOf(List<Event> events, String service) {
        List<String> spans = events.stream()
                .filter(e -> e.service.equals(service) && e.type != EventType.PERFORMANCE_METRIC)
                .map(e -> e.spanId)
                .distinct()
                .toList();
        assertThat(spans).as(service + " events share its span").hasSize(1);
        return spans.get(0);
    }

    private ClientSettings.Builder settings(String service) {
        return ClientSettings.builder()
                .service(service)
                .environment("it")
                .bootstrapServers(LocalStack.kafkaBootstrap())
                .overflow(Overflow.BLOCK)
                .topic("agent_log", logs)
                .topic("error", errors)
                .topic("business_event", business)
                .topic("performance_metric", metrics);
    }

    private VigilAppender appender(String service) {
        VigilAppender a = VigilAppender.create(
                "vigil-" + service + "-" + run,
                service,
                "it",
                null,
                LocalStack.kafkaBootstrap(),
                null,
                logs,
                errors,
                1024,
                "BLOCK",
                null);
        a.start();
        return a;
    }

    private static Javalin server() {
        return Javalin.create(c -> c.jetty.modifyServletContextHandler(h ->
                h.addFilter(new FilterHolder(new VigilServletFilter()), "/*", EnumSet.of(DispatcherType.REQUEST))));
    }
}
