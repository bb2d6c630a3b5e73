package dev.vigil.runtime.sources;

import dev.vigil.schema.parse.ParserLimits;
import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses inside the Kafka source, so event-time watermarks are generated per partition from the
 * events' own timestamps. Never throws: bad records become dead letters with topic, partition and
 * offset, and are counted as received like every other record.
 */
public class ParsingDeserializer implements KafkaRecordDeserializationSchema<ParsedRecord> {
    private final RecordParser parser;
    private transient Counter received;

    public ParsingDeserializer(ParserLimits limits, ServiceClaims claims, String job) {
        this.parser = new RecordParser(limits, claims, job);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        received = context.getMetricGroup().addGroup("vigil").counter("received");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) throws IOException {
        received.inc();
        byte[] value = record.value() == null ? new byte[0] : record.value();
        // CreateTime (the producer's clock) or LogAppendTime (the broker's); the parser also bounds it by now.
        out.collect(parser.parse(value, record.timestamp(), record.topic(), record.partition(), record.offset()));
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
