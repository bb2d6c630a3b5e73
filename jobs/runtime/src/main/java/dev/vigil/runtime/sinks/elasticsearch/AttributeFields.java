package dev.vigil.runtime.sinks.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.schema.contract.FieldNaming;
import dev.vigil.schema.event.Attribute;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * How attributes are made searchable with their types, in the log and error indices.
 *
 * <p>{@code attribute_values} is a {@code nested} field of one object per attribute — {@code key},
 * {@code type}, and {@code string}, {@code number} (double) or {@code boolean} — so the mapping has
 * the same five fields whatever keys producers send: two events that give one key different types
 * cannot conflict, keys such as {@code a} and {@code a.b} cannot clash as leaf and object, and no
 * producer can grow the mapping (a field per key would need a cap and an overflow; this needs
 * neither). It is left out of {@code _source} by the templates; {@code attributes} there keeps the
 * values as sent. {@code attribute_pairs} ({@code key=value} keywords) serves plain term search.
 */
public final class AttributeFields {
    private AttributeFields() {}

    /** The two fields, named as {@code naming} names fields that are not the contract's. */
    public static void write(JsonGenerator g, Map<String, Attribute> attributes, FieldNaming naming)
            throws IOException {
        if (attributes == null || attributes.isEmpty()) return;
        Map<String, Attribute> sorted = new TreeMap<>(attributes);
        g.writeArrayFieldStart(naming.extra("attribute_pairs"));
        for (Map.Entry<String, Attribute> a : sorted.entrySet()) {
            if (a.getValue().text != null) g.writeString(a.getKey() + "=" + a.getValue().text);
        }
        g.writeEndArray();
        g.writeArrayFieldStart(naming.extra("attribute_values"));
        for (Map.Entry<String, Attribute> a : sorted.entrySet()) {
            Attribute v = a.getValue();
            g.writeStartObject();
            g.writeStringField("key", a.getKey());
            g.writeStringField("type", typeName(v.kind));
            switch (v.kind) {
                case STRING:
                    g.writeStringField("string", v.text);
                    break;
                case NUMBER:
                    double d = v.finiteNumber();
                    if (Double.isNaN(d))
                        g.writeStringField("string", v.text); // beyond a double: searchable as its literal
                    else g.writeNumberField("number", d);
                    break;
                case BOOLEAN:
                    g.writeBooleanField("boolean", Boolean.parseBoolean(v.text));
                    break;
                default:
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static String typeName(Attribute.Kind kind) {
        switch (kind) {
            case STRING:
                return "string";
            case NUMBER:
                return "number";
            case BOOLEAN:
                return "boolean";
            case NULL:
                return "null";
            case EMPTY_OBJECT:
                return "object";
            case EMPTY_ARRAY:
                return "array";
            default:
                throw new IllegalStateException(kind.name());
        }
    }
}
