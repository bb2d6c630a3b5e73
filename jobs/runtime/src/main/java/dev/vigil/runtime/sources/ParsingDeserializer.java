package dev.vigil.runtime.sources;

import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses inside the Kafka source, so event-time watermarks are generated per partition from the
 * events' own timestamps. Never throws: bad records become dead letters with topic, partition and
 * offset, and are counted as received like every other record. An OTLP request's records are counted too: each
 * is an event, a dead letter, or routed elsewhere (left to the job that consumes its type).
 */
public class ParsingDeserializer implements KafkaRecordDeserializationSchema<ParsedRecord> {
    private final RecordParser parser;
    private transient RecordParser.Counts counts;
    private transient Counter received;
    private transient Counter otlpRecords;
    private transient Counter routedElsewhere;

    public ParsingDeserializer(RecordParser parser) {
        this.parser = parser;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        counts = new RecordParser.Counts();
        MetricGroup vigil = context.getMetricGroup().addGroup("vigil");
        received = vigil.counter("received");
        otlpRecords = vigil.counter("otlpRecords");
        routedElsewhere = vigil.counter("routedElsewhere");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) throws IOException {
        received.inc();
        byte[] value = record.value() == null ? new byte[0] : record.value();
        counts.otlpRecords = 0;
        counts.routedElsewhere = 0;
        // CreateTime (the producer's clock) or LogAppendTime (the broker's); the parser also bounds it by now.
        parser.read(
                value, record.timestamp(), record.topic(), record.partition(), record.offset(), counts, out::collect);
        otlpRecords.inc(counts.otlpRecords);
        routedElsewhere.inc(counts.routedElsewhere);
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
