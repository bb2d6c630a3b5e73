package dev.vigil.runtime.sources;

import com.google.protobuf.Message;
import dev.vigil.runtime.JobRules;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.otlp.OtlpEvents;
import dev.vigil.schema.otlp.OtlpRequests;
import dev.vigil.schema.parse.ContentHash;
import dev.vigil.schema.parse.ContractTokens;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One input record to what a job's source emits: for a contract topic, the parsed event when it is valid and its
 * topic may carry its service, else a dead letter with the reason and where the record came from; for an OTLP topic
 * ({@link InputFormats}), the same for each record of the export request that the job consumes. Never throws: a
 * request whose mapping fails in a way nobody foresaw is dead-lettered whole, as an unreadable one is, and none of
 * its records is emitted (they are held back until the whole request is mapped), so nothing is both an event and
 * a dead letter and no input can put the job into a restart loop.
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
    /** {@link OtlpEvents#map}; tests put a failing one here. */
    transient OtlpMapper otlpMapper;
    /** The current request's events and dead letters, emitted once all of it is mapped. */
    private transient List<ParsedRecord> held;
    /** The current request's records' derived IDs. */
    private transient RequestIds requestIds;

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
                JobRules.parserLimits(config),
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
        if (otlpRequests == null) otlpRequests = new OtlpRequests(limits.maxDepth);
        if (otlpMapper == null) otlpMapper = new OtlpEvents(InputFormats.consumedBy(job), maxOtlpRecords)::map;
        if (held == null) held = new ArrayList<>();
        int recordsBefore = counts.otlpRecords;
        int elsewhereBefore = counts.routedElsewhere;
        held.clear();
        if (requestIds == null) requestIds = new RequestIds();
        requestIds.request(value);
        DeadLetterReason reason = null;
        String detail = null;
        try {
            Message request = otlpRequests.read(value, otlp.signal(), otlp.encoding());
            counts.otlpRecords += otlpMapper.map(request, new OtlpEvents.Records() {
                @Override
                public void event(ContractTokens contract, int record) {
                    requestIds.record = record;
                    ParseOutcome outcome = parser().parse(contract, requestIds, recordTime);
                    held.add(accepted(outcome, null, contract, topic, partition, offset));
                }

                @Override
                public void refused(DeadLetterReason reason, String detail, byte[] rendering) {
                    held.add(ParsedRecord.of(deadLetter(rendering, reason, detail, topic, partition, offset)));
                }

                @Override
                public void routedElsewhere() {
                    counts.routedElsewhere++;
                }
            });
        } catch (OtlpRequests.Unreadable e) {
            reason = e.reason;
            detail = e.getMessage();
        } catch (RuntimeException e) {
            reason = DeadLetterReason.MALFORMED_OTLP;
            // only the exception's class: its message may quote the request's values
            detail = "the OTLP request could not be mapped (" + e.getClass().getName() + ")";
        }
        if (reason == null) {
            for (int i = 0; i < held.size(); i++) out.accept(held.get(i));
            held.clear();
            return;
        }
        // the request as one dead letter, none of its records emitted or counted
        held.clear();
        counts.otlpRecords = recordsBefore;
        counts.routedElsewhere = elsewhereBefore;
        out.accept(ParsedRecord.of(deadLetter(value, reason, detail, topic, partition, offset)));
    }

    /**
     * The ID of an OTLP record that carries none: {@code d-} and a hash of its request and its position in it. The
     * request is hashed when a record first needs it (a span's events carry their own IDs).
     */
    private static final class RequestIds implements Supplier<String> {
        private byte[] request;
        private long[] hash;
        int record;

        void request(byte[] value) {
            request = value;
            hash = null;
        }

        @Override
        public String get() {
            if (hash == null) hash = ContentHash.hash128(request);
            return "d-" + ContentHash.hex128(hash, record);
        }
    }

    /** Maps an OTLP export request's records to contract events, dead letters and routing counts. */
    @FunctionalInterface
    interface OtlpMapper {
        int map(Message request, OtlpEvents.Records out) throws OtlpRequests.Unreadable;
    }

    /** One record of the JSON contract. */
    public ParsedRecord parse(byte[] value, long recordTime, String topic, int partition, long offset) {
        return accepted(parser().parse(value, recordTime), value, null, topic, partition, offset);
    }

    private EventParser parser() {
        if (parser == null) parser = new EventParser(limits);
        return parser;
    }

    /**
     * The event when it is valid and its topic may carry its service, else a dead letter holding the record's
     * {@code value}, or for an OTLP record the text of its {@code contract} tokens.
     */
    private ParsedRecord accepted(
            ParseOutcome outcome, byte[] value, ContractTokens contract, String topic, int partition, long offset) {
        if (outcome.isValid() && claims.allows(topic, outcome.event().service)) return ParsedRecord.of(outcome.event());
        if (value == null) value = contract.render();
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
