package dev.vigil.schema.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.schema.event.Attribute;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.StackFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The pipeline's parser as a command, for producers written in other languages: reads newline-delimited JSON
 * events on standard input and writes one JSON line per input line, {@code valid} with what the parser kept
 * (envelope, the type's text fields, attributes) or the dead-letter reason. Exits 1 when any line was refused.
 *
 * <pre>{@code java -cp <common-schema classpath> dev.vigil.schema.parse.ContractCheck < events.ndjson}</pre>
 */
public final class ContractCheck {
    private ContractCheck() {}

    public static void main(String[] args) throws IOException {
        EventParser parser = new EventParser(new ParserLimits());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int refused = 0;
        try (JsonGenerator out =
                new JsonFactory().createGenerator(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            out.setRootValueSeparator(null);
            long n = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                if (line.isBlank()) continue;
                ParseOutcome o = parser.parse(line.getBytes(StandardCharsets.UTF_8));
                out.writeStartObject();
                out.writeNumberField("line", n);
                out.writeBooleanField("valid", o.isValid());
                if (o.isValid()) write(out, o.event());
                else {
                    refused++;
                    out.writeStringField("reason", String.valueOf(o.reason()));
                    out.writeStringField("detail", o.detail());
                }
                out.writeEndObject();
                out.writeRaw('\n');
            }
        }
        System.exit(refused == 0 ? 0 : 1);
    }

    private static void write(JsonGenerator g, Event e) throws IOException {
        g.writeStringField("type", e.type.wireName());
        g.writeStringField("event_id", e.eventId);
        g.writeBooleanField("event_id_derived", e.eventIdDerived);
        g.writeNumberField("timestamp", e.timestamp);
        field(g, "service", e.service);
        field(g, "environment", e.environment);
        field(g, "host", e.host);
        field(g, "instance", e.instance);
        field(g, "correlation_id", e.correlationId);
        g.writeBooleanField("correlation_generated", e.correlationGenerated);
        field(g, "trace_id", e.traceId);
        field(g, "span_id", e.spanId);
        if (e.agentLog != null) {
            field(g, "level", e.agentLog.level);
            field(g, "logger", e.agentLog.logger);
            field(g, "message", e.agentLog.message);
        }
        if (e.business != null) {
            field(g, "name", e.business.name);
            field(g, "user_id", e.business.userId);
            if (e.business.value != null) g.writeNumberField("value", e.business.value);
            field(g, "currency", e.business.currency);
            strings(g, "properties", e.business.properties);
        }
        if (e.metric != null) {
            field(g, "name", e.metric.name);
            g.writeStringField("kind", e.metric.kind.name().toLowerCase(Locale.ROOT));
            if (e.metric.value != null) g.writeNumberField("value", e.metric.value);
            field(g, "unit", e.metric.unit);
            field(g, "operation", e.metric.operation);
            strings(g, "tags", e.metric.tags);
        }
        if (e.error != null) {
            field(g, "error_type", e.error.errorType);
            field(g, "message", e.error.message);
            field(g, "severity", e.error.severity);
            if (e.error.httpStatus != null) g.writeNumberField("http_status", e.error.httpStatus);
            field(g, "operation", e.error.operation);
            if (e.error.frames != null) {
                g.writeArrayFieldStart("frames");
                for (StackFrame f : e.error.frames) {
                    g.writeStartObject();
                    field(g, "function", f.function);
                    field(g, "file", f.file);
                    g.writeNumberField("line", f.line);
                    g.writeBooleanField("in_app", f.inApp);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        }
        if (e.attributes != null && !e.attributes.isEmpty()) {
            g.writeObjectFieldStart("attributes");
            for (Map.Entry<String, Attribute> a : e.attributes.entrySet())
                g.writeStringField(a.getKey(), a.getValue().text);
            g.writeEndObject();
        }
    }

    private static void strings(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        if (values == null || values.isEmpty()) return;
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> v : values.entrySet()) g.writeStringField(v.getKey(), v.getValue());
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) g.writeStringField(name, value);
    }
}
