package dev.vigil.tests.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.elasticsearch.DailyIndex;
import dev.vigil.runtime.sinks.elasticsearch.IndexLifecycle;
import dev.vigil.runtime.sinks.elasticsearch.IndexTemplates;
import dev.vigil.runtime.sinks.elasticsearch.SearchConnection;
import dev.vigil.tests.stack.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * The profile for a full distribution (one with ILM or ISM, which the local stack's thin ones lack):
 * set {@code VIGIL_LIFECYCLE_SEARCH_URL} to an Elasticsearch with ILM or an OpenSearch with the Index
 * Management plugin, reachable without auth, and run {@code mvn -pl tests verify -Dit.test=IndexLifecycleIT}.
 * The jobs' start-up installs the retention policy, and a new daily index follows it. Skipped without
 * that variable; it cleans up what it made.
 */
class IndexLifecycleIT {
    @Test
    void aNewDailyIndexFollowsTheRetentionPolicy() throws Exception {
        String url = System.getenv("VIGIL_LIFECYCLE_SEARCH_URL");
        assumeTrue(
                url != null && !url.isBlank(), "VIGIL_LIFECYCLE_SEARCH_URL is not set: no full distribution to test");
        String prefix = "lc" + UUID.randomUUID().toString().substring(0, 8) + "-";
        VigilConfig config = VigilConfig.load(
                "",
                List.of(
                        "elasticsearch.hosts=" + url,
                        "elasticsearch.index-prefix=" + prefix,
                        "retention.elasticsearch=7d"),
                Map.of());
        String policy = IndexLifecycle.policyName(prefix);
        String index = DailyIndex.name(prefix + "logs", System.currentTimeMillis());
        IndexLifecycle.Kind kind;
        try (RestClient client = SearchConnection.of(config).open()) {
            kind = IndexLifecycle.detect(client);
        }
        assertThat(kind).as("the distribution at %s has ILM or ISM", url).isNotEqualTo(IndexLifecycle.Kind.NONE);
        try {
            IndexTemplates.install(config, "logs");
            IndexTemplates.install(config, "journeys"); // a second install updates the policy in place
            Http.send("PUT", url + "/" + index + "/_doc/1?refresh=true", "{\"message\":\"m\",\"service\":\"s\"}");
            if (kind == IndexLifecycle.Kind.ILM) {
                assertThat(Http.get(url + "/_ilm/policy/" + policy)
                                .at("/" + policy + "/policy/phases/delete/min_age")
                                .asText())
                        .isEqualTo("7d");
                assertThat(Http.get(url + "/" + index + "/_settings")
                                .at("/" + index + "/settings/index/lifecycle/name")
                                .asText())
                        .isEqualTo(policy);
            } else {
                assertThat(Http.get(url + "/_plugins/_ism/policies/" + policy)
                                .at("/policy/states/0/transitions/0/conditions/min_index_age")
                                .asText())
                        .isEqualTo("7d");
                JsonNode explain = Http.get(url + "/_plugins/_ism/explain/" + index);
                assertThat(explain.path(index)
                                .path("index.plugins.index_state_management.policy_id")
                                .asText(explain.path(index).path("policy_id").asText()))
                        .isEqualTo(policy);
            }
        } finally {
            Http.send("DELETE", url + "/" + index, "");
            Http.send("DELETE", url + "/_index_template/" + prefix + "logs", "");
            Http.send("DELETE", url + "/_index_template/" + prefix + "journeys", "");
            Http.send(
                    "DELETE",
                    url + (kind == IndexLifecycle.Kind.ILM ? "/_ilm/policy/" : "/_plugins/_ism/policies/") + policy,
                    "");
        }
    }
}
