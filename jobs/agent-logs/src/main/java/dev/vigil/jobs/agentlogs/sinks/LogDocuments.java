package dev.vigil.jobs.agentlogs.sinks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.runtime.sinks.elasticsearch.DocumentWriter;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.json.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Log documents: {@code _id} is the event ID (a replay overwrites), daily indices behind the
 * {@code vigil-logs} alias. Attributes are stored but not indexed as fields; they are searchable as
 * {@code attribute_pairs: "key=value"}, so no producer can explode the mapping.
 */
public class LogDocuments implements DocumentWriter<Event> {
    public static final String ALIAS = "vigil-logs";
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String id(Event e) {
        return e.eventId;
    }

    @Override
    public String index(Event e) {
        return DailyIndex.name(ALIAS, e.timestamp);
    }

    @Override
    public byte[] json(Event e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            EventJson.writeFields(g, e);
            g.writeBooleanField("correlation_generated", e.correlationGenerated);
            g.writeNumberField("sample_rate", e.sampleRate);
            if (e.attributes != null && !e.attributes.isEmpty()) {
                g.writeArrayFieldStart("attribute_pairs");
                for (Map.Entry<String, String> a : new TreeMap<>(e.attributes).entrySet()) g.writeString(a.getKey() + "=" + a.getValue());
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toByteArray();
    }
}
