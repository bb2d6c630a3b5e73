package dev.vigil.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/** An {@code agent_log}: one log line of the service, as a logging framework's appender captures it. */
public final class LogEntry extends ContractEvent {
    // written for every log line: encoded once
    private static final SerializedString LEVEL = new SerializedString("level");
    private static final SerializedString LOGGER = new SerializedString("logger");
    private static final SerializedString MESSAGE = new SerializedString("message");
    private static final SerializedString ATTRIBUTES = new SerializedString("attributes");
    private static final SerializedString THREAD_NAME = new SerializedString("thread.name");

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
        g.writeFieldName(LEVEL);
        g.writeString(level);
        ContractJson.field(g, LOGGER, Text.label(logger));
        ContractJson.field(g, MESSAGE, message == null ? "" : Text.text(message));
        if (thread != null) {
            g.writeFieldName(ATTRIBUTES);
            g.writeStartObject();
            ContractJson.field(g, THREAD_NAME, Text.text(thread));
            g.writeEndObject();
        }
    }
}
