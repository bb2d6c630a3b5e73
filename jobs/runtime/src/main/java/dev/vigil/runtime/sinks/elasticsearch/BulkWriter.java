package dev.vigil.runtime.sinks.elasticsearch;

import dev.vigil.runtime.accounting.SinkRejections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask's writer of a {@link BulkSink}. Documents are appended as NDJSON to one reused byte
 * buffer (an action line, then the source); per document only its offsets are kept, so batching
 * allocates nothing per document beyond the source bytes the document writer makes.
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

    private byte[] buffer = new byte[64 << 10];
    private int length;
    /** Per document: where its action line starts; starts[count] == length. */
    private int[] starts = new int[1025];
    /** Per document: where its source starts. */
    private int[] sources = new int[1024];
    private int count;
    private long lastFlush;

    BulkWriter(BulkSink<T> sink, ProcessingTimeService time, SinkWriterMetricGroup metrics, String jobName) throws IOException {
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
        byte[] source = sink.documents.json(record);
        int start = length;
        append(ACTION_START);
        appendJsonString(sink.documents.index(record));
        append(ACTION_ID);
        appendJsonString(sink.documents.id(record));
        append(ACTION_END);
        int sourceStart = length;
        append(source);
        append(NEWLINE);
        if (count + 1 >= sources.length) {
            sources = Arrays.copyOf(sources, sources.length * 2);
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[count] = start;
        sources[count] = sourceStart;
        count++;
        starts[count] = length;
        if (count >= sink.settings.batchSize || length >= sink.maxBulkBytes) send();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        send();
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

    /** Sends the batch and waits until every document is written, retried to success or dead-lettered. */
    private void send() throws IOException {
        lastFlush = time.getCurrentProcessingTime();
        if (count == 0) return;
        int[] all = new int[count];
        for (int i = 0; i < count; i++) all[i] = i;
        deliver(all, all.length);
        count = 0;
        length = 0;
        starts[0] = 0;
    }

    /** Delivers documents {@code docs[0..n)} of the buffer, retrying what the cluster asks to be retried. */
    private void deliver(int[] docs, int n) throws IOException {
        for (int attempt = 0; ; attempt++) {
            byte[] body;
            int bodyLength;
            if (n == count && docs[0] == 0 && docs[n - 1] == n - 1) {
                body = buffer;
                bodyLength = length;
            } else {
                body = slices(docs, n);
                bodyLength = body.length;
            }
            Request request = new Request("POST", "/_bulk");
            request.setEntity(new ByteArrayEntity(body, 0, bodyLength, NDJSON));
            long started = System.nanoTime();
            String failure;
            try {
                Response response = client.performRequest(request);
                latencyMs.update((System.nanoTime() - started) / 1_000_000);
                BulkOutcome outcome = BulkOutcome.parse(response.getEntity().getContent(), n);
                int retry = 0;
                String firstRetryReason = null;
                for (int i = 0; i < n; i++) {
                    switch (outcome.verdicts.get(i)) {
                        case WRITTEN:
                            documentsWritten.inc();
                            bytesWritten.inc(starts[docs[i] + 1] - sources[docs[i]]);
                            break;
                        case REJECTED:
                            rejections.reject(source(docs[i]), "document " + describe(docs[i]) + ": " + outcome.reasons.get(i));
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
                    // The cluster takes smaller requests than elasticsearch.max-bulk-bytes: halve until one document is left.
                    if (n == 1) {
                        rejections.reject(source(docs[0]), "document " + describe(docs[0]) + ": HTTP 413 larger than the cluster accepts");
                        return;
                    }
                    int half = n / 2;
                    deliver(Arrays.copyOfRange(docs, 0, half), half);
                    deliver(Arrays.copyOfRange(docs, half, n), n - half);
                    return;
                }
                if (verdict != BulkOutcome.Verdict.RETRY) {
                    // 401, 403, 400 on the whole request: configuration, not data. Fail loudly; a restart will not help until it is fixed.
                    throw new IOException(sink.name + ": the cluster refused the bulk request: HTTP " + status + " "
                            + truncate(e.getMessage()) + " (check elasticsearch.hosts, credentials and the index templates)");
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
            LOG.warn("{}: {}; retry {} of {} in {} ms", sink.name, failure, attempt + 1, sink.settings.maxRetries, sleep);
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to retry a bulk request", e);
            }
        }
    }

    private byte[] slices(int[] docs, int n) {
        int size = 0;
        for (int i = 0; i < n; i++) size += starts[docs[i] + 1] - starts[docs[i]];
        byte[] body = new byte[size];
        int at = 0;
        for (int i = 0; i < n; i++) {
            int from = starts[docs[i]];
            int len = starts[docs[i] + 1] - from;
            System.arraycopy(buffer, from, body, at, len);
            at += len;
        }
        return body;
    }

    private byte[] source(int doc) {
        return Arrays.copyOfRange(buffer, sources[doc], starts[doc + 1] - 1);
    }

    /** The action line without its braces: {@code "_index":"...","_id":"..."} (no document content). */
    private String describe(int doc) {
        String action = new String(buffer, starts[doc], sources[doc] - starts[doc] - 1, StandardCharsets.UTF_8);
        return action.substring("{\"index\":{".length(), action.length() - 2);
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }

    private static final byte[] ACTION_START = "{\"index\":{\"_index\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACTION_ID = ",\"_id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACTION_END = "}}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEWLINE = {'\n'};

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    /** A JSON string; index names and IDs are ASCII in practice, but anything is escaped correctly. */
    private void appendJsonString(String s) {
        ensure(s.length() * 6 + 2);
        buffer[length++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                buffer[length++] = '\\';
                buffer[length++] = (byte) c;
            } else if (c < 0x20 || c >= 0x7f) {
                String hex = String.format("\\u%04x", (int) c);
                for (int k = 0; k < 6; k++) buffer[length++] = (byte) hex.charAt(k);
            } else {
                buffer[length++] = (byte) c;
            }
        }
        buffer[length++] = '"';
    }

    private void ensure(int more) {
        if (length + more > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
}
