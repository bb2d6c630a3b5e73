package dev.vigil.runtime.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {
    @Test
    void prefixShardsAndReplicasComeFromConfigAndTheMappingsStay() throws Exception {
        for (String name : new String[] {"vigil-logs", "vigil-journeys", "vigil-errors", "vigil-error-groups"}) {
            byte[] resource;
            try (InputStream in =
                    IndexTemplates.class.getResourceAsStream("/elasticsearch/" + name + ".template.json")) {
                resource = in.readAllBytes();
            }
            ObjectMapper json = new ObjectMapper();
            JsonNode sized = json.readTree(IndexTemplates.configured(resource, "obs-", 3, 2));
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
            assertThat(sized.at("/template/mappings"))
                    .isEqualTo(json.readTree(resource).at("/template/mappings"));
            assertThat(sized.at("/template/settings/refresh_interval").asText()).isEqualTo("5s");
        }
    }
}
