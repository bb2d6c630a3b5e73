package dev.vigil.runtime.sinks.hot;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.schema.event.Event;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The hot tier: the seconds-to-hours layer in front of Elasticsearch (days) and the S3 archive (years),
 * on Redis Streams. Each kept event is appended to its service's stream ({@code XADD ... MAXLEN ~}) and,
 * when it has a correlation ID, to its request's list (with a TTL), as the JSON the archive holds.
 *
 * <p>Best effort by design: events are sent in batches (one script call each) at least every
 * {@code hot-tier.flush-interval} (not on checkpoints), with at most {@code hot-tier.max-in-flight}
 * unanswered; when Redis is down, full ({@code maxmemory}) or slow, events are dropped from the hot tier
 * and counted ({@code hotTierDropped}), never retried and never allowed to slow the job, whose other sinks
 * stay exactly once. A replay after a restart may append an event again: readers derive each entry's
 * document ID (the same as in Elasticsearch) from its JSON and drop repeats by it.
 */
public final class HotTierSink implements Sink<Event> {
    private static final long serialVersionUID = 1L;

    private final HotTierSettings settings;

    public HotTierSink(HotTierSettings settings) {
        this.settings = settings;
    }

    /** The hot-tier sink of this config, or null when {@code redis.uri} is empty. */
    public static HotTierSink create(VigilConfig config) {
        HotTierSettings settings = HotTierSettings.of(config);
        return settings == null ? null : new HotTierSink(settings);
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<Event> createWriter(InitContext context) throws IOException {
        return new HotTierWriter(settings, context.getProcessingTimeService(), context.metricGroup());
    }

    @Override
    public SinkWriter<Event> createWriter(WriterInitContext context) throws IOException {
        return new HotTierWriter(settings, context.getProcessingTimeService(), context.metricGroup());
    }
}
