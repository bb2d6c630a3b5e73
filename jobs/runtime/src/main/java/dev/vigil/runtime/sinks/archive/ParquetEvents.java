package dev.vigil.runtime.sinks.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.runtime.sinks.elasticsearch.JsonBodies;
import dev.vigil.schema.event.AgentLog;
import dev.vigil.schema.event.Attribute;
import dev.vigil.schema.event.BusinessEvent;
import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.PerformanceMetric;
import dev.vigil.schema.event.StackFrame;
import dev.vigil.schema.json.EventJson;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The archive's Parquet schema (zstd): the envelope and every payload field as typed, nullable
 * columns, one row per event; nested values (attributes, properties, tags, frames, buckets) as JSON
 * text columns. Analysts query it with Athena, Spark or DuckDB.
 */
public final class ParquetEvents {
    public static final MessageType SCHEMA = schema();

    private ParquetEvents() {}

    private static MessageType schema() {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (String f : new String[] {"event_id", "type", "service"})
            b.required(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(f);
        b.required(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                .named("timestamp");
        b.required(PrimitiveTypeName.INT32).named("schema_version");
        b.required(PrimitiveTypeName.DOUBLE).named("sample_rate");
        b.required(PrimitiveTypeName.BOOLEAN).named("correlation_generated");
        for (String f : new String[] {
            "environment",
            "host",
            "instance",
            "correlation_id",
            "trace_id",
            "span_id",
            "parent_span_id",
            "attributes_json",
            "level",
            "logger",
            "message",
            "agent_id",
            "session_id",
            "tool",
            "model",
            "outcome",
            "name",
            "user_id",
            "account_id",
            "currency",
            "feature",
            "properties_json",
            "kind",
            "unit",
            "operation",
            "tags_json",
            "buckets_json",
            "resource_json",
            "error_type",
            "severity",
            "fingerprint",
            "frames_json"
        }) {
            b.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(f);
        }
        for (String f : new String[] {"step", "tokens_in", "tokens_out"})
            b.optional(PrimitiveTypeName.INT64).named(f);
        for (String f : new String[] {"cost", "duration_ms", "value"})
            b.optional(PrimitiveTypeName.DOUBLE).named(f);
        b.optional(PrimitiveTypeName.INT32).named("http_status");
        b.optional(PrimitiveTypeName.BOOLEAN).named("handled");
        return b.named("vigil_event");
    }

    /** A FileSink bulk format writing events as rows of {@link #SCHEMA}. */
    public static BulkWriter.Factory<Event> writerFactory() {
        ParquetWriterFactory<Group> groups = new ParquetWriterFactory<>(out -> ExampleParquetWriter.builder(out)
                .withType(SCHEMA)
                .withConf(new Configuration(false))
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .build());
        return stream -> {
            BulkWriter<Group> writer = groups.create(stream);
            SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
            return new BulkWriter<>() {
                @Override
                public void addElement(Event e) throws IOException {
                    writer.addElement(row(rows, e));
                }

                @Override
                public void flush() throws IOException {
                    writer.flush();
                }

                @Override
                public void finish() throws IOException {
                    writer.finish();
                }
            };
        };
    }

    static Group row(SimpleGroupFactory rows, Event e) {
        Group g = rows.newGroup();
        g.append("event_id", e.eventId)
                .append("type", e.type.wireName())
                .append("service", e.service)
                .append("timestamp", e.timestamp)
                .append("schema_version", e.schemaVersion)
                .append("sample_rate", e.sampleRate)
                .append("correlation_generated", e.correlationGenerated);
        str(g, "environment", e.environment);
        str(g, "host", e.host);
        str(g, "instance", e.instance);
        str(g, "correlation_id", e.correlationId);
        str(g, "trace_id", e.traceId);
        str(g, "span_id", e.spanId);
        str(g, "parent_span_id", e.parentSpanId);
        str(g, "attributes_json", attributesJson(e.attributes));
        AgentLog a = e.agentLog;
        if (a != null) {
            str(g, "level", a.level);
            str(g, "logger", a.logger);
            str(g, "message", a.message);
            str(g, "agent_id", a.agentId);
            str(g, "session_id", a.sessionId);
            str(g, "tool", a.tool);
            str(g, "model", a.model);
            str(g, "outcome", a.outcome);
            if (a.step != null) g.append("step", a.step);
            if (a.tokensIn != null) g.append("tokens_in", a.tokensIn);
            if (a.tokensOut != null) g.append("tokens_out", a.tokensOut);
            if (a.cost != null) g.append("cost", a.cost);
            if (a.durationMs != null) g.append("duration_ms", a.durationMs);
        }
        BusinessEvent b = e.business;
        if (b != null) {
            str(g, "name", b.name);
            str(g, "user_id", b.userId);
            str(g, "account_id", b.accountId);
            str(g, "currency", b.currency);
            str(g, "feature", b.feature);
            str(g, "properties_json", mapJson(b.properties));
            if (b.value != null) g.append("value", b.value);
        }
        PerformanceMetric m = e.metric;
        if (m != null) {
            str(g, "name", m.name);
            str(g, "kind", m.kind.name().toLowerCase(java.util.Locale.ROOT));
            str(g, "unit", m.unit);
            str(g, "operation", m.operation);
            str(g, "tags_json", mapJson(m.tags));
            if (m.value != null) g.append("value", m.value);
            if (m.bucketBounds != null)
                str(
                        g,
                        "buckets_json",
                        new String(
                                JsonBodies.object(128, j -> {
                                    for (int i = 0; i < m.bucketBounds.length; i++)
                                        j.writeNumberField(Double.toString(m.bucketBounds[i]), m.bucketCounts[i]);
                                }),
                                java.nio.charset.StandardCharsets.UTF_8));
            if (m.resource != null)
                str(
                        g,
                        "resource_json",
                        new String(
                                JsonBodies.object(96, j -> {
                                    num(j, "cpu_percent", m.resource.cpuPercent);
                                    num(j, "memory_bytes", m.resource.memoryBytes);
                                    num(j, "gpu_percent", m.resource.gpuPercent);
                                    num(j, "queue_depth", m.resource.queueDepth);
                                }),
                                java.nio.charset.StandardCharsets.UTF_8));
        }
        ErrorEvent r = e.error;
        if (r != null) {
            str(g, "error_type", r.errorType);
            str(g, "message", r.message);
            str(g, "severity", r.severity);
            str(g, "operation", r.operation);
            str(g, "fingerprint", r.fingerprint);
            str(g, "user_id", r.userId);
            if (r.httpStatus != null) g.append("http_status", r.httpStatus);
            if (r.handled != null) g.append("handled", r.handled);
            if (r.frames != null)
                str(
                        g,
                        "frames_json",
                        new String(
                                JsonBodies.object(256, j -> {
                                    j.writeArrayFieldStart("frames");
                                    for (StackFrame f : r.frames) {
                                        j.writeStartObject();
                                        j.writeStringField("module", f.module);
                                        j.writeStringField("function", f.function);
                                        j.writeStringField("file", f.file);
                                        j.writeNumberField("line", f.line);
                                        j.writeBooleanField("in_app", f.inApp);
                                        j.writeEndObject();
                                    }
                                    j.writeEndArray();
                                    if (r.framesOmitted > 0) j.writeNumberField("frames_omitted", r.framesOmitted);
                                }),
                                java.nio.charset.StandardCharsets.UTF_8));
        }
        return g;
    }

    private static void str(Group g, String field, String v) {
        if (v != null) g.append(field, v);
    }

    private static void num(JsonGenerator j, String field, Double v) throws IOException {
        if (v != null) j.writeNumberField(field, v);
    }

    /** Typed, as sent: {@code json_extract(attributes_json, '$.status')} is a number in SQL engines that read Parquet. */
    private static String attributesJson(Map<String, Attribute> attributes) {
        if (attributes == null || attributes.isEmpty()) return null;
        return new String(
                JsonBodies.object(128, j -> EventJson.writeAttributeMembers(j, attributes)),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String mapJson(Map<String, String> map) {
        if (map == null || map.isEmpty()) return null;
        return new String(
                JsonBodies.object(64, j -> {
                    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet())
                        j.writeStringField(e.getKey(), e.getValue());
                }),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
