package dev.vigil.client;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * An {@code error}: an exception with its stack frames, innermost first (as Java prints them). From
 * {@link Vigil#error(Throwable)} or from a log call that carries a throwable.
 */
public final class ErrorReport extends ContractEvent {
    /** Frames sent at most; the parser keeps the first and last 128 of what arrives. */
    static final int MAX_FRAMES = 1024;
    /**
     * Frames of code that is not the application's, unless {@link ClientSettings.Builder#appPackage} says otherwise:
     * the pipeline's own list for OTLP input (common-schema's {@code JavaLibraries}; a test holds the two equal).
     */
    static final String[] LIBRARY_PREFIXES = {
        "java.",
        "javax.",
        "jdk.",
        "sun.",
        "com.sun.",
        "jakarta.",
        "kotlin.",
        "kotlinx.",
        "scala.",
        "org.apache.",
        "org.springframework.",
        "io.netty.",
        "org.eclipse.jetty.",
        "io.undertow.",
        "com.fasterxml.",
        "org.hibernate.",
        "reactor.",
        "io.micrometer."
    };

    final Throwable throwable;
    final String message;
    final String logger;
    final String severity;
    Boolean handled;
    Integer httpStatus;
    String operation;
    String userId;

    /**
     * @param message the log line's message, or null for the exception's own
     * @param severity warning, error or fatal
     */
    public ErrorReport(
            long timestamp,
            Throwable throwable,
            String message,
            String logger,
            String severity,
            String correlationId,
            String traceId,
            String spanId) {
        super(timestamp, correlationId, traceId, spanId);
        this.throwable = throwable;
        this.message = message;
        this.logger = logger;
        this.severity = severity;
    }

    @Override
    String type() {
        return "error";
    }

    @Override
    void writePayload(JsonGenerator g, ContractJson json) throws IOException {
        g.writeStringField("error_type", Text.label(throwable.getClass().getName()));
        String own = throwable.getMessage();
        String text = own != null
                ? own
                : message != null ? message : throwable.getClass().getSimpleName();
        g.writeStringField("message", Text.text(text));
        if (severity != null) g.writeStringField("severity", severity);
        if (handled != null) g.writeBooleanField("handled", handled);
        if (httpStatus != null) g.writeNumberField("http_status", httpStatus);
        String op = Text.label(operation);
        if (op != null) g.writeStringField("operation", op);
        ContractJson.writeToken(g, "user_id", userId, 256);
        writeFrames(g, throwable.getStackTrace(), json.appPackages);
        boolean extra = (own != null && message != null) || logger != null || throwable.getCause() != null;
        if (extra || attributes != null) {
            g.writeObjectFieldStart("attributes");
            if (own != null && message != null) g.writeStringField("log.message", Text.text(message));
            if (logger != null) g.writeStringField("log.logger", Text.text(logger));
            Throwable cause = throwable.getCause();
            if (cause != null)
                g.writeStringField("exception.cause", Text.text(cause.getClass().getName()));
            if (attributes != null) ContractJson.writeScalars(g, attributes, false);
            g.writeEndObject();
        }
    }

    private static void writeFrames(JsonGenerator g, StackTraceElement[] stack, List<String> appPackages)
            throws IOException {
        if (stack.length == 0) return;
        g.writeArrayFieldStart("frames");
        int n = Math.min(stack.length, MAX_FRAMES);
        for (int i = 0; i < n; i++) {
            StackTraceElement f = stack[i];
            g.writeStartObject();
            g.writeStringField("module", Text.label(f.getClassName()));
            g.writeStringField("function", Text.label(f.getMethodName()));
            if (f.getFileName() != null) g.writeStringField("file", Text.label(f.getFileName()));
            if (f.getLineNumber() >= 0) g.writeNumberField("line", f.getLineNumber());
            g.writeBooleanField("in_app", inApp(f.getClassName(), appPackages));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static boolean inApp(String className, List<String> appPackages) {
        if (!appPackages.isEmpty()) {
            for (String p : appPackages) if (className.startsWith(p)) return true;
            return false;
        }
        for (String p : LIBRARY_PREFIXES) if (className.startsWith(p)) return false;
        return true;
    }

    /** Fills an error report and hands it to the publisher. */
    public static final class Builder {
        private final ErrorReport report;
        private final Vigil vigil;

        Builder(Vigil vigil, ErrorReport report) {
            this.vigil = vigil;
            this.report = report;
        }

        public Builder handled(boolean handled) {
            report.handled = handled;
            return this;
        }

        public Builder httpStatus(int status) {
            if (status < 100 || status > 599) throw new IllegalArgumentException("httpStatus must be 100-599");
            report.httpStatus = status;
            return this;
        }

        public Builder operation(String operation) {
            report.operation = operation;
            return this;
        }

        public Builder userId(String userId) {
            report.userId = userId;
            return this;
        }

        public Builder attribute(String key, Object value) {
            ContractJson.checkScalar(key, value);
            report.attribute(key, value);
            return this;
        }

        public boolean emit() {
            return vigil.publish(report);
        }
    }
}
