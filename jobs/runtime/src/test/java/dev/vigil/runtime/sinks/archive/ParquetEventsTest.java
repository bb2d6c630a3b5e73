package dev.vigil.runtime.sinks.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.schema.contract.ContractFields;
import dev.vigil.schema.contract.Field;
import dev.vigil.schema.contract.FieldTable;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParserLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The archive read back by an SQL engine analysts use on Parquet (DuckDB): attributes keep their JSON types. */
class ParquetEventsTest {
    private static final String[] ATTRIBUTES = {
        "{\"status_code\":503,\"http\":{\"status\":503}}",
        "{\"status_code\":200,\"ok\":true}",
        "{\"status_code\":\"503\",\"none\":null,\"empty\":{}}",
        "{\"status_code\":500.5,\"big\":12345678901234567890}",
        "{\"status_code\":\"ok\"}"
    };

    @Test
    void aNumericAttributeAnswersARangeQueryInSqlAndStringsStayStrings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.parquet");
        List<String> attributes = new ArrayList<>();
        for (int i = 0; i < ATTRIBUTES.length; i++) attributes.add("\"e" + i + "\",\"attributes\":" + ATTRIBUTES[i]);
        write(file, WriterVersion.PARQUET_2_0, attributes);
        String from = " FROM read_parquet('" + file + "')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            // the query form docs/events.md gives
            assertThat(
                            strings(
                                    s,
                                    "SELECT event_id" + from
                                            + " WHERE json_type(attributes_json, '$.status_code') IN ('UBIGINT', 'BIGINT', 'DOUBLE')"
                                            + " AND CAST(json_extract(attributes_json, '$.status_code') AS DOUBLE) >= 500 ORDER BY event_id"))
                    .containsExactly("e0", "e3");
            assertThat(strings(
                            s,
                            "SELECT event_id" + from
                                    + " WHERE json_extract_string(attributes_json, '$.status_code') = '503'"
                                    + " AND json_type(attributes_json, '$.status_code') = 'VARCHAR'"))
                    .containsExactly("e2");
            assertThat(strings(s, "SELECT json_type(attributes_json, '$.ok')" + from + " WHERE event_id = 'e1'"))
                    .containsExactly("BOOLEAN");
            assertThat(strings(
                            s,
                            "SELECT json_type(attributes_json, '$.none') || ' ' || json_type(attributes_json, '$.empty')"
                                    + from + " WHERE event_id = 'e2'"))
                    .containsExactly("NULL OBJECT");
            assertThat(strings(
                            s,
                            "SELECT json_extract(attributes_json, '$.\"http.status\"')" + from
                                    + " WHERE event_id = 'e0'"))
                    .containsExactly("503");
            // the literal as sent, beyond a long
            assertThat(strings(s, "SELECT json_extract(attributes_json, '$.big')" + from + " WHERE event_id = 'e3'"))
                    .containsExactly("12345678901234567890");
        }
    }

    /**
     * Random identifiers, which no dictionary compresses: with v2 pages they fall back to DELTA_BYTE_ARRAY (no length per
     * value), with v1 to PLAIN; DuckDB reads every row back from either.
     */
    @ParameterizedTest
    @EnumSource(
            value = WriterVersion.class,
            names = {"PARQUET_1_0", "PARQUET_2_0"})
    void randomIdentifiersReadBackFromEitherPageVersion(WriterVersion version, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("ids.parquet");
        Random random = new Random(37);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) ids.add(String.format("%016x%016x", random.nextLong(), random.nextLong()));
        write(file, version, ids.stream().map(id -> "\"" + id + "\"").toList());
        String from = " FROM read_parquet('" + file + "')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            assertThat(String.join(
                            ",",
                            strings(
                                    s,
                                    "SELECT encodings FROM parquet_metadata('" + file
                                            + "') WHERE path_in_schema = 'event_id'")))
                    .contains(version == WriterVersion.PARQUET_2_0 ? "DELTA_BYTE_ARRAY" : "PLAIN");
            assertThat(strings(s, "SELECT count(DISTINCT event_id)" + from)).containsExactly("20000");
            assertThat(strings(s, "SELECT event_id" + from + " WHERE event_id = '" + ids.get(12_345) + "'"))
                    .containsExactly(ids.get(12_345));
        }
    }

    /**
     * Concurrent requests' events interleave on the topic. trace_id has no dictionary, and zstd finds a trace's later
     * rows in the page its first row is in, whatever came between: printed for the record, and both orders must stay
     * within 25% of the IDs' entropy (16 bytes per trace).
     */
    @Test
    void aTracesIdIsStoredAboutOnceWhetherItsEventsComeTogetherOrInterleaved(@TempDir Path dir) throws Exception {
        Random random = new Random(41);
        String[] traces = new String[2_000];
        for (int t = 0; t < traces.length; t++)
            traces[t] = String.format("%016x%016x", random.nextLong(), random.nextLong());
        List<String> together = new ArrayList<>();
        List<String> interleaved = new ArrayList<>();
        for (int t = 0; t < traces.length; t++) {
            for (int event = 0; event < 4; event++) together.add(row(t, event, traces[t]));
        }
        for (int batch = 0; batch < traces.length; batch += 500) { // 500 requests in flight, four events each
            for (int event = 0; event < 4; event++) {
                for (int t = batch; t < batch + 500; t++) interleaved.add(row(t, event, traces[t]));
            }
        }
        Path togetherFile = dir.resolve("together.parquet");
        Path interleavedFile = dir.resolve("interleaved.parquet");
        write(togetherFile, WriterVersion.PARQUET_2_0, together);
        write(interleavedFile, WriterVersion.PARQUET_2_0, interleaved);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            for (Path file : List.of(togetherFile, interleavedFile)) {
                long bytes = Long.parseLong(strings(
                                s,
                                "SELECT sum(total_compressed_size) FROM parquet_metadata('" + file
                                        + "') WHERE path_in_schema = 'trace_id'")
                        .get(0));
                System.out.println(
                        file.getFileName() + ": trace_id " + bytes + " bytes for " + traces.length + " traces");
                assertThat(bytes).as(file.getFileName().toString()).isLessThan(traces.length * 16 * 5 / 4);
                assertThat(strings(
                                s,
                                "SELECT count(*) FROM read_parquet('" + file + "') WHERE trace_id = '" + traces[1_234]
                                        + "' AND event_id LIKE 'e1234-%'"))
                        .containsExactly("4");
            }
        }
    }

    private static String row(int trace, int event, String traceId) {
        return "\"e" + trace + "-" + event + "\",\"trace_id\":\"" + traceId + "\"";
    }

    /** Each type's all-fields sample (common-schema's valid samples) has a value in every column of its fields. */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyFieldOfTheAllFieldsSampleHasAValueInTheRow(EventType type, @TempDir Path dir) throws Exception {
        Event e = new EventParser(ParserLimits.withoutClockWindow())
                .parse(Files.readAllBytes(SAMPLES.resolve(type.wireName() + "-all-fields.json")))
                .event();
        Path file = dir.resolve("sample.parquet");
        writeEvents(file, WriterVersion.PARQUET_2_0, List.of(e));
        List<String> empty = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            for (FieldTable<?> table : List.of(ContractFields.ENVELOPE, ContractFields.payload(type))) {
                for (Field<?, ?> f : table.fields()) {
                    if (!f.isInput() || !f.isOutput())
                        continue; // traceparent is only read; derived fields are set later
                    if (strings(s, "SELECT count(" + f.column() + ") FROM read_parquet('" + file + "')")
                            .equals(List.of("0"))) empty.add(f.column());
                }
            }
        }
        assertThat(empty).as("columns without a value").isEmpty();
    }

    /**
     * The archive's writer against Parquet's own example object model writing the same events: the same rows in the
     * same order, and the same column chunks (encodings and sizes), for every valid sample and thousands of variants
     * of them (members left out, strings of any script, values repeated so that the dictionaries are hit).
     */
    @ParameterizedTest
    @EnumSource(
            value = WriterVersion.class,
            names = {"PARQUET_1_0", "PARQUET_2_0"})
    void writesTheRowsParquetsExampleModelWrites(WriterVersion version, @TempDir Path dir) throws Exception {
        List<Event> events = variants(3_000, new Random(43));
        assertThat(events.stream().map(e -> e.type).distinct()).hasSize(EventType.values().length);
        Path archive = dir.resolve("archive.parquet");
        Path reference = dir.resolve("reference.parquet");
        writeEvents(archive, version, events);
        writeGroups(reference, version, events);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            List<String> rows = rows(s, archive);
            assertThat(rows).hasSize(events.size()).isEqualTo(rows(s, reference));
            String chunks = "SELECT path_in_schema, encodings, total_compressed_size FROM parquet_metadata('%s')"
                    + " ORDER BY row_group_id, column_id";
            assertThat(strings(s, String.format(chunks, archive)))
                    .isEqualTo(strings(s, String.format(chunks, reference)));
        }
    }

    private static final Path SAMPLES = Path.of("../../common-schema/src/test/resources/samples/valid");

    /** Pieces of strings in several scripts, quotes and escapes among them; about half the values come from a small pool. */
    private static final String[] PIECES = {"a", "Z", "7", " ", "é", "ß", "漢字", "😀", "\"", "\\", "\n", "-", "%s", "ﬁ"};

    private static List<Event> variants(int count, Random random) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<ObjectNode> samples = new ArrayList<>();
        try (var files = Files.list(SAMPLES)) {
            for (Path f : files.sorted().toList()) samples.add((ObjectNode) json.readTree(f.toFile()));
        }
        String[] pool = new String[8];
        for (int i = 0; i < pool.length; i++) pool[i] = randomString(random);
        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        List<Event> events = new ArrayList<>();
        for (ObjectNode sample : samples)
            events.add(parser.parse(json.writeValueAsBytes(sample)).event());
        while (events.size() < count) {
            ObjectNode v = samples.get(random.nextInt(samples.size())).deepCopy();
            List<String> names = new ArrayList<>();
            v.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (name.equals("type") || name.equals("timestamp")) continue;
                if (random.nextInt(5) == 0) v.remove(name);
                else if (v.get(name).isTextual() && random.nextBoolean())
                    v.put(name, random.nextBoolean() ? pool[random.nextInt(pool.length)] : randomString(random));
            }
            var outcome = parser.parse(json.writeValueAsBytes(v));
            if (outcome.isValid())
                events.add(outcome.event()); // a variant can break the contract: a required member left out
        }
        return events;
    }

    private static String randomString(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(40); i >= 0; i--) b.append(PIECES[random.nextInt(PIECES.length)]);
        return b.toString();
    }

    private static List<String> rows(Statement s, Path file) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) row.append(r.getString(i)).append('\u0001');
                out.add(row.toString());
            }
        }
        return out;
    }

    private static void writeEvents(Path file, WriterVersion version, List<Event> events) throws Exception {
        try (FSDataOutputStream out = create(file)) {
            BulkWriter<Event> writer = ParquetEvents.writerFactory(version).create(out);
            for (Event e : events) writer.addElement(e);
            writer.finish();
        }
    }

    /** The reference: the archive's settings, rows built with Parquet's example model. */
    private static void writeGroups(Path file, WriterVersion version, List<Event> events) throws Exception {
        try (FSDataOutputStream out = create(file)) {
            BulkWriter<Group> writer = new ParquetWriterFactory<Group>(stream -> {
                        var builder = ExampleParquetWriter.builder(stream)
                                .withType(ParquetEvents.SCHEMA)
                                .withConf(new Configuration(false))
                                .withCompressionCodec(CompressionCodecName.ZSTD)
                                .withWriterVersion(version);
                        for (String column : ParquetEvents.WITHOUT_DICTIONARY)
                            builder.withDictionaryEncoding(column, false);
                        return builder.build();
                    })
                    .create(out);
            SimpleGroupFactory rows = new SimpleGroupFactory(ParquetEvents.SCHEMA);
            for (Event e : events) {
                Group g = rows.newGroup();
                append(g, ContractFields.ENVELOPE, e);
                g.append(ParquetEvents.SAMPLE_RATE, e.sampleRate)
                        .append(ParquetEvents.CORRELATION_GENERATED, e.correlationGenerated);
                appendPayload(g, ContractFields.payload(e.type), e);
                writer.addElement(g);
            }
            writer.finish();
        }
    }

    private static <P> void appendPayload(Group g, FieldTable<P> table, Event e) {
        P part = table.of(e);
        if (part != null) append(g, table, part);
    }

    private static <P> void append(Group g, FieldTable<P> table, P part) {
        for (Field<P, ?> f : table.fields()) {
            if (f.type.column == null) continue;
            Object cell = f.cell(part);
            if (cell instanceof String v) g.append(f.column(), v);
            else if (cell instanceof Long v) g.append(f.column(), v);
            else if (cell instanceof Integer v) g.append(f.column(), v);
            else if (cell instanceof Double v) g.append(f.column(), v);
            else if (cell instanceof Boolean v) g.append(f.column(), v);
        }
    }

    private static FSDataOutputStream create(Path file) throws Exception {
        return FileSystem.getLocalFileSystem()
                .create(new org.apache.flink.core.fs.Path(file.toUri()), FileSystem.WriteMode.NO_OVERWRITE);
    }

    /** One agent log per entry: the event_id's JSON value and any further members, as {@code "e1","attributes":{...}}. */
    private static void write(Path file, WriterVersion version, List<String> idAndMore) throws Exception {
        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        try (FSDataOutputStream out = create(file)) {
            BulkWriter<Event> writer = ParquetEvents.writerFactory(version).create(out);
            for (String member : idAndMore) {
                writer.addElement(parser.parse(("{\"type\":\"agent_log\",\"timestamp\":1795859930123,\"service\":\"s\","
                                        + "\"level\":\"info\",\"message\":\"m\",\"event_id\":" + member + "}")
                                .getBytes(StandardCharsets.UTF_8))
                        .event());
            }
            writer.finish();
        }
    }

    private static List<String> strings(Statement s, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }
}
