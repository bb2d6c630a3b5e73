package dev.vigil.runtime.detection;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sources.KafkaSources;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.json.AlertJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes alert events to {@code <prefix>alerts}, keyed by fingerprint so one alert's reports stay in
 * order. At-least-once without transactions: a repeated report is harmless (the alerting job keeps one
 * active alert per fingerprint) and alerts are not held back until the next checkpoint.
 */
public final class AlertSink {
    public static final String TOPIC = "alerts";

    private AlertSink() {}

    public static KafkaSink<Alert> create(VigilConfig config) {
        String topic = config.get(VigilOptions.KAFKA_TOPIC_PREFIX) + TOPIC;
        return KafkaSink.<Alert>builder()
                .setBootstrapServers(config.get(VigilOptions.KAFKA_BOOTSTRAP))
                .setKafkaProducerConfig(KafkaSources.clientProperties(config))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer((KafkaRecordSerializationSchema<Alert>) (a, context, timestamp) ->
                        new ProducerRecord<>(topic, a.fingerprint.getBytes(StandardCharsets.UTF_8), AlertJson.toBytes(a)))
                .build();
    }
}
