package dev.vigil.schema.parse;

import static dev.vigil.schema.contract.ValueTypes.label;
import static dev.vigil.schema.contract.ValueTypes.text;
import static dev.vigil.schema.contract.ValueTypes.wellFormed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import dev.vigil.schema.contract.ContractFields;
import dev.vigil.schema.contract.Field;
import dev.vigil.schema.contract.FieldTable;
import dev.vigil.schema.contract.Rejection;
import dev.vigil.schema.contract.ValueTypes;
import dev.vigil.schema.correlation.Correlation;
import dev.vigil.schema.event.Attribute;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.PerformanceMetric;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Bytes (or a mapper's {@link ContractTokens}) to a typed {@link Event}, or a {@link ParseOutcome} with a precise
 * {@link DeadLetterReason}. Never throws. Streams with Jackson core (no tree binding), field by field as
 * {@link ContractFields} declares them; unknown fields are kept in attributes.
 *
 * <p>Not thread-safe: one instance per operator subtask.
 */
public final class EventParser {
    private final JsonFactory factory;
    private final ParserLimits limits;
    private final LongSupplier clock;

    public EventParser(ParserLimits limits, LongSupplier clock) {
        this.limits = limits;
        this.clock = clock;
        // No STRICT_DUPLICATE_DETECTION (a hash set per JSON object): two values for one key, which would let a
        // producer show one parser a service and another parser a different one, are caught where the values are
        // kept: a bit per contract field here, the attribute map's keys, and each nested value's members (ValueTypes).
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth)
                        .maxStringLength(Math.max(limits.maxBytes, 1))
                        .maxNumberLength(64)
                        .build())
                .recyclerPool(new OwnBuffers())
                .build();
    }

    /**
     * The parser's own buffers, one set reused from message to message. Jackson's default pool finds a thread's
     * buffers through a {@code ThreadLocal} and a {@code SoftReference} per parser it creates: about 6% of a Flink
     * source thread's samples (JFR, business-events whole job; docs/performance.md). An instance is used by one
     * thread, so a single slot is enough; a parser still open when another is created gets fresh buffers.
     */
    private static final class OwnBuffers implements RecyclerPool<BufferRecycler> {
        private static final long serialVersionUID = 1L;
        private transient BufferRecycler spare;

        @Override
        public BufferRecycler acquirePooled() {
            BufferRecycler r = spare;
            if (r == null) return new BufferRecycler();
            spare = null;
            return r;
        }

        @Override
        public void releasePooled(BufferRecycler r) {
            spare = r;
        }
    }

    public EventParser(ParserLimits limits) {
        this(limits, System::currentTimeMillis);
    }

    /** Parses a message whose arrival time is now. */
    public ParseOutcome parse(byte[] bytes) {
        return parse(bytes, Long.MIN_VALUE);
    }

    /**
     * Parses a message that a broker stamped {@code recordTime} (epoch millis; Kafka's record
     * timestamp, {@code Long.MIN_VALUE} or negative when unknown). Event time may run ahead of the
     * earlier of that and now by at most {@code maxFutureMillis}: a producer cannot pull the watermark
     * into the future, even by stamping its records ahead too (the wall clock bounds it).
     */
    public ParseOutcome parse(byte[] bytes, long recordTime) {
        if (bytes == null || bytes.length == 0) {
            return ParseOutcome.rejected(DeadLetterReason.MALFORMED_JSON, "empty message");
        }
        if (bytes.length > limits.maxBytes) {
            return ParseOutcome.rejected(
                    DeadLetterReason.OVERSIZE, "message is " + bytes.length + " bytes, limit " + limits.maxBytes);
        }
        if (!Utf8.isValid(bytes)) {
            for (byte b : bytes) {
                if (b == 0) {
                    return ParseOutcome.rejected(
                            DeadLetterReason.INVALID_UTF8,
                            "message holds a raw NUL byte: UTF-16 or UTF-32 text is not accepted, the contract is UTF-8");
                }
            }
            return ParseOutcome.rejected(DeadLetterReason.INVALID_UTF8, "message is not valid UTF-8");
        }
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            bytes = java.util.Arrays.copyOfRange(
                    bytes, 3, bytes.length); // a UTF-8 byte order mark says nothing: dropped
        }
        byte[] text = bytes;
        return read(() -> factory.createParser(text), text, null, recordTime);
    }

    /**
     * Parses an event that a mapper of another format (OTLP) wrote as the contract's tokens ({@link ContractTokens}),
     * by the same rules as text; {@code derivedId} gives its ID when it carries none (asked only then). Its text is written only when its
     * size could pass {@code parser.max-bytes}; it is valid UTF-8 by construction (Java strings, surrogates checked
     * field by field as for text).
     */
    public ParseOutcome parse(ContractTokens tokens, Supplier<String> derivedId, long recordTime) {
        try {
            if (tokens.boundBytes() > limits.maxBytes) {
                int size = tokens.render().length;
                if (size > limits.maxBytes) {
                    return ParseOutcome.rejected(
                            DeadLetterReason.OVERSIZE, "message is " + size + " bytes, limit " + limits.maxBytes);
                }
            }
        } catch (RuntimeException e) { // writing text the tokens cannot make: refused as text would be
            return ParseOutcome.rejected(
                    DeadLetterReason.MALFORMED_JSON, e.getClass().getSimpleName());
        }
        return read(tokens::asParser, null, derivedId, recordTime);
    }

    /** Where an event's tokens come from: opened once, and again if its type comes after a payload field. */
    @FunctionalInterface
    private interface Source {
        JsonParser open() throws IOException;
    }

    /** The event in {@code source}; its ID when it has none is {@code derivedId}'s, else the hash of {@code bytes}. */
    private ParseOutcome read(Source source, byte[] bytes, Supplier<String> derivedId, long recordTime) {
        try {
            try {
                return ParseOutcome.ok(parseAs(source, null, bytes, derivedId, recordTime));
            } catch (TypeNeeded late) {
                // A payload field came before "type": find the type, then read again knowing it.
                return ParseOutcome.ok(parseAs(source, findType(source), bytes, derivedId, recordTime));
            }
        } catch (Rejection r) {
            return ParseOutcome.rejected(r.reason, r.getMessage());
        } catch (StreamConstraintsException e) {
            String msg = String.valueOf(e.getOriginalMessage());
            if (msg.contains("nesting depth")) return ParseOutcome.rejected(DeadLetterReason.TOO_DEEP, deeperThan());
            return ParseOutcome.rejected(DeadLetterReason.OVERSIZE, "a value exceeds the parser limits");
        } catch (JsonProcessingException e) {
            return ParseOutcome.rejected(DeadLetterReason.MALFORMED_JSON, describe(e));
        } catch (IOException | RuntimeException e) {
            return ParseOutcome.rejected(
                    DeadLetterReason.MALFORMED_JSON, e.getClass().getSimpleName());
        }
    }

    private String deeperThan() {
        return "nesting deeper than " + limits.maxDepth;
    }

    private Event parseAs(Source source, EventType knownType, byte[] bytes, Supplier<String> derivedId, long recordTime)
            throws IOException {
        Event e = new Event();
        e.type = knownType;
        e.schemaVersion = Event.CURRENT_SCHEMA_VERSION;
        Fields f = new Fields();
        try (JsonParser p = source.open()) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new Rejection(DeadLetterReason.NOT_AN_OBJECT, "the message must be a JSON object");
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                readField(p, name, e, f);
            }
            if (p.nextToken() != null) {
                throw new Rejection(DeadLetterReason.MALFORMED_JSON, "content after the top-level object");
            }
        }
        finish(bytes, derivedId, e, f, recordTime);
        return e;
    }

    /**
     * A field of the envelope or of the event type's payload, as {@link ContractFields} declares them;
     * anything else, a payload field of another type included, becomes an attribute.
     */
    private void readField(JsonParser p, String name, Event e, Fields f) throws IOException {
        Field<?, ?> field;
        if (e.type != null) {
            field = ContractFields.inputs(e.type).get(name);
        } else {
            field = ContractFields.ENVELOPE.inputField(name);
            if (field == null && ContractFields.isPayloadInput(name)) throw TypeNeeded.INSTANCE;
        }
        if (field == null) {
            f.member(name, 0); // the top level's other members, below any nested scope
            flattenValue(p, name, f, 2);
            return;
        }
        if ((f.seen & field.bit) != 0) throw Rejection.duplicate(name);
        f.seen |= field.bit;
        if (field.type == ValueTypes.ATTRIBUTES) {
            if (p.currentToken() == JsonToken.VALUE_NULL) return;
            if (p.currentToken() != JsonToken.START_OBJECT) throw Rejection.wrongType(name, "an object");
            flattenObject(p, null, f, 2);
        } else {
            field.readInto(p, e);
        }
    }

    /** Required fields, the one rule across fields (a histogram has buckets, other metrics a value), correlation, the derived event ID. */
    private void finish(byte[] bytes, Supplier<String> derivedId, Event e, Fields f, long recordTime) {
        requireAll(ContractFields.ENVELOPE, f.seen, null);
        FieldTable<?> payload = ContractFields.payload(e.type);
        requireAll(payload, f.seen, e.type);
        payload.ofOrNew(e);
        if (e.type == EventType.PERFORMANCE_METRIC) {
            PerformanceMetric m = e.metric;
            if (m.kind.hasBuckets() && m.bucketBounds == null) {
                throw new Rejection(
                        DeadLetterReason.MISSING_FIELD,
                        "buckets is required for a " + m.kind.name().toLowerCase(Locale.ROOT) + " metric");
            }
            if (!m.kind.hasBuckets() && m.value == null) {
                throw new Rejection(
                        DeadLetterReason.MISSING_FIELD,
                        "value is required for a " + m.kind.name().toLowerCase(Locale.ROOT) + " metric");
            }
        }
        long now = clock.getAsLong();
        if (limits.maxPastMillis > 0 && e.timestamp < now - limits.maxPastMillis) {
            throw new Rejection(DeadLetterReason.TIMESTAMP_OUT_OF_RANGE, "timestamp is older than the accepted window");
        }
        long arrived = recordTime >= 0 ? Math.min(recordTime, now) : now;
        if (limits.maxFutureMillis > 0 && e.timestamp > arrived + limits.maxFutureMillis) {
            throw new Rejection(
                    DeadLetterReason.FUTURE_TIMESTAMP,
                    "timestamp is " + (e.timestamp - arrived) + " ms ahead of "
                            + (arrived == now ? "now" : "the record's broker time") + "; parser.max-future allows "
                            + limits.maxFutureMillis + " ms");
        }
        if (e.eventId == null) {
            e.eventId = derivedId != null ? derivedId.get() : "d-" + ContentHash.hex128(bytes);
            e.eventIdDerived = true;
        }
        if (f.attributes != null) e.attributes = f.attributes;
        Correlation.assign(e);
    }

    /** Rejects an event without a required field of {@code table} ({@code type}'s payload, or the envelope for null). */
    private static void requireAll(FieldTable<?> table, long seen, EventType type) {
        Field<?, ?> missing = table.firstMissing(seen);
        if (missing != null) {
            throw new Rejection(
                    DeadLetterReason.MISSING_FIELD,
                    missing.name + " is required" + (type == null ? "" : " for " + type.wireName()));
        }
    }

    // ---- attributes -----------------------------------------------------------------------------

    /**
     * Flattens the members of an object into attributes: nested objects as dotted keys, arrays by index. {@code depth}:
     * the object's nesting depth, the event's own object being 1. Jackson bounds the depth of text as it reads it;
     * tokens have no such bound, so it is checked here for both.
     */
    private void flattenObject(JsonParser p, String prefix, Fields f, int depth) throws IOException {
        if (depth > limits.maxDepth) throw new Rejection(DeadLetterReason.TOO_DEEP, deeperThan());
        int scope = f.memberCount;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            f.member(key, scope);
            p.nextToken();
            flattenValue(p, prefix == null ? key : prefix + '.' + key, f, depth + 1);
        }
        f.memberCount = scope;
    }

    /** A value, flattened; {@code depth} is its nesting depth if it is an object or an array. */
    private void flattenValue(JsonParser p, String key, Fields f, int depth) throws IOException {
        JsonToken token = p.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > limits.maxDepth) {
            throw new Rejection(DeadLetterReason.TOO_DEEP, deeperThan());
        }
        switch (token) {
            case START_OBJECT:
                if (p.nextToken() == JsonToken.END_OBJECT) {
                    putAttribute(key, Attribute.of(Attribute.Kind.EMPTY_OBJECT), f);
                    return;
                }
                int scope = f.memberCount;
                do {
                    String member = p.currentName();
                    f.member(member, scope);
                    p.nextToken();
                    flattenValue(p, key + '.' + member, f, depth + 1);
                } while (p.nextToken() == JsonToken.FIELD_NAME);
                f.memberCount = scope;
                return;
            case START_ARRAY:
                if (p.nextToken() == JsonToken.END_ARRAY) {
                    putAttribute(key, Attribute.of(Attribute.Kind.EMPTY_ARRAY), f);
                    return;
                }
                int i = 0;
                do {
                    flattenValue(p, key + '.' + i++, f, depth + 1);
                } while (p.nextToken() != JsonToken.END_ARRAY);
                return;
            case VALUE_STRING:
                putAttribute(key, Attribute.string(text(wellFormed(p.getText(), "attributes"))), f);
                return;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                putAttribute(key, Attribute.number(p.getText()), f);
                return;
            case VALUE_TRUE:
            case VALUE_FALSE:
                putAttribute(key, Attribute.bool(p.currentToken() == JsonToken.VALUE_TRUE), f);
                return;
            case VALUE_NULL:
                putAttribute(key, Attribute.of(Attribute.Kind.NULL), f);
                return;
            default:
                throw Rejection.wrongType(key, "a JSON value");
        }
    }

    private void putAttribute(String key, Attribute value, Fields f) {
        if (f.attributes == null) f.attributes = new HashMap<>();
        if (f.attributes.put(label(wellFormed(key, "attributes"), "attribute keys"), value) != null) {
            // {"a":{"b":1},"a.b":2} flattens both to a.b
            throw new Rejection(DeadLetterReason.DUPLICATE_FIELD, "two attributes flatten to the same key");
        }
        if (f.attributes.size() > limits.maxAttributes) {
            throw new Rejection(
                    DeadLetterReason.TOO_MANY_ATTRIBUTES, "more than " + limits.maxAttributes + " attributes");
        }
    }

    private EventType findType(Source source) throws IOException {
        Event probe = new Event();
        try (JsonParser p = source.open()) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("type")) {
                    ContractFields.ENVELOPE.inputField(name).read(p, probe);
                    return probe.type;
                }
                p.skipChildren();
            }
        }
        throw new Rejection(DeadLetterReason.MISSING_FIELD, "type is required");
    }

    /** Jackson's message without the echoed source snippet (it could hold PII). */
    private static String describe(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (msg == null) return "malformed JSON";
        int cut = msg.indexOf('\n');
        String head = cut >= 0 ? msg.substring(0, cut) : msg;
        int quote = head.indexOf('\'');
        if (quote >= 0) head = head.substring(0, quote).trim();
        if (e.getLocation() != null) {
            head += " at byte " + e.getLocation().getByteOffset();
        }
        return head;
    }

    /** Parse state that does not belong on the event itself. */
    private static final class Fields {
        /** The contract fields read, as their {@link Field#bit}s. */
        long seen;

        /**
         * The names of the members flattened into attributes so far, per object being read (the top level's
         * unknown fields first, then one scope per nested object). A key given twice in one object is found
         * by scanning its own scope: objects are small and bounded by the attribute limit, so no set per object.
         */
        String[] members;

        int memberCount;

        void member(String name, int scope) {
            for (int i = scope; i < memberCount; i++) {
                if (members[i].equals(name)) {
                    throw new Rejection(DeadLetterReason.DUPLICATE_FIELD, "a key appears twice in one object");
                }
            }
            if (members == null) members = new String[16];
            else if (memberCount == members.length) members = Arrays.copyOf(members, memberCount * 2);
            members[memberCount++] = name;
        }

        Map<String, Attribute> attributes;
    }

    /** A payload field arrived before the type: re-read with the type known. */
    private static final class TypeNeeded extends RuntimeException {
        static final TypeNeeded INSTANCE = new TypeNeeded();

        private TypeNeeded() {
            super(null, null, false, false);
        }
    }
}
