package dev.vigil.runtime.accounting;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sources.KafkaSources;
import dev.vigil.schema.event.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes dead letters to {@code <prefix>dead-letters}: the value is the original bytes, untouched;
 * reason, detail and source position travel as headers ({@code vigil.reason}, ...). Transactional,
 * so a restart neither loses nor repeats one. A payload over {@code dead-letters.max-payload-bytes}
 * is cut to that size (with its full size and SHA-256 in headers) so one 10 MB message can never
 * exceed the topic's record limit and fail the job over and over.
 */
public final class DeadLetterSink {
    public static final String TOPIC = "dead-letters";

    private DeadLetterSink() {}

    /**
     * Kafka transactional IDs of a job's dead-letter writer, under the topic prefix (dots as dashes:
     * "vigil." gives vigil-errors-dead-letters), so two installations sharing a Kafka cluster never fence
     * each other's transactions; the chart's KafkaUser grants exactly this prefix.
     */
    public static String transactionalIdPrefix(VigilConfig config, String job) {
        return config.get(VigilOptions.KAFKA_TOPIC_PREFIX).replace('.', '-') + job + "-dead-letters";
    }

    public static KafkaSink<DeadLetter> create(VigilConfig config, String job) {
        String topic = config.get(VigilOptions.KAFKA_TOPIC_PREFIX) + TOPIC;
        int maxPayload = config.get(VigilOptions.DEAD_LETTER_MAX_PAYLOAD);
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(config.get(VigilOptions.KAFKA_BOOTSTRAP))
                .setKafkaProducerConfig(KafkaSources.clientProperties(config))
                .setProperty("transaction.timeout.ms", "900000")
                // room for the payload plus headers and record overhead
                .setProperty("max.request.size", Integer.toString(Math.max(1 << 20, maxPayload + (64 << 10))))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix(config, job))
                .setRecordSerializer((KafkaRecordSerializationSchema<DeadLetter>)
                        (d, context, timestamp) -> record(d, topic, maxPayload))
                .build();
    }

    /** The dead-letter topic's record of {@code d}: its original bytes (cut above {@code maxPayload}) and its headers. */
    public static ProducerRecord<byte[], byte[]> record(DeadLetter d, String topic, int maxPayload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("vigil.reason", utf8(d.reason.name()));
        headers.add("vigil.detail", utf8(d.detail == null ? "" : d.detail));
        headers.add("vigil.source.topic", utf8(d.sourceTopic == null ? "" : d.sourceTopic));
        headers.add("vigil.source.partition", utf8(Integer.toString(d.sourcePartition)));
        headers.add("vigil.source.offset", utf8(Long.toString(d.sourceOffset)));
        headers.add("vigil.job", utf8(d.job));
        headers.add("vigil.dead-lettered-at", utf8(Long.toString(d.deadLetteredAt)));
        byte[] value = d.originalBytes;
        if (value.length > maxPayload) {
            headers.add("vigil.original-size", utf8(Integer.toString(value.length)));
            headers.add("vigil.original-sha256", utf8(sha256(value)));
            value = Arrays.copyOf(value, maxPayload);
        }
        return new ProducerRecord<>(topic, null, null, null, value, headers);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
