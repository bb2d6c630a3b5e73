package dev.vigil.jobs.alerting.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.runtime.detection.Alerts;
import dev.vigil.schema.event.Alert;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.util.MockStreamingRuntimeContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The poster against an in-process HTTP endpoint that holds requests until told to answer: at most
 * {@value AlertmanagerPoster#REQUESTS} requests in flight, alerts that wait go together (at most
 * {@value AlertmanagerPoster#MAX_BATCH} per request), every alert gets exactly one outcome, a refused
 * batch is posted again alert by alert so only the refused alert is dead-lettered, and a 503 is retried.
 */
class AlertmanagerPosterTest {
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicInteger unavailable = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private HttpServer alertmanager;

    private AlertmanagerPoster start() throws IOException {
        alertmanager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        alertmanager.setExecutor(threads);
        alertmanager.createContext("/api/v2/alerts", this::handle);
        alertmanager.start();
        AlertmanagerPoster poster = new AlertmanagerPoster(
                "http://127.0.0.1:" + alertmanager.getAddress().getPort() + "/",
                2,
                Duration.ofMillis(10),
                Duration.ofSeconds(10));
        poster.setRuntimeContext(new MockStreamingRuntimeContext(false, 1, 0));
        poster.open(DefaultOpenContext.INSTANCE);
        return poster;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(body);
        try {
            answer.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (body.contains("\"series\":\"flaky\"") && unavailable.getAndIncrement() == 0) {
            exchange.sendResponseHeaders(503, -1);
        } else if (body.contains("\"series\":\"bad\"")) {
            byte[] reason = "invalid label set: bad\nmore detail".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, reason.length);
            exchange.getResponseBody().write(reason);
        } else {
            exchange.sendResponseHeaders(200, -1);
        }
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (alertmanager != null) alertmanager.stop(0);
        threads.shutdownNow();
    }

    @Test
    void alertsThatWaitForARequestSlotGoTogetherAndEachGetsOneOutcome() throws Exception {
        AlertmanagerPoster poster = start();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 204; i++) outcomes.add(post(poster, "series-" + i));
        answer.countDown();
        for (Outcome o : outcomes)
            assertThat(o.done.get(10, TimeUnit.SECONDS).delivered).isTrue();

        // four alone (a request slot was free for each), then the 200 that waited: 64, 64, 64 and 8
        assertThat(bodies).hasSize(8);
        assertThat(bodies.stream()
                        .map(AlertmanagerPosterTest::alertsIn)
                        .sorted()
                        .toList())
                .containsExactly(1, 1, 1, 1, 8, 64, 64, 64);
        assertThat(outcomes).allMatch(o -> o.completions.get() == 1);
    }

    @Test
    void aRefusedBatchIsPostedAgainAlertByAlertAndOnlyTheRefusedAlertIsDeadLettered() throws Exception {
        AlertmanagerPoster poster = start();
        List<Outcome> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) held.add(post(poster, "held-" + i));
        Outcome good = post(poster, "good");
        Outcome bad = post(poster, "bad");
        Outcome other = post(poster, "other");
        answer.countDown();

        assertThat(good.done.get(10, TimeUnit.SECONDS).delivered).isTrue();
        assertThat(other.done.get(10, TimeUnit.SECONDS).delivered).isTrue();
        Delivery refused = bad.done.get(10, TimeUnit.SECONDS);
        assertThat(refused.delivered).isFalse();
        assertThat(refused.refused()).isTrue();
        assertThat(refused.refusal).isEqualTo("HTTP 400: invalid label set: bad");
        String refusedBody = new String(refused.refusedBody, StandardCharsets.UTF_8);
        assertThat(alertsIn(refusedBody)).isEqualTo(1);
        assertThat(refusedBody).contains("\"series\":\"bad\"");
        for (Outcome o : held)
            assertThat(o.done.get(10, TimeUnit.SECONDS).delivered).isTrue();
        // 4 held, the batch of three, then each of the three alone
        assertThat(bodies).hasSize(8);
        assertThat(List.of(good, bad, other, held.get(0))).allMatch(o -> o.completions.get() == 1);
    }

    @Test
    void anUnavailableAlertmanagerIsRetried() throws Exception {
        AlertmanagerPoster poster = start();
        answer.countDown();
        Delivery d = post(poster, "flaky").done.get(10, TimeUnit.SECONDS);
        assertThat(d.delivered).isTrue();
        assertThat(d.attempts).isEqualTo(2);
        assertThat(bodies).hasSize(2);
    }

    private static Outcome post(AlertmanagerPoster poster, String series) {
        Alert a = Alerts.firing("ErrorRateBreach", "warning", "checkout", series, 0, 60_000, 10, 4, "errors");
        a.startsAt = 60_000;
        Outcome o = new Outcome();
        poster.asyncInvoke(a, o);
        return o;
    }

    private static int alertsIn(String body) {
        return body.split("\"alertname\"", -1).length - 1;
    }

    /** One alert's result future: what it was completed with, and how often. */
    private static final class Outcome implements ResultFuture<Delivery> {
        final CompletableFuture<Delivery> done = new CompletableFuture<>();
        final AtomicInteger completions = new AtomicInteger();

        @Override
        public void complete(Collection<Delivery> result) {
            completions.incrementAndGet();
            done.complete(result.iterator().next());
        }

        @Override
        public void completeExceptionally(Throwable error) {
            completions.incrementAndGet();
            done.completeExceptionally(error);
        }
    }
}
