package dev.vigil.runtime.sinks.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes one JSON object with Jackson's streaming generator: the body of a document. */
public final class JsonBodies {
    private static final JsonFactory JSON = new JsonFactory();

    /** The fields of the object. */
    public interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonBodies() {}

    public static byte[] object(int expectedSize, Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(expectedSize);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
