package dev.vigil.client.context;

/**
 * The logging frameworks' mapped diagnostic contexts, where a service's log lines pick up the request's IDs: SLF4J's
 * MDC (logback, and log4j2 through its SLF4J binding) and log4j2's ThreadContext, whichever are on the class path.
 */
public final class Mdc {
    public static final String CORRELATION_ID = "correlation_id";
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";

    private static final boolean SLF4J = present("org.slf4j.MDC");
    private static final boolean LOG4J = present("org.apache.logging.log4j.ThreadContext");

    private Mdc() {}

    static void put(RequestContext c) {
        if (SLF4J) {
            org.slf4j.MDC.put(CORRELATION_ID, c.correlationId());
            org.slf4j.MDC.put(TRACE_ID, c.trace().traceId());
            org.slf4j.MDC.put(SPAN_ID, c.trace().spanId());
        }
        if (LOG4J) {
            org.apache.logging.log4j.ThreadContext.put(CORRELATION_ID, c.correlationId());
            org.apache.logging.log4j.ThreadContext.put(TRACE_ID, c.trace().traceId());
            org.apache.logging.log4j.ThreadContext.put(SPAN_ID, c.trace().spanId());
        }
    }

    static void clear() {
        if (SLF4J) {
            org.slf4j.MDC.remove(CORRELATION_ID);
            org.slf4j.MDC.remove(TRACE_ID);
            org.slf4j.MDC.remove(SPAN_ID);
        }
        if (LOG4J) {
            org.apache.logging.log4j.ThreadContext.remove(CORRELATION_ID);
            org.apache.logging.log4j.ThreadContext.remove(TRACE_ID);
            org.apache.logging.log4j.ThreadContext.remove(SPAN_ID);
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
