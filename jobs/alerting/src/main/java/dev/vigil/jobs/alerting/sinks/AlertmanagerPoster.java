package dev.vigil.jobs.alerting.sinks;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.schema.event.Alert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Posts alerts to Alertmanager's API v2 with async I/O: retries with doubling backoff on connection
 * errors, 5xx and 429; never fails the job. An alert whose attempts all fail is counted and left for
 * the lifecycle's next resend, so an Alertmanager outage neither loses alerts nor stalls the pipeline.
 * An alert Alertmanager refuses for its content (another 4xx) is marked in its {@link Delivery}, which
 * the job sends to the dead-letter topic with Alertmanager's answer.
 *
 * <p>At most {@value #REQUESTS} requests are in flight per subtask; alerts that arrive meanwhile wait and
 * go together in the next request (up to {@value #MAX_BATCH} per request, as Prometheus batches its
 * notifications). A lone alert is posted at once; a flood costs one request per batch, not per alert
 * (one request per alert cost this client about a millisecond of CPU on a 2-core VM, see
 * docs/performance.md). Alertmanager accepts the valid alerts of a batch it answers 400 to, so such a
 * batch is posted again one alert per request to tell which alert it refused.
 */
public class AlertmanagerPoster extends RichAsyncFunction<Alert, Delivery> {
    static final int REQUESTS = 4;
    static final int MAX_BATCH = 64;

    private final String url;
    private final int maxRetries;
    private final long backoffMillis;
    private final Duration requestTimeout;
    private transient HttpClient client;
    private transient Counter sent;
    private transient Counter failed;
    private transient Counter retried;
    private transient Counter requests;
    private transient Object lock;
    private transient ArrayDeque<Pending> waiting;
    private transient int inFlight;

    public AlertmanagerPoster(String alertmanagerUrl, int maxRetries, Duration backoff, Duration requestTimeout) {
        this.url = alertmanagerUrl.replaceAll("/+$", "") + "/api/v2/alerts";
        this.maxRetries = maxRetries;
        this.backoffMillis = backoff.toMillis();
        this.requestTimeout = requestTimeout;
    }

    public static AlertmanagerPoster from(VigilConfig config) {
        return new AlertmanagerPoster(
                config.get(VigilOptions.ALERTMANAGER_URL),
                config.get(VigilOptions.ALERT_MAX_RETRIES),
                Duration.ofMillis(config.get(VigilOptions.ALERT_RETRY_BACKOFF)),
                Duration.ofMillis(config.get(VigilOptions.ALERT_REQUEST_TIMEOUT)));
    }

    /** Longest one alert can take through all attempts: the async operator's timeout must exceed it. */
    public static Duration worstCase(VigilConfig config) {
        return worstCase(
                config.get(VigilOptions.ALERT_REQUEST_TIMEOUT),
                config.get(VigilOptions.ALERT_MAX_RETRIES),
                config.get(VigilOptions.ALERT_RETRY_BACKOFF));
    }

    /**
     * Three times one request's attempts, plus a margin: waiting for a request slot (the async operator holds at
     * most {@code IN_FLIGHT} alerts, fewer than the slots carry at once, so one round of requests at most), the
     * alert's own request, and its request alone again if Alertmanager refused its batch.
     */
    static Duration worstCase(long requestTimeoutMillis, int maxRetries, long backoffMillis) {
        long total = requestTimeoutMillis * (maxRetries + 1L);
        for (int i = 0; i < maxRetries; i++) total += backoffMillis << Math.min(i, 20);
        return Duration.ofMillis(3 * total + 1000);
    }

    @Override
    public void open(OpenContext ctx) {
        // HTTP/1.1: Alertmanager speaks no cleartext HTTP/2; the client would otherwise offer it an h2c upgrade
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .build();
        var group = getRuntimeContext().getMetricGroup().addGroup("vigil");
        sent = group.counter("alertsSent");
        failed = group.counter("alertsFailed");
        retried = group.counter("alertsRetried");
        requests = group.counter("alertmanagerRequests");
        lock = new Object();
        waiting = new ArrayDeque<>();
        inFlight = 0;
    }

    @Override
    public void asyncInvoke(Alert alert, ResultFuture<Delivery> result) {
        List<Pending> batch = null;
        synchronized (lock) {
            waiting.add(new Pending(alert, result));
            if (inFlight < REQUESTS) {
                inFlight++;
                batch = next();
            }
        }
        if (batch != null) post(batch, 1, true);
    }

    /** The next batch of waiting alerts; called holding the lock. */
    private List<Pending> next() {
        List<Pending> batch = new ArrayList<>(Math.min(MAX_BATCH, waiting.size()));
        while (batch.size() < MAX_BATCH && !waiting.isEmpty()) batch.add(waiting.poll());
        return batch;
    }

    /** A request slot is free again: the alerts that waited meanwhile go next, or the slot is given back. */
    private void released() {
        List<Pending> batch = null;
        synchronized (lock) {
            if (waiting.isEmpty()) inFlight--;
            else batch = next();
        }
        if (batch != null) post(batch, 1, true);
    }

    /** Posts {@code batch}; {@code slot} when it holds one of the request slots (the one-by-one retries do not). */
    private void post(List<Pending> batch, int attempt, boolean slot) {
        byte[] body = AlertmanagerJson.body(batch.stream().map(p -> p.alert).toList());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        requests.inc();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            int status = response == null ? 0 : response.statusCode();
            if (error == null && status / 100 == 2) {
                sent.inc(batch.size());
                for (Pending p : batch) p.complete(delivery(p.alert, attempt, true, status));
            } else if ((error != null || status >= 500 || status == 429) && attempt <= maxRetries) {
                retried.inc(batch.size());
                Executor later = CompletableFuture.delayedExecutor(
                        backoffMillis << Math.min(attempt - 1, 20), TimeUnit.MILLISECONDS);
                CompletableFuture.runAsync(() -> post(batch, attempt + 1, slot), later);
                return;
            } else if (error == null && status >= 400 && status < 500 && batch.size() > 1) {
                // which alert was refused: each one again on its own (the valid ones were taken; posting them again
                // updates the same alerts)
                for (Pending p : batch) post(List.of(p), 1, false);
            } else {
                failed.inc(batch.size());
                for (Pending p : batch) {
                    Delivery d = delivery(p.alert, attempt, false, status);
                    if (error == null && status >= 400 && status < 500 && status != 429) {
                        // refused for its content: the dead-letter topic gets it with Alertmanager's reason
                        d.refusedBody = body;
                        String answer =
                                response.body() == null ? "" : response.body().strip();
                        int nl = answer.indexOf('\n');
                        d.refusal = "HTTP " + status
                                + (answer.isEmpty() ? "" : ": " + (nl < 0 ? answer : answer.substring(0, nl)));
                    }
                    p.complete(d);
                }
            }
            if (slot) released();
        });
    }

    @Override
    public void timeout(Alert alert, ResultFuture<Delivery> result) {
        failed.inc();
        result.complete(Collections.singleton(delivery(alert, maxRetries + 1, false, 0)));
    }

    private static Delivery delivery(Alert a, int attempts, boolean delivered, int status) {
        Delivery d = new Delivery();
        d.fingerprint = a.fingerprint;
        d.status = a.status;
        d.severity = a.severity;
        d.attempts = attempts;
        d.delivered = delivered;
        d.httpStatus = status;
        return d;
    }

    /** An alert waiting for its post, and where its outcome goes. */
    private record Pending(Alert alert, ResultFuture<Delivery> result) {
        void complete(Delivery d) {
            result.complete(Collections.singleton(d));
        }
    }
}
