package dev.vigil.jobs.alerting.sources;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.detection.AlertSigning;
import dev.vigil.runtime.detection.AlertSink;
import dev.vigil.runtime.sources.KafkaSources;
import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.json.AlertJson;
import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.header.Header;

/**
 * Reads {@code <prefix>alerts}; a record without a valid signature ({@link AlertSigning}) or that is
 * not an alert becomes a dead letter (never an exception).
 */
public final class AlertSource {
    public static final String JOB = "alerting";

    private AlertSource() {}

    public static KafkaSource<AlertRecord> create(VigilConfig config, boolean bounded) {
        var b = KafkaSource.<AlertRecord>builder()
                .setBootstrapServers(config.get(VigilOptions.KAFKA_BOOTSTRAP))
                .setTopics(config.get(VigilOptions.KAFKA_TOPIC_PREFIX) + AlertSink.TOPIC)
                .setGroupId(KafkaSources.groupId(config, JOB))
                .setDeserializer(new Deserializer(AlertSigning.from(config)))
                .setProperties(KafkaSources.clientProperties(config))
                .setProperty("commit.offsets.on.checkpoint", "true");
        switch (config.get(VigilOptions.KAFKA_STARTING_OFFSETS)) {
            case EARLIEST -> b.setStartingOffsets(OffsetsInitializer.earliest());
            case LATEST -> b.setStartingOffsets(OffsetsInitializer.latest());
            default -> b.setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
        }
        if (bounded) b.setBounded(OffsetsInitializer.latest());
        return b.build();
    }

    static final class Deserializer implements KafkaRecordDeserializationSchema<AlertRecord> {
        private final AlertSigning signing;
        private transient AlertSigning.Signer verifier;
        private transient Counter received;

        Deserializer(AlertSigning signing) {
            this.signing = signing;
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            verifier = signing.open();
            received = context.getMetricGroup().addGroup("vigil").counter("received");
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<AlertRecord> out) {
            received.inc();
            byte[] value = record.value() == null ? new byte[0] : record.value();
            AlertRecord r = new AlertRecord();
            Header signature = record.headers().lastHeader(AlertSigning.HEADER);
            if (!verifier.verify(value, signature == null ? null : signature.value())) {
                r.deadLetter = deadLetter(
                        record,
                        value,
                        DeadLetterReason.UNAUTHENTICATED,
                        signature == null ? "alert is not signed" : "alert signature does not match the signing key");
            } else {
                try {
                    r.alert = AlertJson.fromBytes(value);
                } catch (IOException | RuntimeException e) {
                    r.deadLetter = deadLetter(
                            record, value, DeadLetterReason.MALFORMED_JSON, "not an alert: " + e.getMessage());
                }
            }
            out.collect(r);
        }

        private static DeadLetter deadLetter(
                ConsumerRecord<byte[], byte[]> record, byte[] value, DeadLetterReason reason, String detail) {
            DeadLetter d = new DeadLetter(value, reason, detail);
            d.sourceTopic = record.topic();
            d.sourcePartition = record.partition();
            d.sourceOffset = record.offset();
            d.deadLetteredAt = System.currentTimeMillis();
            d.job = JOB;
            return d;
        }

        @Override
        public TypeInformation<AlertRecord> getProducedType() {
            return TypeInformation.of(AlertRecord.class);
        }
    }
}
