package dev.vigil.client;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;

/** A {@code performance_metric}: a counter's total, a gauge's reading or one timer observation. */
public final class MetricReading extends ContractEvent {
    /** The contract's metric kinds this library reports. */
    public enum Kind {
        COUNTER("counter"),
        GAUGE("gauge"),
        TIMER("timer");

        final String wire;

        Kind(String wire) {
            this.wire = wire;
        }
    }

    final String name;
    final Kind kind;
    final double value;
    final String unit;
    final String operation;
    final Map<String, Object> tags;

    MetricReading(
            long timestamp,
            String name,
            Kind kind,
            double value,
            String unit,
            String operation,
            Map<String, Object> tags,
            String correlationId,
            String traceId,
            String spanId) {
        super(timestamp, correlationId, traceId, spanId);
        this.name = name;
        this.kind = kind;
        this.value = value;
        this.unit = unit;
        this.operation = operation;
        this.tags = tags;
    }

    @Override
    String type() {
        return "performance_metric";
    }

    @Override
    void writePayload(JsonGenerator g, ContractJson json) throws IOException {
        g.writeStringField("name", Text.label(name));
        g.writeStringField("kind", kind.wire);
        g.writeNumberField("value", value);
        if (unit != null) g.writeStringField("unit", Text.label(unit));
        String op = Text.label(operation);
        if (op != null) g.writeStringField("operation", op);
        if (tags != null && !tags.isEmpty()) {
            g.writeObjectFieldStart("tags");
            ContractJson.writeScalars(g, tags, true);
            g.writeEndObject();
        }
        ContractJson.writeAttributes(g, attributes);
    }
}
