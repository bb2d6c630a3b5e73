package dev.vigil.client;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of the contract, as the application thread hands it over: references to what it already has (message,
 * logger name, IDs), no JSON yet. The publisher thread writes it ({@link ContractJson}), so a log call costs one
 * small object on the caller's thread.
 */
public abstract class ContractEvent {
    final long timestamp;
    final String correlationId;
    final String traceId;
    final String spanId;
    /** String, Number or Boolean values; null when there are none. */
    Map<String, Object> attributes;

    ContractEvent(long timestamp, String correlationId, String traceId, String spanId) {
        this.timestamp = timestamp;
        this.correlationId = correlationId;
        this.traceId = traceId;
        this.spanId = spanId;
    }

    /** The contract's {@code type}. */
    abstract String type();

    /** The type's own fields, after the envelope. */
    abstract void writePayload(JsonGenerator g, ContractJson json) throws IOException;

    void attribute(String key, Object value) {
        if (value == null) return;
        if (attributes == null) attributes = new LinkedHashMap<>();
        attributes.put(key, value);
    }
}
