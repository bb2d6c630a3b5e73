package dev.vigil.schema.correlation;

import dev.vigil.schema.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How every event gets a correlation ID, so requests can be followed across services:
 * the producer's {@code correlation_id} if sent; else the trace ID (one trace is one request);
 * else one derived from the event ID, marked {@code correlationGenerated} (deterministic, so a
 * replay assigns the same ID).
 */
public final class Correlation {
    public static final String HEADER_CORRELATION_ID = "x-correlation-id";
    public static final String HEADER_TRACEPARENT = "traceparent";

    private Correlation() {}

    public static void assign(Event e) {
        if (e.correlationId != null) return;
        if (e.traceId != null) {
            e.correlationId = e.traceId;
        } else {
            e.correlationId = "gen-" + e.eventId;
            e.correlationGenerated = true;
        }
    }

    /** Headers a service puts on an outgoing call made while handling {@code e}: same correlation, child span. */
    public static Map<String, String> outgoingHeaders(Event e) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_CORRELATION_ID, e.correlationId);
        if (e.traceId != null && e.spanId != null) {
            headers.put(
                    HEADER_TRACEPARENT,
                    new TraceContext(e.traceId, e.spanId, true).child().toTraceparent());
        }
        return headers;
    }

    /** Fills correlation and trace fields of {@code e} from incoming headers (names case-insensitive). */
    public static void fromIncomingHeaders(Map<String, String> headers, Event e) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey().toLowerCase(java.util.Locale.ROOT);
            if (name.equals(HEADER_CORRELATION_ID) && e.correlationId == null && isValidCorrelationId(h.getValue())) {
                e.correlationId = h.getValue();
            } else if (name.equals(HEADER_TRACEPARENT) && e.traceId == null) {
                TraceContext caller = TraceContext.parse(h.getValue());
                if (caller != null) {
                    TraceContext mine = caller.child();
                    e.traceId = mine.traceId;
                    e.spanId = mine.spanId;
                    e.parentSpanId = caller.spanId;
                }
            }
        }
    }

    /** 1 to 128 printable ASCII characters, no spaces: safe as a key in every sink. */
    public static boolean isValidCorrelationId(String s) {
        return isPrintableToken(s, 128);
    }

    public static boolean isPrintableToken(String s, int maxLength) {
        if (s == null || s.isEmpty() || s.length() > maxLength) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E) return false;
        }
        return true;
    }
}
