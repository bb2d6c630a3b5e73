package dev.vigil.schema.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.schema.contract.ContractFields;
import dev.vigil.schema.contract.FieldNaming;
import dev.vigil.schema.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes an event back in the contract's JSON shape (snake_case, epoch-millisecond timestamp,
 * attributes as a flat object), field by field as {@link ContractFields} declares them: the archive's
 * record format and the base of every document. The parser reads it back to an equal event.
 */
public final class EventJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private EventJson() {}

    public static byte[] toBytes(Event e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            writeFields(g, e);
            g.writeEndObject();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toByteArray();
    }

    /** The fields of {@code e}, without the enclosing braces, so callers can add their own. */
    public static void writeFields(JsonGenerator g, Event e) throws IOException {
        writeFields(g, e, FieldNaming.VIGIL);
    }

    /** The fields of {@code e} under their {@code naming} names (documents may use ECS names). */
    public static void writeFields(JsonGenerator g, Event e, FieldNaming naming) throws IOException {
        ContractFields.ENVELOPE.write(g, e, naming);
        ContractFields.payload(e.type).write(g, e, naming);
    }
}
