package dev.vigil.schema.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.schema.event.Alert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The alerts topic's record format: one {@link Alert} as a JSON object with snake_case keys. */
public final class AlertJson {
    private static final JsonFactory JSON = new JsonFactory();

    private AlertJson() {}

    public static byte[] toBytes(Alert a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("fingerprint", a.fingerprint);
            g.writeStringField("name", a.name);
            g.writeStringField("severity", a.severity);
            g.writeStringField("status", a.status);
            g.writeStringField("service", a.service);
            g.writeNumberField("starts_at", a.startsAt);
            g.writeNumberField("ends_at", a.endsAt);
            g.writeNumberField("window_start", a.windowStart);
            g.writeNumberField("window_end", a.windowEnd);
            g.writeNumberField("observed", a.observed);
            g.writeNumberField("baseline", a.baseline);
            writeMap(g, "labels", a.labels);
            writeMap(g, "annotations", a.annotations);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads an alert; throws {@link IOException} naming what is wrong for anything that is not one. */
    public static Alert fromBytes(byte[] bytes) throws IOException {
        Alert a = new Alert();
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("an alert must be a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "fingerprint" -> a.fingerprint = p.getValueAsString();
                    case "name" -> a.name = p.getValueAsString();
                    case "severity" -> a.severity = p.getValueAsString();
                    case "status" -> a.status = p.getValueAsString();
                    case "service" -> a.service = p.getValueAsString();
                    case "starts_at" -> a.startsAt = p.getLongValue();
                    case "ends_at" -> a.endsAt = p.getLongValue();
                    case "window_start" -> a.windowStart = p.getLongValue();
                    case "window_end" -> a.windowEnd = p.getLongValue();
                    case "observed" -> a.observed = p.getDoubleValue();
                    case "baseline" -> a.baseline = p.getDoubleValue();
                    case "labels" -> a.labels = readMap(p);
                    case "annotations" -> a.annotations = readMap(p);
                    default -> p.skipChildren();
                }
            }
        }
        if (a.fingerprint == null || a.fingerprint.isEmpty()) throw new IOException("an alert needs a fingerprint");
        if (a.name == null || a.status == null || a.severity == null)
            throw new IOException("an alert needs name, status and severity");
        if (!a.status.equals(Alert.FIRING) && !a.status.equals(Alert.RESOLVED))
            throw new IOException("unknown alert status " + a.status);
        return a;
    }

    private static void writeMap(JsonGenerator g, String name, Map<String, String> m) throws IOException {
        if (m == null) return;
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : m.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
    }

    private static Map<String, String> readMap(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) throw new IOException("labels and annotations must be objects");
        Map<String, String> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) throw new IOException("label " + k + " must be a string");
            m.put(k, p.getText());
        }
        return m;
    }
}
