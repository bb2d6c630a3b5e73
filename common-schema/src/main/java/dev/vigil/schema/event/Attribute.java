package dev.vigil.schema.event;

import java.util.Objects;

/**
 * One attribute value with its JSON type. Numbers keep the literal the producer sent (no precision
 * lost to a double); nulls and empty objects or arrays are kept as such. A Flink POJO.
 */
public final class Attribute {
    public enum Kind {
        STRING,
        NUMBER,
        BOOLEAN,
        NULL,
        EMPTY_OBJECT,
        EMPTY_ARRAY
    }

    public Kind kind;
    /** The string, the number's literal, {@code true} or {@code false}; null for the other kinds. */
    public String text;

    public Attribute() {}

    private Attribute(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    public static Attribute string(String s) {
        return new Attribute(Kind.STRING, s);
    }

    /** @param literal a JSON number literal */
    public static Attribute number(String literal) {
        return new Attribute(Kind.NUMBER, literal);
    }

    public static Attribute bool(boolean b) {
        return new Attribute(Kind.BOOLEAN, b ? "true" : "false");
    }

    public static Attribute of(Kind kind) {
        if (kind == Kind.STRING || kind == Kind.NUMBER || kind == Kind.BOOLEAN)
            throw new IllegalArgumentException(kind + " has a value");
        return new Attribute(kind, null);
    }

    /** The number as a double when it is a finite one, else NaN (strings, booleans, literals beyond a double's range). */
    public double finiteNumber() {
        if (kind != Kind.NUMBER) return Double.NaN;
        double d = Double.parseDouble(text);
        return Double.isInfinite(d) ? Double.NaN : d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute && kind == ((Attribute) o).kind && Objects.equals(text, ((Attribute) o).text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, text);
    }

    @Override
    public String toString() {
        // Never the value: it may hold PII before masking.
        return "Attribute{" + kind + (text == null ? "" : ", " + text.length() + " chars") + "}";
    }
}
