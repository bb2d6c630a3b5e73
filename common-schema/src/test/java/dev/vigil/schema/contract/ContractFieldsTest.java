package dev.vigil.schema.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.schema.event.Attribute;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.json.EventJson;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParserLimits;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The field tables against the published JSON Schemas (same fields, same required ones), and each
 * type's all-fields sample through the parser and back out of {@code EventJson}: a field one of them
 * misses fails here.
 */
class ContractFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("src/test/resources/samples/valid");
    private final EventParser parser = new EventParser(ParserLimits.withoutClockWindow());

    @Test
    void theEnvelopeSchemaDeclaresExactlyTheEnvelopesInputFields() throws Exception {
        JsonNode schema = schema(ContractFields.ENVELOPE.schema);
        assertThat(names(schema.path("properties"))).isEqualTo(inputNames(ContractFields.ENVELOPE));
        assertThat(strings(schema.path("required"))).isEqualTo(requiredNames(ContractFields.ENVELOPE));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eachTypesSchemaDeclaresExactlyItsPayloadsInputFields(EventType type) throws Exception {
        FieldTable<?> table = ContractFields.payload(type);
        assertThat(table.schema).isEqualTo(type.wireName());
        JsonNode schema = schema(table.schema);
        Set<String> declared = names(schema.path("properties"));
        assertThat(declared.remove("type"))
                .as("%s pins the envelope's type", type)
                .isTrue();
        assertThat(schema.at("/properties/type/const").asText()).isEqualTo(type.wireName());
        assertThat(declared).isEqualTo(inputNames(table));
        assertThat(strings(schema.path("required"))).isEqualTo(requiredNames(table));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theAllFieldsSampleIsReadIntoEveryFieldAndWrittenBackEqual(EventType type) throws Exception {
        byte[] sample = Files.readAllBytes(SAMPLES.resolve(type.wireName() + "-all-fields.json"));
        Set<String> inputs = inputNames(ContractFields.ENVELOPE);
        inputs.addAll(inputNames(ContractFields.payload(type)));
        assertThat(names(JSON.readTree(sample)))
                .as("the sample sets every field")
                .containsAll(inputs);

        Event e = parser.parse(sample).event();
        assertThat(e).as("the parser accepts the sample").isNotNull();
        assertThat(e.attributes.keySet()).as("fields left to attributes").doesNotContainAnyElementsOf(inputs);

        byte[] written = EventJson.toBytes(e);
        Set<String> outputs = outputNames(ContractFields.ENVELOPE);
        outputs.addAll(outputNames(ContractFields.payload(type)));
        outputs.removeIf(name -> !inputs.contains(name)); // derived fields are not set by parsing
        assertThat(names(JSON.readTree(written))).as("fields EventJson writes").containsAll(outputs);
        assertThat(parser.parse(written).event()).as("read back").isEqualTo(e);
    }

    @Test
    void aDerivedFieldIsWrittenButInInputStaysAnAttribute() {
        Event e = parser.parse(
                        ("{\"type\":\"error\",\"timestamp\":1795859930123,\"service\":\"s\",\"error_type\":\"E\","
                                        + "\"message\":\"m\",\"group_id\":\"forged\"}")
                                .getBytes(StandardCharsets.UTF_8))
                .event();
        assertThat(e.error.groupId).isNull();
        assertThat(e.attributes).containsEntry("group_id", Attribute.string("forged"));

        e.error.groupId = "g1";
        e.attributes = null;
        assertThat(new String(EventJson.toBytes(e), StandardCharsets.UTF_8)).contains("\"group_id\":\"g1\"");
    }

    @Test
    void everyLevelTheSchemaAcceptsReadsAsOneOfTheLogLevels() throws Exception {
        Set<String> read = new TreeSet<>();
        for (JsonNode level : schema("agent_log").at("/properties/level/enum")) {
            Event e = parser.parse(("{\"type\":\"agent_log\",\"timestamp\":1795859930123,\"service\":\"s\",\"level\":\""
                                    + level.asText() + "\",\"message\":\"m\"}")
                            .getBytes(StandardCharsets.UTF_8))
                    .event();
            read.add(e.agentLog.level);
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(ValueTypes.LOG_LEVELS);
    }

    private static Set<String> inputNames(FieldTable<?> table) {
        Set<String> names = new TreeSet<>();
        for (Field<?, ?> f : table.fields()) if (f.isInput()) names.add(f.name);
        return names;
    }

    private static Set<String> outputNames(FieldTable<?> table) {
        Set<String> names = new TreeSet<>();
        for (Field<?, ?> f : table.fields()) if (f.isOutput()) names.add(f.name);
        return names;
    }

    private static Set<String> requiredNames(FieldTable<?> table) {
        Set<String> names = new TreeSet<>();
        for (Field<?, ?> f : table.fields()) if (f.presence == Field.Presence.REQUIRED) names.add(f.name);
        return names;
    }

    private static JsonNode schema(String name) throws Exception {
        try (InputStream in = EventParser.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
            return JSON.readTree(in);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> strings = new TreeSet<>();
        array.forEach(s -> strings.add(s.asText()));
        return strings;
    }
}
