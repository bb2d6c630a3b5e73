package dev.vigil.runtime.sinks.elasticsearch;

import dev.vigil.runtime.config.Secrets;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sinks.SinkSettings;
import java.net.URI;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.elasticsearch.sink.Elasticsearch7SinkBuilder;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchSink;
import org.apache.flink.connector.elasticsearch.sink.FlushBackoffType;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Requests;
import org.elasticsearch.common.xcontent.XContentType;

/**
 * Elasticsearch 7 sink: bulk requests bounded by size, interval and in-flight count (backpressure),
 * exponential-backoff retries; when those run out the job fails and restarts from its checkpoint.
 * Document IDs are deterministic, so at-least-once delivery is idempotent.
 */
public final class ElasticsearchSinks {
    private ElasticsearchSinks() {}

    public static <T> ElasticsearchSink<T> create(VigilConfig config, DocumentWriter<T> writer) {
        SinkSettings s = SinkSettings.of(config, "elasticsearch");
        Elasticsearch7SinkBuilder<T> b = new Elasticsearch7SinkBuilder<T>()
                .setHosts(hosts(config.get(VigilOptions.ES_HOSTS)))
                .setBulkFlushMaxActions(s.batchSize)
                .setBulkFlushInterval(s.flushIntervalMs)
                .setBulkFlushBackoffStrategy(FlushBackoffType.EXPONENTIAL, s.maxRetries, s.retryBackoffMs)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setEmitter((record, context, indexer) -> indexer.add(Requests.indexRequest()
                        .index(writer.index(record))
                        .id(writer.id(record))
                        .source(writer.json(record), XContentType.JSON)));
        String user = config.get(VigilOptions.ES_USERNAME);
        if (!user.isEmpty()) {
            b.setConnectionUsername(user);
            b.setConnectionPassword(Secrets.fromFile(config.get(VigilOptions.ES_PASSWORD_FILE), VigilOptions.ES_PASSWORD_FILE.key()));
        }
        return b.build();
    }

    static HttpHost[] hosts(List<String> urls) {
        HttpHost[] hosts = new HttpHost[urls.size()];
        for (int i = 0; i < urls.size(); i++) {
            URI u = URI.create(urls.get(i));
            hosts[i] = new HttpHost(u.getHost(), u.getPort(), u.getScheme());
        }
        return hosts;
    }
}
