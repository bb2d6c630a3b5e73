package dev.vigil.runtime.sinks.archive;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
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
    void everyFieldOfTheAllFieldsSampleHasAValueInTheRow(EventType type) throws Exception {
        Event e = new EventParser(ParserLimits.withoutClockWindow())
                .parse(Files.readAllBytes(Path.of(
                        "../../common-schema/src/test/resources/samples/valid", type.wireName() + "-all-fields.json")))
                .event();
        Group row = ParquetEvents.row(new SimpleGroupFactory(ParquetEvents.SCHEMA), e);
        List<String> empty = new ArrayList<>();
        collectEmpty(row, ContractFields.ENVELOPE, empty);
        collectEmpty(row, ContractFields.payload(type), empty);
        assertThat(empty).as("columns without a value").isEmpty();
    }

    private static void collectEmpty(Group row, FieldTable<?> table, List<String> empty) {
        for (Field<?, ?> f : table.fields()) {
            if (!f.isInput() || !f.isOutput()) continue; // traceparent is only read; derived fields are set later
            if (row.getFieldRepetitionCount(f.column()) == 0) empty.add(f.column());
        }
    }

    /** One agent log per entry: the event_id's JSON value and any further members, as {@code "e1","attributes":{...}}. */
    private static void write(Path file, WriterVersion version, List<String> idAndMore) throws Exception {
        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        try (FSDataOutputStream out = FileSystem.getLocalFileSystem()
                .create(new org.apache.flink.core.fs.Path(file.toUri()), FileSystem.WriteMode.NO_OVERWRITE)) {
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
