package dev.vigil.runtime.sinks.elasticsearch;

import dev.vigil.runtime.accounting.SinkRejections;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sinks.SinkSettings;

/** The search sink of a job, from config: {@link BulkSink} against Elasticsearch 7/8/9 or OpenSearch 2/3. */
public final class ElasticsearchSinks {
    private ElasticsearchSinks() {}

    public static <T> BulkSink<T> create(VigilConfig config, DocumentWriter<T> writer) {
        return new BulkSink<>(
                "elasticsearch",
                writer,
                SearchConnection.of(config),
                SinkSettings.of(config, "elasticsearch"),
                config.get(VigilOptions.ES_MAX_BULK_BYTES),
                SinkRejections.of(config, "elasticsearch"));
    }
}
