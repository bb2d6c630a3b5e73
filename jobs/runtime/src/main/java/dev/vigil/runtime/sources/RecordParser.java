package dev.vigil.runtime.sources;

import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import java.io.Serializable;

/**
 * One input record to what a job's source emits: the parsed event when it is valid and its topic may carry its
 * service, else a dead letter with the reason and where the record came from. Never throws.
 */
public final class RecordParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ParserLimits limits;
    private final ServiceClaims claims;
    private final String job;
    private transient EventParser parser;

    public RecordParser(ParserLimits limits, ServiceClaims claims, String job) {
        this.limits = limits;
        this.claims = claims;
        this.job = job;
    }

    /** The parser for a job's config (its limits and topic-to-service claims). */
    public static RecordParser of(dev.vigil.runtime.config.VigilConfig config, String job) {
        return new RecordParser(KafkaSources.parserLimits(config), ServiceClaims.from(config), job);
    }

    /** {@code recordTime}: the record's timestamp (the producer's or the broker's clock), which bounds future event times. */
    public ParsedRecord parse(byte[] value, long recordTime, String topic, int partition, long offset) {
        if (parser == null) parser = new EventParser(limits);
        ParseOutcome outcome = parser.parse(value, recordTime);
        if (outcome.isValid() && claims.allows(topic, outcome.event().service)) return ParsedRecord.of(outcome.event());
        DeadLetter d = outcome.isValid()
                ? new DeadLetter(
                        value,
                        DeadLetterReason.UNAUTHORIZED_SERVICE,
                        "topic " + topic + " may not carry service " + outcome.event().service
                                + " (kafka.topic-services)")
                : new DeadLetter(value, outcome.reason(), outcome.detail());
        d.sourceTopic = topic;
        d.sourcePartition = partition;
        d.sourceOffset = offset;
        d.deadLetteredAt = System.currentTimeMillis();
        d.job = job;
        return ParsedRecord.of(d);
    }
}
