package dev.vigil.schema.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.schema.event.Event;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The fields of one part of an event (the envelope or one type's payload), in the order they are
 * written, with the payload's place on the {@link Event}.
 */
public final class FieldTable<P> {
    /** The JSON Schema resource that declares these fields (under {@code /schemas}). */
    public final String schema;

    /** Where this table's bits start: the envelope's at 0, each payload's at 32, so one long holds both. */
    private final int firstBit;

    private final Function<Event, P> part;
    private final Function<Event, P> partOrNew;
    private final List<Field<P, ?>> fields = new ArrayList<>();
    private final List<Field<P, ?>> view = Collections.unmodifiableList(fields);
    /** The bits of the required fields. */
    private long requiredBits;

    private final Map<String, Field<P, ?>> inputByName = new HashMap<>();

    FieldTable(String schema, int firstBit, Function<Event, P> part, Function<Event, P> partOrNew) {
        this.schema = schema;
        this.firstBit = firstBit;
        this.part = part;
        this.partOrNew = partOrNew;
    }

    <V> FieldTable<P> add(String name, ValueType<V> type, Function<P, V> get, BiConsumer<P, V> set) {
        return add(name, type, Field.Presence.OPTIONAL, get, set);
    }

    <V> FieldTable<P> add(
            String name, ValueType<V> type, Field.Presence presence, Function<P, V> get, BiConsumer<P, V> set) {
        if (fields.size() == 32) throw new IllegalStateException(schema + " has more than 32 fields");
        Field<P, V> field = new Field<>(name, type, presence, 1L << (firstBit + fields.size()), partOrNew, get, set);
        fields.add(field);
        if (presence == Field.Presence.REQUIRED) requiredBits |= field.bit;
        if (field.isInput() && inputByName.put(name, field) != null) {
            throw new IllegalStateException(name + " is declared twice in " + schema);
        }
        return this;
    }

    /** Gives the field added last its Elastic Common Schema name (else it is {@code vigil.<name>}). */
    FieldTable<P> ecs(String name) {
        fields.get(fields.size() - 1).ecsName(name);
        return this;
    }

    /** Every field, in writing order. */
    public List<Field<P, ?>> fields() {
        return view;
    }

    /** The first required field whose bit {@code seen} lacks, in table order, or null when it has all. */
    public Field<P, ?> firstMissing(long seen) {
        if ((seen & requiredBits) == requiredBits) return null;
        for (int i = 0; i < fields.size(); i++) {
            Field<P, ?> f = fields.get(i);
            if (f.presence == Field.Presence.REQUIRED && (seen & f.bit) == 0) return f;
        }
        throw new IllegalStateException();
    }

    /** The field input may carry under {@code name}, or null. */
    public Field<P, ?> inputField(String name) {
        return inputByName.get(name);
    }

    /** This part of {@code e}, or null when the event has none. */
    public P of(Event e) {
        return part.apply(e);
    }

    /** This part of {@code e}, created when it has none yet (the parser fills it in). */
    public P ofOrNew(Event e) {
        return partOrNew.apply(e);
    }

    /** Input fields by name, added to {@code inputs}; a name already there is a declaration error. */
    void addInputsTo(Map<String, Field<?, ?>> inputs) {
        for (Field<P, ?> f : inputByName.values()) {
            if (inputs.put(f.name, f) != null) throw new IllegalStateException(f.name + " is declared twice");
        }
    }

    /** Writes this part's fields of {@code e} under their {@code naming} names, nothing if it has none. */
    public void write(JsonGenerator g, Event e, FieldNaming naming) throws IOException {
        P p = part.apply(e);
        if (p == null) return;
        for (int i = 0; i < fields.size(); i++) { // no iterator: once per event
            Field<P, ?> f = fields.get(i);
            if (f.isOutput()) f.write(g, p, naming);
        }
    }
}
