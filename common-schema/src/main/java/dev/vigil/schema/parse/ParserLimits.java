package dev.vigil.schema.parse;

/** Limits that protect the jobs from hostile or broken input. Every one is configurable. */
public class ParserLimits implements java.io.Serializable {
    /** Largest accepted message, in bytes. */
    public int maxBytes = 1 << 20;
    /** Deepest accepted nesting of objects and arrays. */
    public int maxDepth = 16;
    /** Most attributes after flattening (unknown fields included). */
    public int maxAttributes = 128;
    /** How far in the past an event time may lie, relative to now; 0 disables the check. */
    public long maxPastMillis = 30L * 24 * 3600 * 1000;
    /** How far in the future an event time may lie, relative to now; 0 disables the check. */
    public long maxFutureMillis = 30L * 1000;

    public ParserLimits() {}

    /** Limits with the relative time window switched off (replays and fixed test data). */
    public static ParserLimits withoutClockWindow() {
        ParserLimits l = new ParserLimits();
        l.maxPastMillis = 0;
        l.maxFutureMillis = 0;
        return l;
    }
}
