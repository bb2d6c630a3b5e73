package dev.vigil.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
 */
public final class ContractJson {
    private static final JsonFactory JSON = new JsonFactory();

    private final ClientSettings settings;
    final List<String> appPackages;
    private final String idPrefix;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
    private long sequence;

    public ContractJson(ClientSettings settings) {
        this.settings = settings;
        this.appPackages = settings.appPackages;
        this.idPrefix = "c-" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE) + "-";
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
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("event_id", idPrefix + Long.toHexString(sequence++));
            g.writeStringField("type", e.type());
            g.writeNumberField("timestamp", e.timestamp);
            g.writeStringField("service", settings.service);
            if (settings.environment != null) g.writeStringField("environment", settings.environment);
            writeToken(g, "host", settings.host, 255);
            writeToken(g, "instance", settings.instance, 255);
            writeToken(g, "correlation_id", e.correlationId, 128);
            if (TraceParent.isTraceId(e.traceId)) g.writeStringField("trace_id", e.traceId);
            if (TraceParent.isSpanId(e.spanId)) g.writeStringField("span_id", e.spanId);
            e.writePayload(g, this);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // writing to memory
        }
        if (line) buffer.append('\n');
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
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
