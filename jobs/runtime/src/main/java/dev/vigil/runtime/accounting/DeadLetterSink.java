package dev.vigil.runtime.accounting;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sources.KafkaSources;
import dev.vigil.schema.event.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes dead letters to {@code <prefix>dead-letters}: the value is the original bytes, untouched;
 * reason, detail and source position travel as headers ({@code vigil.reason}, ...). Transactional,
 * so a restart neither loses nor repeats one.
 */
public final class DeadLetterSink {
    public static final String TOPIC = "dead-letters";

    private DeadLetterSink() {}

    public static KafkaSink<DeadLetter> create(VigilConfig config, String job) {
        String topic = config.get(VigilOptions.KAFKA_TOPIC_PREFIX) + TOPIC;
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(config.get(VigilOptions.KAFKA_BOOTSTRAP))
                .setKafkaProducerConfig(KafkaSources.clientProperties(config))
                .setProperty("transaction.timeout.ms", "900000")
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix("vigil-" + job + "-dead-letters")
                .setRecordSerializer((KafkaRecordSerializationSchema<DeadLetter>) (d, context, timestamp) -> {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add("vigil.reason", utf8(d.reason.name()));
                    headers.add("vigil.detail", utf8(d.detail == null ? "" : d.detail));
                    headers.add("vigil.source.topic", utf8(d.sourceTopic));
                    headers.add("vigil.source.partition", utf8(Integer.toString(d.sourcePartition)));
                    headers.add("vigil.source.offset", utf8(Long.toString(d.sourceOffset)));
                    headers.add("vigil.job", utf8(d.job));
                    headers.add("vigil.dead-lettered-at", utf8(Long.toString(d.deadLetteredAt)));
                    return new ProducerRecord<>(topic, null, null, null, d.originalBytes, headers);
                })
                .build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
