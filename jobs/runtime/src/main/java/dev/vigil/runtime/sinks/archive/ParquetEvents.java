package dev.vigil.runtime.sinks.archive;

import dev.vigil.schema.contract.ContractFields;
import dev.vigil.schema.contract.Field;
import dev.vigil.schema.contract.FieldTable;
import dev.vigil.schema.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The archive's Parquet schema (zstd), built from {@link ContractFields}: one row per event, the
 * envelope and every payload field as a typed, nullable column (fields two types share, such as
 * message, share one column); nested values (attributes, properties, tags, frames, buckets,
 * resource) as JSON text in a {@code <field>_json} column. Analysts query it with Athena, Spark or
 * DuckDB.
 */
public final class ParquetEvents {
    /** Fields every event has after parsing, required in the archive; everything else is nullable. */
    private static final List<Field.Presence> ALWAYS_SET = List.of(Field.Presence.REQUIRED, Field.Presence.DEFAULTED);

    /** Vigil's two columns beside the contract's: how the event was sampled and whether its correlation ID was made up. */
    static final String SAMPLE_RATE = "sample_rate";

    static final String CORRELATION_GENERATED = "correlation_generated";

    public static final MessageType SCHEMA = schema();
    /**
     * Identifiers, random or unique per event or request: their columns have no dictionary (see {@link #writerFactory}).
     */
    static final List<String> WITHOUT_DICTIONARY = Stream.of(
                    "event_id", "correlation_id", "trace_id", "span_id", "parent_span_id")
            .map(name -> ContractFields.ENVELOPE.inputField(name).column())
            .toList();

    private ParquetEvents() {}

    private static MessageType schema() {
        Map<String, Type> columns = new LinkedHashMap<>();
        for (Field<Event, ?> f : ContractFields.ENVELOPE.fields()) {
            if (f.type.column != null) put(columns, column(f, ALWAYS_SET.contains(f.presence)));
        }
        put(columns, Types.required(PrimitiveTypeName.DOUBLE).named(SAMPLE_RATE));
        put(columns, Types.required(PrimitiveTypeName.BOOLEAN).named(CORRELATION_GENERATED));
        for (FieldTable<?> table : ContractFields.PAYLOADS) {
            for (Field<?, ?> f : table.fields()) {
                if (f.type.column != null) put(columns, column(f, false));
            }
        }
        return new MessageType("vigil_event", new ArrayList<>(columns.values()));
    }

    private static void put(Map<String, Type> columns, Type column) {
        Type before = columns.putIfAbsent(column.getName(), column);
        if (before != null && !before.equals(column)) {
            throw new IllegalStateException("two fields named " + column.getName() + " differ in type");
        }
    }

    private static Type column(Field<?, ?> f, boolean required) {
        Types.PrimitiveBuilder<PrimitiveType> b;
        switch (f.type.column) {
            case STRING:
            case JSON:
                b = primitive(PrimitiveTypeName.BINARY, required).as(LogicalTypeAnnotation.stringType());
                break;
            case INT32:
                b = primitive(PrimitiveTypeName.INT32, required);
                break;
            case INT64:
                b = primitive(PrimitiveTypeName.INT64, required);
                break;
            case DOUBLE:
                b = primitive(PrimitiveTypeName.DOUBLE, required);
                break;
            case BOOLEAN:
                b = primitive(PrimitiveTypeName.BOOLEAN, required);
                break;
            case TIMESTAMP_MILLIS:
                b = primitive(PrimitiveTypeName.INT64, required)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
                break;
            default:
                throw new IllegalStateException(f.type.column.name());
        }
        return b.named(f.column());
    }

    private static Types.PrimitiveBuilder<PrimitiveType> primitive(PrimitiveTypeName type, boolean required) {
        return required ? Types.required(type) : Types.optional(type);
    }

    /**
     * A FileSink bulk format writing events as rows of {@link #SCHEMA} ({@link EventWriteSupport}). With {@code
     * PARQUET_2_0}, a column whose dictionary does not pay falls back to DELTA_BYTE_ARRAY instead of PLAIN, which
     * writes a 4-byte length before every value: event_id 18.3 -> 16.9 and span_id 8.7 -> 7.8 bytes per row in the
     * bench. Identifiers ({@link #WITHOUT_DICTIONARY}) have no dictionary at all: one of random IDs stores each in full
     * plus an index per row (21.8 bytes per 4-event trace in {@code ParquetEventsTest}), while delta encoding and zstd
     * store a trace's or request's later rows in a few bytes, in the page its first row is in, whether its events came
     * together (16.8) or between others' (17.6); and filling a dictionary that is then dropped hashed and compared
     * every value. Without dictionaries for event_id, span_id, parent_span_id and correlation_id as well as
     * trace_id, the agent logs of 30,000 of the bench's requests take 3.8% fewer bytes, and {@code
     * ArchiveWriterBenchmark} (builds alternating, 2026-12-04) wrote them at 4.0 and 3.5 µs per event instead of 4.7
     * and 5.1.
     */
    public static BulkWriter.Factory<Event> writerFactory(WriterVersion version) {
        return new ParquetWriterFactory<>(out -> {
            EventWriterBuilder builder = new EventWriterBuilder(out)
                    .withConf(new Configuration(false))
                    .withCompressionCodec(CompressionCodecName.ZSTD)
                    .withWriterVersion(version);
            for (String column : WITHOUT_DICTIONARY) builder.withDictionaryEncoding(column, false);
            return builder.build();
        });
    }

    private static final class EventWriterBuilder extends ParquetWriter.Builder<Event, EventWriterBuilder> {
        EventWriterBuilder(OutputFile file) {
            super(file);
        }

        @Override
        protected EventWriterBuilder self() {
            return this;
        }

        @Override
        protected WriteSupport<Event> getWriteSupport(Configuration conf) {
            return new EventWriteSupport();
        }
    }
}
