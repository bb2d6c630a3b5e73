package dev.vigil.runtime.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.runtime.sinks.archive.ParquetEvents;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.json.EventJson;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParserLimits;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract's JSON Schemas declare the event fields; everything downstream must know each one. For
 * every type, a sample that sets every field (in common-schema's valid samples, so the schema and the
 * parser accept it) is checked: the sample really has every field the schemas declare, the parser
 * reads each one (none falls into attributes), the archive's JSON form writes it back, the Parquet
 * schema has a column for it, and the Elasticsearch template of the type's index maps it. Adding a
 * field to a schema fails this test until every place has it.
 */
class EventFieldsParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("../../common-schema/src/test/resources/samples/valid");
    /** Fields only for input: traceparent fills trace_id and span_id. */
    private static final Set<String> INPUT_ONLY = Set.of("traceparent");
    /** Nested values are JSON text columns in Parquet. */
    private static final Set<String> JSON_COLUMNS =
            Set.of("attributes", "properties", "tags", "buckets", "resource", "frames");

    private static final Map<String, String> INDEX_OF_TYPE = Map.of("agent_log", "vigil-logs", "error", "vigil-errors");

    @ParameterizedTest
    @ValueSource(strings = {"agent_log", "business_event", "performance_metric", "error"})
    void everyFieldOfTheContractReachesEveryPlace(String type) throws Exception {
        byte[] sample = Files.readAllBytes(SAMPLES.resolve(type + "-all-fields.json"));
        Set<String> declared = new TreeSet<>(properties("envelope"));
        declared.addAll(properties(type));

        assertThat(names(JSON.readTree(sample)))
                .as("the all-fields sample of %s sets every declared field", type)
                .containsAll(declared);

        Event e =
                new EventParser(ParserLimits.withoutClockWindow()).parse(sample).event();
        assertThat(e).as("the parser accepts the sample").isNotNull();
        assertThat(e.attributes == null ? Set.of() : e.attributes.keySet())
                .as("declared fields the parser left to attributes")
                .doesNotContainAnyElementsOf(declared);

        Set<String> written = names(JSON.readTree(EventJson.toBytes(e)));
        List<String> notWritten = new ArrayList<>();
        List<String> noColumn = new ArrayList<>();
        for (String field : declared) {
            if (INPUT_ONLY.contains(field)) continue;
            if (!written.contains(field)) notWritten.add(field);
            String column = JSON_COLUMNS.contains(field) ? field + "_json" : field;
            if (!ParquetEvents.SCHEMA.containsField(column)) noColumn.add(column);
        }
        assertThat(notWritten)
                .as("declared fields the archive's JSON form does not write")
                .isEmpty();
        assertThat(noColumn).as("declared fields without a Parquet column").isEmpty();

        String index = INDEX_OF_TYPE.get(type);
        if (index != null) {
            JsonNode mapped = template(index).at("/template/mappings/properties");
            List<String> unmapped = new ArrayList<>();
            for (String field : declared) {
                if (!INPUT_ONLY.contains(field) && !mapped.has(field)) unmapped.add(field);
            }
            assertThat(unmapped)
                    .as("declared fields the %s template does not map", index)
                    .isEmpty();
        }
    }

    private static Set<String> properties(String schema) throws Exception {
        try (InputStream in = EventParser.class.getResourceAsStream("/schemas/" + schema + ".schema.json")) {
            return names(JSON.readTree(in).path("properties"));
        }
    }

    private static JsonNode template(String index) throws Exception {
        try (InputStream in =
                EventFieldsParityTest.class.getResourceAsStream("/elasticsearch/" + index + ".template.json")) {
            return JSON.readTree(in);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }
}
