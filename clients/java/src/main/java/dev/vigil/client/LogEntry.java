package dev.vigil.client;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** An {@code agent_log}: one log line of the service, as a logging framework's appender captures it. */
public final class LogEntry extends ContractEvent {
    final String level;
    final String logger;
    final String message;
    final String thread;

    /** {@code level} one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL. */
    public LogEntry(
            long timestamp,
            String level,
            String logger,
            String message,
            String thread,
            String correlationId,
            String traceId,
            String spanId) {
        super(timestamp, correlationId, traceId, spanId);
        this.level = level;
        this.logger = logger;
        this.message = message;
        this.thread = thread;
    }

    @Override
    String type() {
        return "agent_log";
    }

    @Override
    void writePayload(JsonGenerator g, ContractJson json) throws IOException {
        g.writeStringField("level", level);
        String name = Text.label(logger);
        if (name != null) g.writeStringField("logger", name);
        g.writeStringField("message", message == null ? "" : Text.text(message));
        if (thread != null) {
            g.writeObjectFieldStart("attributes");
            g.writeStringField("thread.name", Text.text(thread));
            g.writeEndObject();
        }
    }
}
