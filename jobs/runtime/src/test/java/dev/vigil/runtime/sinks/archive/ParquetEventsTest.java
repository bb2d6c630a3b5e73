package dev.vigil.runtime.sinks.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParserLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        try (FSDataOutputStream out = FileSystem.getLocalFileSystem()
                .create(new org.apache.flink.core.fs.Path(file.toUri()), FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<Event> writer = ParquetEvents.writerFactory().create(out);
            for (int i = 0; i < ATTRIBUTES.length; i++) {
                writer.addElement(
                        parser.parse(("{\"type\":\"agent_log\",\"event_id\":\"e" + i + "\",\"timestamp\":1795859930123,"
                                                + "\"service\":\"s\",\"level\":\"info\",\"message\":\"m\",\"attributes\":"
                                                + ATTRIBUTES[i] + "}")
                                        .getBytes(StandardCharsets.UTF_8))
                                .event());
            }
            writer.finish();
        }
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

    private static List<String> strings(Statement s, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }
}
