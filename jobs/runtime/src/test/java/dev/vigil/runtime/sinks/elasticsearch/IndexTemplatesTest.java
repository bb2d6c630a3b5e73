package dev.vigil.runtime.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.schema.contract.FieldNaming;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndexTemplatesTest {
    @Test
    void prefixShardsAndReplicasComeFromConfigAndTheMappingsStay() throws Exception {
        for (String name : new String[] {"vigil-logs", "vigil-journeys", "vigil-errors", "vigil-error-groups"}) {
            byte[] resource = resource(name);
            ObjectMapper json = new ObjectMapper();
            JsonNode sized = json.readTree(
                    IndexTemplates.configured(name.substring(6), resource, "obs-", 3, 2, FieldNaming.VIGIL, null));
            JsonNode original = json.readTree(resource);
            assertThat(sized.get("index_patterns").get(0).asText())
                    .isEqualTo("obs-"
                            + original.get("index_patterns").get(0).asText().substring(6));
            assertThat(sized.at("/template/aliases").toString())
                    .doesNotContain("vigil-")
                    .isEqualTo(original.at("/template/aliases").toString().replace("vigil-", "obs-"));
            assertThat(sized.at("/template/settings/number_of_shards").asInt())
                    .as(name)
                    .isEqualTo(3);
            assertThat(sized.at("/template/settings/number_of_replicas").asInt())
                    .as(name)
                    .isEqualTo(2);
            JsonNode resourceMappings = original.at("/template/mappings");
            resourceMappings.fields().forEachRemaining(m -> {
                if (m.getKey().equals("properties")) {
                    m.getValue()
                            .fields()
                            .forEachRemaining(p -> assertThat(sized.at("/template/mappings/properties/" + p.getKey()))
                                    .as("%s maps %s as its resource does", name, p.getKey())
                                    .isEqualTo(p.getValue()));
                } else {
                    assertThat(sized.at("/template/mappings/" + m.getKey()))
                            .as(name)
                            .isEqualTo(m.getValue());
                }
            });
            assertThat(sized.at("/template/settings/refresh_interval").asText()).isEqualTo("5s");
        }
    }

    /** Every field an event's JSON carries is mapped by its index's template: strict mappings refuse any other. */
    @ParameterizedTest
    @CsvSource({"agent_log,logs", "error,errors"})
    void everyFieldOfTheAllFieldsSampleIsMapped(String type, String family) throws Exception {
        Event e = allFieldsEvent(type);
        byte[] resource = resource("vigil-" + family);
        ObjectMapper json = new ObjectMapper();
        JsonNode mapped = json.readTree(
                        IndexTemplates.configured(family, resource, "vigil-", 1, 0, FieldNaming.VIGIL, null))
                .at("/template/mappings/properties");
        List<String> unmapped = new ArrayList<>();
        for (Iterator<String> it = json.readTree(EventJson.toBytes(e)).fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!mapped.has(field)) unmapped.add(field);
        }
        assertThat(unmapped).as("fields the %s template does not map", family).isEmpty();
    }

    /**
     * With ECS names, an all-fields event's document (contract fields, attributes, the fields Vigil adds)
     * is mapped field by field, ECS fields with ECS types, and nothing keeps a contract name.
     */
    @ParameterizedTest
    @CsvSource({"agent_log,logs", "error,errors"})
    void withEcsNamesEveryFieldOfTheDocumentIsMappedUnderItsEcsName(String type, String family) throws Exception {
        Event e = allFieldsEvent(type);
        byte[] resource = resource("vigil-" + family);
        ObjectMapper json = new ObjectMapper();
        JsonNode mappings = json.readTree(
                        IndexTemplates.configured(family, resource, "vigil-", 1, 0, FieldNaming.ECS, null))
                .at("/template/mappings");
        JsonNode mapped = mappings.path("properties");
        JsonNode document = json.readTree(JsonBodies.object(1024, g -> {
            EventJson.writeFields(g, e, FieldNaming.ECS);
            AttributeFields.write(g, e.attributes, FieldNaming.ECS);
        }));
        List<String> unmapped = new ArrayList<>();
        for (Iterator<String> it = document.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!mapped.has(field)) unmapped.add(field);
            assertThat(field).as("an ECS field or Vigil's own").matches("@timestamp|message|[a-z_]+\\..+");
        }
        assertThat(unmapped).isEmpty();
        assertThat(document.has("@timestamp") && document.has("service.name") && document.has("trace.id"))
                .isTrue();
        assertThat(mapped.at("/@timestamp/type").asText()).isEqualTo("date");
        assertThat(mapped.at("/service.name/type").asText()).isEqualTo("keyword");
        assertThat(mapped.at("/vigil.attribute_values/type").asText()).isEqualTo("nested");
        assertThat(mappings.at("/_source/excludes/0").asText()).isEqualTo("vigil.attribute_values");
        if (type.equals("agent_log")) {
            assertThat(document.path("log.level").asText()).isEqualTo(e.agentLog.level);
            assertThat(document.path("gen_ai.usage.input_tokens").asLong()).isEqualTo(e.agentLog.tokensIn);
        } else {
            assertThat(document.path("error.type").asText()).isEqualTo(e.error.errorType);
            assertThat(document.path("http.response.status_code").asInt()).isEqualTo(e.error.httpStatus);
        }
    }

    /** Daily families name the ILM policy in their template settings; the single error-groups index never does. */
    @Test
    void dailyIndicesFollowTheIlmPolicyAndErrorGroupsDoNot() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String family : new String[] {"logs", "journeys", "errors", "error-groups"}) {
            byte[] resource = resource("vigil-" + family);
            JsonNode settings = json.readTree(IndexTemplates.configured(
                            family, resource, "obs-", 1, 0, FieldNaming.VIGIL, "obs-retention"))
                    .at("/template/settings");
            assertThat(settings.path("index.lifecycle.name").asText(null))
                    .as(family)
                    .isEqualTo(family.equals("error-groups") ? null : "obs-retention");
            assertThat(json.readTree(IndexTemplates.configured(family, resource, "obs-", 1, 0, FieldNaming.VIGIL, null))
                            .at("/template/settings")
                            .has("index.lifecycle.name"))
                    .isFalse();
        }
    }

    @Test
    void theIlmPolicyDeletesAfterTheRetentionAndTheIsmPolicyAttachesToTheDailyFamiliesOnly() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode ilm = json.readTree(IndexLifecycle.ilmPolicy(30));
        assertThat(ilm.at("/policy/phases/delete/min_age").asText()).isEqualTo("30d");
        assertThat(ilm.at("/policy/phases/delete/actions").has("delete")).isTrue();

        JsonNode ism = json.readTree(IndexLifecycle.ismPolicy("obs-", IndexTemplates.DAILY_FAMILIES, 30))
                .path("policy");
        assertThat(ism.at("/states/0/transitions/0/conditions/min_index_age").asText())
                .isEqualTo("30d");
        assertThat(ism.at("/states/1/actions/0").has("delete")).isTrue();
        List<String> patterns = new ArrayList<>();
        ism.at("/ism_template/0/index_patterns").forEach(p -> patterns.add(p.asText()));
        assertThat(patterns).containsExactly("obs-logs-*", "obs-journeys-*", "obs-errors-*");
    }

    private static byte[] resource(String template) throws Exception {
        try (InputStream in =
                IndexTemplates.class.getResourceAsStream("/elasticsearch/" + template + ".template.json")) {
            return in.readAllBytes();
        }
    }

    /** The all-fields sample of {@code type} from common-schema's valid samples, parsed. */
    private static Event allFieldsEvent(String type) throws Exception {
        return new EventParser(ParserLimits.withoutClockWindow())
                .parse(Files.readAllBytes(
                        Path.of("../../common-schema/src/test/resources/samples/valid", type + "-all-fields.json")))
                .event();
    }
}
