package dev.vigil.schema.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.schema.event.Event;
import java.io.IOException;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One field of the contract: its JSON name, its {@link ValueType}, whether input must carry it, and
 * where it lives on the event's Java object ({@code P}: the envelope {@code Event} or a payload).
 */
public final class Field<P, V> {
    /** Whether input carries the field, and whether every parsed event has it. */
    public enum Presence {
        /** May be absent. */
        OPTIONAL,
        /** Input must carry it (a JSON null is the wrong type). */
        REQUIRED,
        /** May be absent from input, but the parser fills it in (event_id, schema_version). */
        DEFAULTED,
        /** Only read: the parser derives other fields from it (traceparent). */
        INPUT_ONLY,
        /** Set by Vigil, never read: in input the name stays an attribute (an error's group). */
        DERIVED
    }

    public final String name;
    public final ValueType<V> type;
    public final Presence presence;
    /** This field's bit among the envelope's and one payload's fields: the parser keeps those it has read as bits. */
    public final long bit;

    /** The Elastic Common Schema name, see {@link FieldNaming#ECS}. */
    private String ecsName;

    private final Function<Event, P> part;
    private final Function<P, V> get;
    private final BiConsumer<P, V> set;

    Field(
            String name,
            ValueType<V> type,
            Presence presence,
            long bit,
            Function<Event, P> part,
            Function<P, V> get,
            BiConsumer<P, V> set) {
        this.name = name;
        this.type = type;
        this.presence = presence;
        this.bit = bit;
        this.ecsName = "vigil." + name;
        this.part = part;
        this.get = get;
        this.set = set;
    }

    /** Whether the parser reads the field from input (everything the JSON Schemas declare). */
    public boolean isInput() {
        return presence != Presence.DERIVED;
    }

    /** Whether the field is written back (JSON, the archive, documents). */
    public boolean isOutput() {
        return presence != Presence.INPUT_ONLY;
    }

    /** The archive column's name: nested values are JSON text in {@code <name>_json}. */
    public String column() {
        return type.column == ValueType.Column.JSON ? name + "_json" : name;
    }

    /** Reads the value at the parser's current token into its part of {@code e}, creating the part if needed. */
    public void readInto(JsonParser p, Event e) throws IOException {
        read(p, part.apply(e));
    }

    /** Reads the value at the parser's current token into {@code target}. */
    public void read(JsonParser p, P target) throws IOException {
        if (presence == Presence.REQUIRED && p.currentToken() == JsonToken.VALUE_NULL) {
            throw Rejection.wrongType(name, type.expected);
        }
        set.accept(target, type.read(p, name));
    }

    public String ecsName() {
        return ecsName;
    }

    void ecsName(String ecsName) {
        this.ecsName = ecsName;
    }

    /** Writes the field in the contract's JSON form under its {@code naming} name, unless {@code source} has no value for it. */
    public void write(JsonGenerator g, P source, FieldNaming naming) throws IOException {
        V v = get.apply(source);
        if (v != null) type.writeField(g, naming.of(this), v);
    }

    /** The archive cell (String, Integer, Long, Double or Boolean), or null when {@code source} has no value. */
    public Object cell(P source) {
        V v = get.apply(source);
        return v == null ? null : type.cell(v);
    }

    @Override
    public String toString() {
        return name;
    }
}
