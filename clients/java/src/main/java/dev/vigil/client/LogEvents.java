package dev.vigil.client;

/**
 * A logging framework's event as a contract event, the one mapping both appenders use: an event with a throwable
 * becomes an {@code error} (as the pipeline's OTLP input maps a log record with {@code exception.*}), any other an
 * {@code agent_log}; the IDs come from the event's MDC.
 */
public final class LogEvents {
    private LogEvents() {}

    /**
     * @param level TRACE, DEBUG, INFO, WARN, ERROR or FATAL
     */
    public static ContractEvent of(
            long timestamp,
            String level,
            String logger,
            String message,
            String thread,
            Throwable thrown,
            String correlationId,
            String traceId,
            String spanId) {
        if (thrown != null) {
            String severity = level.equals("FATAL") ? "fatal" : level.equals("ERROR") ? "error" : "warning";
            return new ErrorReport(timestamp, thrown, message, logger, severity, correlationId, traceId, spanId);
        }
        return new LogEntry(timestamp, level, logger, message, thread, correlationId, traceId, spanId);
    }
}
