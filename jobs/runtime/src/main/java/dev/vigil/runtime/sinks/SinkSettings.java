package dev.vigil.runtime.sinks;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.io.Serializable;

/**
 * Batching and retry settings of one sink, from {@code sinks.<name>.*}. In-flight data is bounded by
 * the batch size: the Elasticsearch and JDBC writers block on a full batch until it is flushed, which
 * is what backpressures the job.
 */
public final class SinkSettings implements Serializable {
    public final int batchSize;
    public final long flushIntervalMs;
    public final int maxRetries;
    public final long retryBackoffMs;

    private SinkSettings(int batchSize, long flushIntervalMs, int maxRetries, long retryBackoffMs) {
        this.batchSize = batchSize;
        this.flushIntervalMs = flushIntervalMs;
        this.maxRetries = maxRetries;
        this.retryBackoffMs = retryBackoffMs;
    }

    public static SinkSettings of(VigilConfig config, String sink) {
        return new SinkSettings(
                config.get(VigilOptions.<Integer>sink(sink, "batch-size")),
                config.get(VigilOptions.<Long>sink(sink, "flush-interval")),
                config.get(VigilOptions.<Integer>sink(sink, "max-retries")),
                config.get(VigilOptions.<Long>sink(sink, "retry-backoff")));
    }
}
