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
    TOO_MANY_ATTRIBUTES,
    /** An alert without a valid signature of Vigil's jobs. */
    UNAUTHENTICATED,
    /** Event time further ahead of the record's broker time than the allowed skew. */
    FUTURE_TIMESTAMP,
    /** The event names a service its topic may not carry (kafka.topic-services). */
    UNAUTHORIZED_SERVICE,
    /** A sink refused the record for its content (not its connectivity); the detail holds the sink's error. */
    SINK_REJECTED,
    /** An OTLP export request that is not protobuf or OTLP/JSON of its topic's signal (kafka.topic-formats). */
    MALFORMED_OTLP
}
