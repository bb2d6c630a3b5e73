package dev.vigil.runtime.sinks.hot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.runtime.sinks.elasticsearch.DocumentIds;
import java.io.IOException;
import java.util.Map;

/** One event as the hot tier holds it: its document ID, event time, service, level, correlation ID and JSON. */
public record HotEntry(String id, long timestamp, String service, String level, String correlationId, String json) {
    private static final JsonFactory JSON = new JsonFactory();

    /** A stream entry: its {@code json} field is the event (entries once had more fields; they are read the same way). */
    static HotEntry of(Map<String, String> fields) {
        return ofJson(fields.get("json"));
    }

    /** An event as the sink wrote it, the JSON alone: IDs, time, service and level read from it. */
    static HotEntry ofJson(String json) {
        String service = null, level = null, cid = null, id = null;
        long ts = 0;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not an object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                switch (name) {
                    case "event_id" -> id = p.getText();
                    case "timestamp" -> ts = p.getLongValue();
                    case "service" -> service = p.getText();
                    case "level", "severity" -> level = p.getText();
                    case "correlation_id" -> cid = p.getText();
                    default -> {}
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("a hot-tier entry is not the JSON the sink writes: " + e.getMessage(), e);
        }
        return new HotEntry(DocumentIds.event(service, id), ts, service, level, cid, json);
    }

    /** The top-level {@code message} of the event's JSON (agent logs and errors have one), or "". */
    public String message() {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) p.skipChildren();
                else if (name.equals("message")) return p.getText();
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }
}
