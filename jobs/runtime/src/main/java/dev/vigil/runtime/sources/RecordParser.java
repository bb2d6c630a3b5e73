package dev.vigil.runtime.sources;

import com.google.protobuf.Message;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.otlp.OtlpEvents;
import dev.vigil.schema.otlp.OtlpRequests;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * One input record to what a job's source emits: for a contract topic, the parsed event when it is valid and its
 * topic may carry its service, else a dead letter with the reason and where the record came from; for an OTLP topic
 * ({@link InputFormats}), the same for each record of the export request that the job consumes. Never throws.
 */
public final class RecordParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ParserLimits limits;
    private final ServiceClaims claims;
    private final InputFormats formats;
    private final int maxOtlpRecords;
    private final String job;
    private transient EventParser parser;
    private transient OtlpRequests otlpRequests;
    private transient OtlpEvents otlpEvents;

    public RecordParser(
            ParserLimits limits, ServiceClaims claims, InputFormats formats, int maxOtlpRecords, String job) {
        this.limits = limits;
        this.claims = claims;
        this.formats = formats;
        this.maxOtlpRecords = maxOtlpRecords;
        this.job = job;
    }

    /** The parser for a job's config (its limits, topic-to-service claims and topic formats). */
    public static RecordParser of(VigilConfig config, String job) {
        return new RecordParser(
                KafkaSources.parserLimits(config),
                ServiceClaims.from(config),
                InputFormats.from(config),
                config.get(VigilOptions.PARSER_MAX_OTLP_RECORDS),
                job);
    }

    /** What one Kafka record gave: events and dead letters went to the consumer; these were not for this job. */
    public static final class Counts {
        /** Records of OTLP requests (log records, data points, spans) read, whatever became of them. */
        public int otlpRecords;
        /** Events of OTLP records that another job consumes. */
        public int routedElsewhere;
    }

    /**
     * Every event and dead letter in one Kafka record. {@code recordTime}: the record's timestamp (the producer's or
     * the broker's clock), which bounds future event times.
     */
    public void read(
            byte[] value,
            long recordTime,
            String topic,
            int partition,
            long offset,
            Counts counts,
            Consumer<ParsedRecord> out) {
        InputFormats.Otlp otlp = formats.otlp(topic);
        if (otlp == null) {
            out.accept(parse(value, recordTime, topic, partition, offset));
            return;
        }
        if (otlpRequests == null) {
            otlpRequests = new OtlpRequests(limits.maxDepth);
            otlpEvents = new OtlpEvents(InputFormats.consumedBy(job), maxOtlpRecords);
        }
        try {
            Message request = otlpRequests.read(value, otlp.signal(), otlp.encoding());
            counts.otlpRecords += otlpEvents.map(request, new OtlpEvents.Records() {
                @Override
                public void event(byte[] json) {
                    out.accept(parse(json, recordTime, topic, partition, offset));
                }

                @Override
                public void refused(DeadLetterReason reason, String detail, byte[] rendering) {
                    out.accept(ParsedRecord.of(deadLetter(rendering, reason, detail, topic, partition, offset)));
                }

                @Override
                public void routedElsewhere() {
                    counts.routedElsewhere++;
                }
            });
        } catch (OtlpRequests.Unreadable e) {
            out.accept(ParsedRecord.of(deadLetter(value, e.reason, e.getMessage(), topic, partition, offset)));
        }
    }

    /** One record of the JSON contract (an OTLP record once mapped to it). */
    public ParsedRecord parse(byte[] value, long recordTime, String topic, int partition, long offset) {
        if (parser == null) parser = new EventParser(limits);
        ParseOutcome outcome = parser.parse(value, recordTime);
        if (outcome.isValid() && claims.allows(topic, outcome.event().service)) return ParsedRecord.of(outcome.event());
        return ParsedRecord.of(
                outcome.isValid()
                        ? deadLetter(
                                value,
                                DeadLetterReason.UNAUTHORIZED_SERVICE,
                                "topic " + topic + " may not carry service " + outcome.event().service
                                        + " (kafka.topic-services)",
                                topic,
                                partition,
                                offset)
                        : deadLetter(value, outcome.reason(), outcome.detail(), topic, partition, offset));
    }

    private DeadLetter deadLetter(
            byte[] value, DeadLetterReason reason, String detail, String topic, int partition, long offset) {
        DeadLetter d = new DeadLetter(value, reason, detail);
        d.sourceTopic = topic;
        d.sourcePartition = partition;
        d.sourceOffset = offset;
        d.deadLetteredAt = System.currentTimeMillis();
        d.job = job;
        return d;
    }
}
