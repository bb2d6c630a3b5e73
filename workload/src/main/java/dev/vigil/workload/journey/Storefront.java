package dev.vigil.workload.journey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.client.Vigil;
import dev.vigil.client.context.RequestContext;
import dev.vigil.client.http.VigilHttp;
import dev.vigil.client.log4j2.VigilAppender;
import dev.vigil.workload.Log4jLoggers;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.apache.logging.log4j.Logger;

/**
 * The Java half of the demo's cross-service journey: a storefront that takes {@code POST /checkout/{order}} and
 * charges the order through the payments service (the NestJS example, {@code examples/nestjs-payments}). It uses
 * the Java producer library the way a service would: the request's context from its headers, log lines through
 * the log4j2 appender, a business event and a timer through the API, and the IDs passed on to payments with the
 * {@link VigilHttp} hook.
 */
public final class Storefront implements AutoCloseable {
    private static final String LOGGER = "shop.storefront.Checkout";

    private final Vigil vigil;
    private final URI payments;
    private final HttpServer server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Logger log;
    private final Vigil.Timer latency;

    /** Starts on 127.0.0.1 at an ephemeral port; {@code vigil} is the storefront's own (service "storefront"). */
    public Storefront(Vigil vigil, URI payments) throws IOException {
        this.vigil = vigil;
        this.payments = payments;
        // how a service's log4j2.xml would name the appender
        this.log = Log4jLoggers.writingOnlyTo(LOGGER, VigilAppender.of("vigil-storefront", vigil.publisher()));
        this.latency = vigil.timer("http.server.duration", "POST /checkout");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/checkout/", this::checkout);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void checkout(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        try (RequestContext.Scope scope = RequestContext.fromHeaders(
                exchange.getRequestHeaders().getFirst(RequestContext.CORRELATION_HEADER),
                exchange.getRequestHeaders().getFirst("traceparent"))) {
            String order = exchange.getRequestURI().getPath().substring("/checkout/".length());
            BigDecimal amount = new BigDecimal("42.50");
            log.info("checkout started for order {}", order);
            int status;
            try {
                HttpResponse<String> charged = http.send(
                        VigilHttp.propagate(HttpRequest.newBuilder(payments.resolve("/payments")))
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(String.format(
                                        Locale.ROOT,
                                        "{\"orderId\":\"%s\",\"amount\":%s,\"currency\":\"EUR\"}",
                                        order,
                                        amount.toPlainString())))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                status = charged.statusCode() < 300 ? 200 : 502;
                if (status == 200) {
                    log.info("order {} paid", order);
                    vigil.event("checkout_completed")
                            .value(amount, "EUR")
                            .property("order", order)
                            .emit();
                } else {
                    log.warn("payments answered {} for order {}", charged.statusCode(), order);
                }
            } catch (IOException e) {
                log.error("payments unreachable for order " + order, e);
                status = 503;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 503;
            }
            exchange.getResponseHeaders()
                    .add(
                            RequestContext.CORRELATION_HEADER,
                            RequestContext.current().correlationId());
            exchange.sendResponseHeaders(status, -1);
            latency.record(Duration.ofNanos(System.nanoTime() - start));
        } finally {
            drain(exchange.getRequestBody());
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(java.io.OutputStream.nullOutputStream());
    }
}
