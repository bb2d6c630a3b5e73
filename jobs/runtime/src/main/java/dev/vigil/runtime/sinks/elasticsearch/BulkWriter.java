package dev.vigil.runtime.sinks.elasticsearch;

import dev.vigil.runtime.accounting.SinkRejections;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask's writer of a {@link BulkSink}. Two {@link BulkBatch}es take turns: while one is in flight
 * (sent asynchronously) the task keeps filling the other, so a bulk request's round trip does not stall
 * the operators chained with the sink. Before the next batch is sent, and at every checkpoint, the one
 * in flight is settled: each of its documents written, retried until written, or dead-lettered. So
 * there is still only one request in flight, and documents with the same ID land in order.
 */
final class BulkWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(BulkWriter.class);
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");
    private static final long MAX_BACKOFF_MS = 30_000;

    private final BulkSink<T> sink;
    private final ProcessingTimeService time;
    private final RestClient client;
    private final SinkRejections.Publisher rejections;
    private final Counter documentsWritten;
    private final Counter bytesWritten;
    private final Counter retries;
    private final Histogram latencyMs;

    private BulkBatch filling = new BulkBatch();
    private BulkBatch sending = new BulkBatch();
    /** The answer to {@code sending}, completed on the client's I/O thread; null when nothing is in flight. */
    private CompletableFuture<Response> inFlight;

    private long sentAt;
    private volatile long answeredAt;
    private long lastFlush;

    BulkWriter(BulkSink<T> sink, ProcessingTimeService time, SinkWriterMetricGroup metrics, String jobName)
            throws IOException {
        this.sink = sink;
        this.time = time;
        this.client = sink.connection.open();
        this.rejections = sink.rejections.open(jobName.startsWith("vigil-") ? jobName.substring(6) : jobName, metrics);
        this.documentsWritten = metrics.getNumRecordsSendCounter();
        this.bytesWritten = metrics.getNumBytesSendCounter();
        this.retries = metrics.addGroup("vigil").counter("bulkRetries");
        this.latencyMs = metrics.addGroup("vigil").histogram("bulkLatencyMs", new DescriptiveStatisticsHistogram(500));
        this.lastFlush = time.getCurrentProcessingTime();
        scheduleFlush();
    }

    @Override
    public void write(T record, Context context) throws IOException {
        filling.add(sink.documents.index(record), sink.documents.id(record), sink.documents.json(record));
        if (filling.count >= sink.settings.batchSize || filling.length >= sink.maxBulkBytes) send();
    }

    /** Sends what is filled and waits until every document is settled (a checkpoint, the end of input). */
    @Override
    public void flush(boolean endOfInput) throws IOException {
        send();
        settle();
        rejections.flush();
    }

    @Override
    public void close() throws Exception {
        try {
            client.close();
        } finally {
            rejections.close();
        }
    }

    private void scheduleFlush() {
        time.registerTimer(time.getCurrentProcessingTime() + sink.settings.flushIntervalMs, now -> {
            if (now - lastFlush >= sink.settings.flushIntervalMs) send();
            scheduleFlush();
        });
    }

    /** Settles the request in flight (waiting for it if it is still out), then sends the filled batch without waiting. */
    private void send() throws IOException {
        lastFlush = time.getCurrentProcessingTime();
        settle();
        if (filling.count == 0) return;
        BulkBatch batch = filling;
        filling = sending;
        sending = batch;
        CompletableFuture<Response> answer = new CompletableFuture<>();
        inFlight = answer;
        sentAt = System.nanoTime();
        client.performRequestAsync(request(batch.buffer, batch.length), new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                answeredAt = System.nanoTime();
                answer.complete(response);
            }

            @Override
            public void onFailure(Exception e) {
                answeredAt = System.nanoTime();
                answer.completeExceptionally(e);
            }
        });
    }

    /** Waits for the request in flight, if any, and settles every document it carried. */
    private void settle() throws IOException {
        if (inFlight == null) return;
        CompletableFuture<Response> answer = inFlight;
        inFlight = null;
        Response response = null;
        IOException failure = null;
        try {
            response = answer.get();
            latencyMs.update((answeredAt - sentAt) / 1_000_000);
        } catch (ExecutionException e) {
            failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a bulk answer", e);
        }
        int[] all = new int[sending.count];
        for (int i = 0; i < all.length; i++) all[i] = i;
        deliver(sending, all, all.length, response, failure);
        sending.clear();
    }

    private static Request request(byte[] body, int length) {
        Request request = new Request("POST", "/_bulk");
        request.setEntity(new ByteArrayEntity(body, 0, length, NDJSON));
        return request;
    }

    /**
     * Settles documents {@code docs[0..n)} of {@code batch}, retrying what the cluster asks to be retried.
     * The first attempt's answer ({@code firstResponse} or {@code firstFailure}) is given when it was sent
     * asynchronously; retries are sent from here and waited for.
     */
    private void deliver(BulkBatch batch, int[] docs, int n, Response firstResponse, IOException firstFailure)
            throws IOException {
        for (int attempt = 0; ; attempt++) {
            String failure;
            try {
                Response response;
                if (attempt == 0 && (firstResponse != null || firstFailure != null)) {
                    if (firstFailure != null) throw firstFailure;
                    response = firstResponse;
                } else {
                    boolean whole = n == batch.count && docs[0] == 0 && docs[n - 1] == n - 1;
                    byte[] body = whole ? batch.buffer : batch.slices(docs, n);
                    long started = System.nanoTime();
                    response = client.performRequest(request(body, whole ? batch.length : body.length));
                    latencyMs.update((System.nanoTime() - started) / 1_000_000);
                }
                BulkOutcome outcome = BulkOutcome.parse(response.getEntity().getContent(), n);
                int retry = 0;
                String firstRetryReason = null;
                for (int i = 0; i < n; i++) {
                    switch (outcome.verdicts.get(i)) {
                        case WRITTEN:
                            documentsWritten.inc();
                            bytesWritten.inc(batch.sourceLength(docs[i]));
                            break;
                        case REJECTED:
                            rejections.reject(
                                    batch.source(docs[i]),
                                    "document " + batch.describe(docs[i]) + ": " + outcome.reasons.get(i));
                            break;
                        default:
                            if (firstRetryReason == null) firstRetryReason = outcome.reasons.get(i);
                            docs[retry++] = docs[i];
                    }
                }
                if (retry == 0) return;
                n = retry;
                failure = retry + " documents answered " + firstRetryReason;
            } catch (ResponseException e) {
                int status = e.getResponse().getStatusLine().getStatusCode();
                BulkOutcome.Verdict verdict = BulkOutcome.verdict(status);
                if (status == 413) {
                    // The cluster takes smaller requests than elasticsearch.max-bulk-bytes: halve until one document is
                    // left.
                    if (n == 1) {
                        rejections.reject(
                                batch.source(docs[0]),
                                "document " + batch.describe(docs[0]) + ": HTTP 413 larger than the cluster accepts");
                        return;
                    }
                    int half = n / 2;
                    deliver(batch, Arrays.copyOfRange(docs, 0, half), half, null, null);
                    deliver(batch, Arrays.copyOfRange(docs, half, n), n - half, null, null);
                    return;
                }
                if (verdict != BulkOutcome.Verdict.RETRY) {
                    // 401, 403, 400 on the whole request: configuration, not data. Fail loudly; a restart will not help
                    // until it is fixed.
                    throw new IOException(sink.name + ": the cluster refused the bulk request: HTTP " + status + " "
                            + truncate(e.getMessage())
                            + " (check elasticsearch.hosts, credentials and the index templates)");
                }
                failure = "HTTP " + status;
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (attempt >= sink.settings.maxRetries) {
                throw new IOException(sink.name + ": " + failure + "; still failing after " + attempt
                        + " retries (sinks.elasticsearch.max-retries); the job restarts from its checkpoint");
            }
            retries.inc();
            long backoff = Math.min(MAX_BACKOFF_MS, sink.settings.retryBackoffMs << Math.min(attempt, 16));
            long sleep = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            LOG.warn(
                    "{}: {}; retry {} of {} in {} ms",
                    sink.name,
                    failure,
                    attempt + 1,
                    sink.settings.maxRetries,
                    sleep);
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to retry a bulk request", e);
            }
        }
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
