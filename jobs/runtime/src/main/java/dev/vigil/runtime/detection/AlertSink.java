package dev.vigil.runtime.detection;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sources.KafkaSources;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.json.AlertJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes alert events to {@code <prefix>alerts}, keyed by fingerprint so one alert's reports stay in
 * order, each signed ({@link AlertSigning}). At-least-once without transactions: a repeated report is
 * harmless (the alerting job keeps one active alert per fingerprint) and alerts are not held back
 * until the next checkpoint.
 */
public final class AlertSink {
    public static final String TOPIC = "alerts";

    private AlertSink() {}

    public static KafkaSink<Alert> create(VigilConfig config) {
        return KafkaSink.<Alert>builder()
                .setBootstrapServers(config.get(VigilOptions.KAFKA_BOOTSTRAP))
                .setKafkaProducerConfig(KafkaSources.clientProperties(config))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new SignedAlerts(
                        config.get(VigilOptions.KAFKA_TOPIC_PREFIX) + TOPIC, AlertSigning.from(config)))
                .build();
    }

    /** Alert JSON with its signature header. */
    static final class SignedAlerts implements KafkaRecordSerializationSchema<Alert> {
        private final String topic;
        private final AlertSigning signing;
        private transient AlertSigning.Signer signer;

        SignedAlerts(String topic, AlertSigning signing) {
            this.topic = topic;
            this.signing = signing;
        }

        @Override
        public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
            signer = signing.open();
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(Alert a, KafkaSinkContext context, Long timestamp) {
            byte[] value = AlertJson.toBytes(a);
            RecordHeaders headers = new RecordHeaders();
            headers.add(AlertSigning.HEADER, signer.sign(value));
            return new ProducerRecord<>(
                    topic, null, null, a.fingerprint.getBytes(StandardCharsets.UTF_8), value, headers);
        }
    }
}
