package dev.vigil.jobs.alerting.sources;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.AlertSigning;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The alerting job's input from memory instead of Kafka: each record goes through the job's own
 * deserializer (signature check, alert parsing, dead letters), as if read in order from one partition.
 */
public final class InMemoryAlerts {
    private InMemoryAlerts() {}

    /** A record of the alerts topic: its value and its signature header (null: unsigned). */
    public record Record(byte[] value, byte[] signature) implements java.io.Serializable {}

    public static DataGeneratorSource<AlertRecord> of(VigilConfig config, List<Record> records) {
        AlertSigning signing = AlertSigning.from(config);
        List<Record> copy = new ArrayList<>(records);
        return new DataGeneratorSource<>(
                new Read(signing, copy),
                copy.size(),
                RateLimiterStrategy.noOp(),
                TypeInformation.of(AlertRecord.class));
    }

    private static final class Read implements GeneratorFunction<Long, AlertRecord> {
        private final AlertSource.Deserializer deserializer;
        private final List<Record> records;

        Read(AlertSigning signing, List<Record> records) {
            this.deserializer = new AlertSource.Deserializer(signing);
            this.records = records;
        }

        @Override
        public void open(SourceReaderContext reader) {
            deserializer.open(new DeserializationSchema.InitializationContext() {
                @Override
                public MetricGroup getMetricGroup() {
                    return reader.metricGroup();
                }

                @Override
                public UserCodeClassLoader getUserCodeClassLoader() {
                    throw new UnsupportedOperationException("not used by the alert deserializer");
                }
            });
        }

        @Override
        public AlertRecord map(Long offset) throws Exception {
            Record r = records.get(offset.intValue());
            ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("vigil.alerts", 0, offset, null, r.value());
            if (r.signature() != null) record.headers().add(AlertSigning.HEADER, r.signature());
            List<AlertRecord> out = new ArrayList<>(1);
            deserializer.deserialize(record, new Collector<>() {
                @Override
                public void collect(AlertRecord a) {
                    out.add(a);
                }

                @Override
                public void close() {}
            });
            return out.get(0);
        }
    }
}
