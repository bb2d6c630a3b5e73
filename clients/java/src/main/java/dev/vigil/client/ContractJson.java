package dev.vigil.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.vigil.client.context.TraceParent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes {@link ContractEvent}s as the contract's JSON, one reused generator and buffer per instance (the
 * publisher thread's, or one per layout call). Each event gets an {@code event_id} unique to this process run
 * (a random prefix and a sequence number), so two identical log lines in one millisecond stay two events while a
 * producer retry of the same record still carries one ID.
 *
 * <p>On the publisher thread this runs for every event, so the generator is reused (root objects back to back)
 * and the envelope's field names and the service's own fields (service, environment, host, instance) are encoded
 * once: writing a log line took about 2 µs of CPU before, most of it escaping the same names and values again.
 */
public final class ContractJson {
    private static final JsonFactory JSON = new JsonFactory();
    private static final SerializedString EVENT_ID = new SerializedString("event_id");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializedString SERVICE = new SerializedString("service");
    private static final SerializedString ENVIRONMENT = new SerializedString("environment");
    private static final SerializedString HOST = new SerializedString("host");
    private static final SerializedString INSTANCE = new SerializedString("instance");
    private static final SerializedString CORRELATION_ID = new SerializedString("correlation_id");
    private static final SerializedString TRACE_ID = new SerializedString("trace_id");
    private static final SerializedString SPAN_ID = new SerializedString("span_id");

    final List<String> appPackages;
    private final String idPrefix;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
    /** The service's own fields, escaped once; null when not set. */
    private final SerializableString service;

    private final SerializableString environment;
    private final SerializableString host;
    private final SerializableString instance;
    /** Reused for every event; replaced after a write that failed part-way. */
    private JsonGenerator generator;

    private long sequence;

    public ContractJson(ClientSettings settings) {
        this.appPackages = settings.appPackages;
        this.idPrefix = "c-" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE) + "-";
        this.service = encoded(settings.service);
        this.environment = encoded(settings.environment);
        this.host = encoded(Text.token(settings.host, 255));
        this.instance = encoded(Text.token(settings.instance, 255));
    }

    private static SerializableString encoded(String value) {
        return value == null ? null : new SerializedString(value);
    }

    /** The event as one JSON object, UTF-8. */
    public byte[] write(ContractEvent e) {
        return write(e, false);
    }

    /** The event as one line of newline-delimited JSON (for layouts and encoders writing to files). */
    public byte[] writeLine(ContractEvent e) {
        return write(e, true);
    }

    private byte[] write(ContractEvent e, boolean line) {
        boolean written = false;
        try {
            JsonGenerator g = generator();
            g.writeStartObject();
            field(g, EVENT_ID, idPrefix + Long.toHexString(sequence++));
            field(g, TYPE, e.type());
            g.writeFieldName(TIMESTAMP);
            g.writeNumber(e.timestamp);
            field(g, SERVICE, service);
            field(g, ENVIRONMENT, environment);
            field(g, HOST, host);
            field(g, INSTANCE, instance);
            field(g, CORRELATION_ID, Text.token(e.correlationId, 128));
            field(g, TRACE_ID, TraceParent.isTraceId(e.traceId) ? e.traceId : null);
            field(g, SPAN_ID, TraceParent.isSpanId(e.spanId) ? e.spanId : null);
            e.writePayload(g, this);
            g.writeEndObject();
            g.flush();
            written = true;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // writing to memory
        } finally {
            if (!written) { // the generator may be inside the object: the next event starts on a new one
                generator = null;
                buffer.reset();
            }
        }
        if (line) buffer.append('\n');
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }

    private JsonGenerator generator() throws IOException {
        if (generator == null) {
            generator = JSON.createGenerator(buffer);
            generator.setRootValueSeparator(null);
        }
        return generator;
    }

    /** {@code name: value}, left out when there is no value. */
    static void field(JsonGenerator g, SerializableString name, String value) throws IOException {
        if (value == null) return;
        g.writeFieldName(name);
        g.writeString(value);
    }

    private static void field(JsonGenerator g, SerializableString name, SerializableString value) throws IOException {
        if (value == null) return;
        g.writeFieldName(name);
        g.writeString(value);
    }

    static void writeToken(JsonGenerator g, String field, String value, int max) throws IOException {
        String v = Text.token(value, max);
        if (v != null) g.writeStringField(field, v);
    }

    static void writeAttributes(JsonGenerator g, Map<String, Object> attributes) throws IOException {
        if (attributes == null) return;
        g.writeObjectFieldStart("attributes");
        writeScalars(g, attributes, false);
        g.writeEndObject();
    }

    /**
     * Members of String, Number or Boolean values; a non-finite number is written as its text. Strings of
     * {@code dimensions} (properties, tags) are labels, as the parser requires of them; of attributes, free text.
     */
    static void writeScalars(JsonGenerator g, Map<String, Object> values, boolean dimensions) throws IOException {
        for (Map.Entry<String, Object> m : values.entrySet()) {
            String key = Text.label(m.getKey());
            Object v = m.getValue();
            if (key == null || v == null) continue;
            g.writeFieldName(key);
            if (v instanceof Boolean) g.writeBoolean((Boolean) v);
            else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
                g.writeNumber(((Number) v).longValue());
            else if (v instanceof BigDecimal) g.writeNumber((BigDecimal) v);
            else if (v instanceof BigInteger) g.writeNumber((BigInteger) v);
            else if (v instanceof Number) {
                double d = ((Number) v).doubleValue();
                if (Double.isFinite(d)) g.writeNumber(d);
                else g.writeString(Double.toString(d));
            } else if (dimensions) {
                String label = Text.label(v.toString());
                g.writeString(label == null ? "" : label);
            } else g.writeString(Text.text(v.toString()));
        }
    }

    /** Refuses, at the call site, a value the contract cannot carry as a scalar. */
    static void checkScalar(String key, Object value) {
        if (key == null || key.isEmpty()) throw new IllegalArgumentException("an attribute or property needs a key");
        if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new IllegalArgumentException(key + " must be a String, Number or Boolean (got "
                    + value.getClass().getName() + ")");
        }
    }
}
