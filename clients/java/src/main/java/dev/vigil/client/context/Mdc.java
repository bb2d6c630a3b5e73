package dev.vigil.client.context;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The logging frameworks' mapped diagnostic contexts, where a service's log lines pick up the request's IDs: SLF4J's
 * MDC (logback, and log4j2 through its SLF4J binding) and log4j2's ThreadContext, whichever are on the class path.
 * When one is the other under another name (SLF4J bound to log4j2, or log4j2's API routed to SLF4J) the IDs are
 * written once: every write copies log4j2's copy-on-write map, and writing both made twelve copies per request.
 */
public final class Mdc {
    public static final String CORRELATION_ID = "correlation_id";
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";
    private static final List<String> KEYS = List.of(CORRELATION_ID, TRACE_ID, SPAN_ID);

    private static final boolean LOG4J = present("org.apache.logging.log4j.ThreadContext")
            && !present("org.apache.logging.slf4j.MDCContextMap"); // log4j-to-slf4j: ThreadContext is SLF4J's MDC
    private static final boolean SLF4J = present("org.slf4j.MDC") && !(LOG4J && isLog4j(slf4jAdapter()));

    private Mdc() {}

    static void put(RequestContext c) {
        if (SLF4J) {
            org.slf4j.MDC.put(CORRELATION_ID, c.correlationId());
            org.slf4j.MDC.put(TRACE_ID, c.trace().traceId());
            org.slf4j.MDC.put(SPAN_ID, c.trace().spanId());
        }
        if (LOG4J) {
            Map<String, String> ids = new HashMap<>(4);
            ids.put(CORRELATION_ID, c.correlationId());
            ids.put(TRACE_ID, c.trace().traceId());
            ids.put(SPAN_ID, c.trace().spanId());
            org.apache.logging.log4j.ThreadContext.putAll(ids); // one copy of the map, not one per key
        }
    }

    static void clear() {
        if (SLF4J) {
            org.slf4j.MDC.remove(CORRELATION_ID);
            org.slf4j.MDC.remove(TRACE_ID);
            org.slf4j.MDC.remove(SPAN_ID);
        }
        if (LOG4J) org.apache.logging.log4j.ThreadContext.removeAll(KEYS);
    }

    /** Whether an SLF4J MDC adapter of this class stores in log4j2's ThreadContext (log4j-slf4j2-impl, log4j-slf4j-impl). */
    static boolean isLog4j(String mdcAdapterClass) {
        return mdcAdapterClass != null && mdcAdapterClass.startsWith("org.apache.logging.");
    }

    private static String slf4jAdapter() {
        try {
            Object adapter = org.slf4j.MDC.getMDCAdapter();
            return adapter == null ? null : adapter.getClass().getName();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Mdc.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
