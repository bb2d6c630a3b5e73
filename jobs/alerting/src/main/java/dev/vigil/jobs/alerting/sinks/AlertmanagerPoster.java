package dev.vigil.jobs.alerting.sinks;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.schema.event.Alert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
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
 */
public class AlertmanagerPoster extends RichAsyncFunction<Alert, Delivery> {
    private final String url;
    private final int maxRetries;
    private final long backoffMillis;
    private final Duration requestTimeout;
    private transient HttpClient client;
    private transient Counter sent;
    private transient Counter failed;
    private transient Counter retried;

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
    public Duration worstCase() {
        long total = requestTimeout.toMillis() * (maxRetries + 1L);
        for (int i = 0; i < maxRetries; i++) total += backoffMillis << Math.min(i, 20);
        return Duration.ofMillis(total + 1000);
    }

    @Override
    public void open(OpenContext ctx) {
        client = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
        var group = getRuntimeContext().getMetricGroup().addGroup("vigil");
        sent = group.counter("alertsSent");
        failed = group.counter("alertsFailed");
        retried = group.counter("alertsRetried");
    }

    @Override
    public void asyncInvoke(Alert alert, ResultFuture<Delivery> result) {
        byte[] body = AlertmanagerJson.body(alert);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        attempt(alert, body, request, 1, result);
    }

    private void attempt(Alert alert, byte[] body, HttpRequest request, int attempt, ResultFuture<Delivery> result) {
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            int status = response == null ? 0 : response.statusCode();
            if (error == null && status / 100 == 2) {
                sent.inc();
                result.complete(Collections.singleton(delivery(alert, attempt, true, status)));
            } else if ((error != null || status >= 500 || status == 429) && attempt <= maxRetries) {
                retried.inc();
                Executor later = CompletableFuture.delayedExecutor(
                        backoffMillis << Math.min(attempt - 1, 20), TimeUnit.MILLISECONDS);
                CompletableFuture.runAsync(() -> attempt(alert, body, request, attempt + 1, result), later);
            } else {
                failed.inc();
                Delivery d = delivery(alert, attempt, false, status);
                if (error == null && status >= 400 && status < 500 && status != 429) {
                    // refused for its content: the dead-letter topic gets it with Alertmanager's reason
                    d.refusedBody = body;
                    String answer =
                            response.body() == null ? "" : response.body().strip();
                    int nl = answer.indexOf('\n');
                    d.refusal = "HTTP " + status
                            + (answer.isEmpty() ? "" : ": " + (nl < 0 ? answer : answer.substring(0, nl)));
                }
                result.complete(Collections.singleton(d));
            }
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
}
