package dev.vigil.jobs.alerting.sinks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.schema.event.Alert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v2/alerts}: a JSON array of postable alerts. */
public final class AlertmanagerJson {
    private static final JsonFactory JSON = new JsonFactory();

    private AlertmanagerJson() {}

    public static byte[] body(List<Alert> alerts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768 * alerts.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (Alert a : alerts) write(g, a);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Alert a) throws IOException {
        g.writeStartObject();
        writeMap(g, "labels", a.labels);
        writeMap(g, "annotations", a.annotations);
        g.writeStringField("startsAt", Instant.ofEpochMilli(a.startsAt).toString());
        if (a.endsAt > 0)
            g.writeStringField("endsAt", Instant.ofEpochMilli(a.endsAt).toString());
        String link = a.annotations == null ? null : a.annotations.get("query_url");
        if (link != null) g.writeStringField("generatorURL", link);
        g.writeEndObject();
    }

    private static void writeMap(JsonGenerator g, String name, Map<String, String> m) throws IOException {
        g.writeObjectFieldStart(name);
        if (m != null) for (Map.Entry<String, String> e : m.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
    }
}
