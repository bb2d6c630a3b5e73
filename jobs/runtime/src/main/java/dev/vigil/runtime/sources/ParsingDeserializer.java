package dev.vigil.runtime.sources;

import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
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
    private final ParserLimits limits;
    private final ServiceClaims claims;
    private final String job;
    private transient EventParser parser;
    private transient Counter received;

    public ParsingDeserializer(ParserLimits limits, ServiceClaims claims, String job) {
        this.limits = limits;
        this.claims = claims;
        this.job = job;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        parser = new EventParser(limits);
        received = context.getMetricGroup().addGroup("vigil").counter("received");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) throws IOException {
        received.inc();
        byte[] value = record.value() == null ? new byte[0] : record.value();
        // CreateTime (the producer's clock) or LogAppendTime (the broker's); the parser also bounds it by now.
        ParseOutcome outcome = parser.parse(value, record.timestamp());
        if (outcome.isValid() && claims.allows(record.topic(), outcome.event().service)) {
            out.collect(ParsedRecord.of(outcome.event()));
        } else {
            DeadLetter d = outcome.isValid()
                    ? new DeadLetter(value, DeadLetterReason.UNAUTHORIZED_SERVICE, "topic " + record.topic() + " may not carry service "
                            + outcome.event().service + " (kafka.topic-services)")
                    : new DeadLetter(value, outcome.reason(), outcome.detail());
            d.sourceTopic = record.topic();
            d.sourcePartition = record.partition();
            d.sourceOffset = record.offset();
            d.deadLetteredAt = System.currentTimeMillis();
            d.job = job;
            out.collect(ParsedRecord.of(d));
        }
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
