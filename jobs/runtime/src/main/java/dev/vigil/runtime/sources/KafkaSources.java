package dev.vigil.runtime.sources;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The Kafka source every job uses, and its per-partition watermark strategy. */
public final class KafkaSources {
    /** Event time that must pass before a watermark is emitted without waiting for the periodic timer. */
    static final long EAGER_WATERMARK_STEP_MS = 1000;

    private KafkaSources() {}

    /**
     * @param bounded stop at the offsets that are latest when the job starts (tests, backfills); a
     *     streaming job passes false.
     */
    public static KafkaSource<ParsedRecord> source(VigilConfig config, String job, boolean bounded) {
        KafkaSourceBuilder<ParsedRecord> b = KafkaSource.<ParsedRecord>builder()
                .setBootstrapServers(config.get(VigilOptions.KAFKA_BOOTSTRAP))
                .setTopics(inputTopics(config, job))
                .setGroupId(groupId(config, job))
                .setDeserializer(new ParsingDeserializer(RecordParser.of(config, job)))
                .setProperties(KafkaSecurity.properties(config))
                .setProperty("commit.offsets.on.checkpoint", "true");
        switch (config.get(VigilOptions.KAFKA_STARTING_OFFSETS)) {
            case EARLIEST:
                b.setStartingOffsets(OffsetsInitializer.earliest());
                break;
            case LATEST:
                b.setStartingOffsets(OffsetsInitializer.latest());
                break;
            default:
                b.setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
        }
        if (bounded) b.setBounded(OffsetsInitializer.latest());
        return b.build();
    }

    /**
     * Bounded out-of-orderness ({@link EagerWatermarks}) per partition (the Kafka source runs it per split); a partition
     * without input for the configured time is released as idle (time its task was stalled not counted). Dead letters
     * carry no event time and never move the watermark.
     */
    public static WatermarkStrategy<ParsedRecord> watermarks(VigilConfig config, String job) {
        long outOfOrder = config.get(VigilOptions.<Long>window(job, "out-of-orderness"));
        long idleness = config.get(VigilOptions.<Long>window(job, "source-idleness"));
        return WatermarkStrategy.<ParsedRecord>forGenerator(ctx -> new EagerWatermarks<>(
                        outOfOrder, EAGER_WATERMARK_STEP_MS, idleness, ctx.getInputActivityClock()))
                .withTimestampAssigner((r, previous) -> r.event != null ? r.event.timestamp : Long.MIN_VALUE);
    }

    /**
     * The topics a data job reads, under the topic prefix: kafka.topics, or the job's own stream; and every OTLP topic
     * (kafka.topic-formats) whose signal carries events of the job's type.
     */
    public static List<String> inputTopics(VigilConfig config, String job) {
        List<String> topics = new ArrayList<>();
        List<String> configured = config.get(VigilOptions.KAFKA_TOPICS);
        for (String t : configured.isEmpty() ? List.of(job) : configured)
            topics.add(config.get(VigilOptions.KAFKA_TOPIC_PREFIX) + t);
        for (String t : InputFormats.from(config).otlpTopicsFor(job)) if (!topics.contains(t)) topics.add(t);
        return topics;
    }

    /** The consumer group a job commits its offsets under (for lag monitoring; Flink checkpoints them). */
    public static String groupId(VigilConfig config, String job) {
        return config.get(VigilOptions.KAFKA_GROUP_ID) + "-" + job;
    }

    /** Client properties for any Kafka client of the job (source, dead-letter and alert sinks). */
    public static Properties clientProperties(VigilConfig config) {
        return KafkaSecurity.properties(config);
    }
}
