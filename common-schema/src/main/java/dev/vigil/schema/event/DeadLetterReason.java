package dev.vigil.schema.event;

/** Why an input was dead-lettered. The code is stable: alerts, dashboards and tests match on it. */
public enum DeadLetterReason {
    MALFORMED_JSON,
    INVALID_UTF8,
    NOT_AN_OBJECT,
    MISSING_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    INVALID_TRACE_CONTEXT,
    TIMESTAMP_UNPARSEABLE,
    TIMESTAMP_OUT_OF_RANGE,
    UNKNOWN_TYPE,
    UNSUPPORTED_SCHEMA_VERSION,
    OVERSIZE,
    TOO_DEEP,
    DUPLICATE_FIELD,
    TOO_MANY_ATTRIBUTES
}
