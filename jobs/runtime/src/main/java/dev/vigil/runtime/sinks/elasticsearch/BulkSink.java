package dev.vigil.runtime.sinks.elasticsearch;

import dev.vigil.runtime.accounting.SinkRejections;
import dev.vigil.runtime.sinks.SinkSettings;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Search sink of our own (Sink V2) speaking the {@code _bulk} REST API through Elasticsearch's
 * low-level client, so one implementation writes to Elasticsearch 7.17, 8.x and 9.x and to OpenSearch
 * 2.x and 3.x. Per writer: documents are batched by count, bytes and interval; one bulk request is in
 * flight at a time while the next batch fills, so a writer holds at most two batches and a slow cluster
 * backpressures the job; every checkpoint flushes and waits for the answer. With deterministic {@code _id}s and indices named by
 * event time, a replay after a failure rewrites the same documents, so the result is exactly once.
 *
 * <p>Each document's outcome is read from the bulk response: 429 and 5xx are retried with exponential
 * backoff and jitter (so is a request that fails to connect); a document refused for its content (a
 * mapping error, too large) goes to the dead-letter topic with the cluster's error ({@link SinkRejections})
 * and never fails the job. When retries run out the job fails and restarts from its checkpoint, losing
 * nothing. Only one request is in flight per writer on purpose: with two, a retried document could
 * land after a newer version of itself (journeys and error groups are overwritten by ID).
 */
public final class BulkSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    final String name;
    final DocumentWriter<T> documents;
    final SearchConnection connection;
    final SinkSettings settings;
    final int maxBulkBytes;
    final SinkRejections rejections;

    BulkSink(
            String name,
            DocumentWriter<T> documents,
            SearchConnection connection,
            SinkSettings settings,
            int maxBulkBytes,
            SinkRejections rejections) {
        this.name = name;
        this.documents = documents;
        this.connection = connection;
        this.settings = settings;
        this.maxBulkBytes = maxBulkBytes;
        this.rejections = rejections;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(InitContext context) throws IOException {
        return new BulkWriter<>(
                this,
                context.getProcessingTimeService(),
                context.metricGroup(),
                context.getJobInfo().getJobName());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new BulkWriter<>(
                this,
                context.getProcessingTimeService(),
                context.metricGroup(),
                context.getJobInfo().getJobName());
    }
}
