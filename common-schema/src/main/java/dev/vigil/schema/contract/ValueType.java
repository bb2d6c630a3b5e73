package dev.vigil.schema.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * One kind of contract value (a label, a non-negative count, a stack, ...): how the parser reads and
 * checks it, how it is written back in the contract's JSON, how the archive's Parquet schema stores it
 * and how the search index maps it. Every field of {@link ContractFields} has one.
 */
public abstract class ValueType<V> {
    /** The archive column a value is stored in; nested values are JSON text in a {@code <field>_json} column. */
    public enum Column {
        STRING,
        INT32,
        INT64,
        DOUBLE,
        BOOLEAN,
        TIMESTAMP_MILLIS,
        JSON
    }

    /** What a value of the wrong JSON type is told it must be, e.g. "a string". */
    final String expected;
    /** The archive column, or null for a value only read (traceparent). */
    public final Column column;
    /** The search index mapping of the field, as JSON, or null for a value only read. */
    public final String mapping;

    ValueType(String expected, Column column, String mapping) {
        this.expected = expected;
        this.column = column;
        this.mapping = mapping;
    }

    /** The value at the parser's current token, or null for JSON null; rejects what the contract does not allow. */
    abstract V read(JsonParser p, String field) throws IOException;

    /** Writes the value in the contract's JSON form, which the parser reads back equal. */
    abstract void write(JsonGenerator g, V value) throws IOException;

    /** Writes the field: its name and value (a type may add a field it derives, as frames do). */
    void writeField(JsonGenerator g, String field, V value) throws IOException {
        g.writeFieldName(field);
        write(g, value);
    }

    /** The Parquet cell of {@link #column}: a String, Integer, Long, Double or Boolean (JSON text for JSON). */
    Object cell(V value) {
        return value;
    }
}
