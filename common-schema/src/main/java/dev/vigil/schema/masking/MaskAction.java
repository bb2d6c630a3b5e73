package dev.vigil.schema.masking;

/** What to do with a detected span. */
public enum MaskAction {
    /** Replace with {@code [REDACTED:kind]}. */
    REDACT,
    /** Replace with a keyed hash (HMAC-SHA256), {@code [kind:16 hex]}: the same value stays joinable. */
    HASH,
    /** Keep only the last four letters or digits, {@code [kind:…1234]}. */
    PARTIAL,
    /** Leave the span as it is (the rule is off). */
    KEEP
}
