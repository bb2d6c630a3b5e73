package dev.vigil.runtime.sinks.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.elasticsearch.client.RestClient;

/**
 * Deletion of old daily indices by the cluster itself, where it has the means: an ILM policy on
 * Elasticsearch, an ISM policy on OpenSearch, each deleting an index {@code retention.elasticsearch}
 * after it was created. Where neither is installed (Elasticsearch's OSS and integration-test
 * distributions, OpenSearch's minimal one) the retention run deletes them by the date in their name,
 * as it also does alongside a policy (it catches indices created late for old days).
 */
public final class IndexLifecycle {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the cluster offers. */
    public enum Kind {
        /** Elasticsearch's index lifecycle management. */
        ILM,
        /** OpenSearch's index state management plugin. */
        ISM,
        NONE
    }

    private IndexLifecycle() {}

    /** Which lifecycle the cluster offers: the first of ILM and ISM whose API answers. */
    public static Kind detect(RestClient client) throws IOException {
        if (SearchConnection.exchange(client, "GET", "/_ilm/status", null).ok()) return Kind.ILM;
        if (SearchConnection.exchange(client, "GET", "/_plugins/_ism/policies", null)
                .ok()) return Kind.ISM;
        return Kind.NONE;
    }

    /** The policy's name: one per installation, by its index prefix. */
    public static String policyName(String indexPrefix) {
        return indexPrefix + "retention";
    }

    /** The ILM policy: delete an index {@code days} after it was created. Templates name it in their settings. */
    static String ilmPolicy(long days) {
        ObjectNode policy = JSON.createObjectNode();
        ObjectNode phases = policy.putObject("policy").putObject("phases");
        phases.putObject("hot").putObject("actions");
        ObjectNode delete = phases.putObject("delete");
        delete.put("min_age", days + "d");
        delete.putObject("actions").putObject("delete");
        return policy.toString();
    }

    /**
     * The ISM policy: delete an index {@code days} after it was created; its {@code ism_template}
     * attaches it to every new index of the daily families (ISM has no setting in index templates).
     */
    static String ismPolicy(String indexPrefix, List<String> dailyFamilies, long days) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode policy = root.putObject("policy");
        policy.put("description", "Vigil: delete daily indices after " + days + " days (retention.elasticsearch)");
        policy.put("default_state", "hot");
        ArrayNode states = policy.putArray("states");
        ObjectNode hot = states.addObject();
        hot.put("name", "hot");
        hot.putArray("actions");
        ObjectNode toDelete = hot.putArray("transitions").addObject();
        toDelete.put("state_name", "delete");
        toDelete.putObject("conditions").put("min_index_age", days + "d");
        ObjectNode delete = states.addObject();
        delete.put("name", "delete");
        delete.putArray("actions").addObject().putObject("delete");
        delete.putArray("transitions");
        ObjectNode template = policy.putArray("ism_template").addObject();
        ArrayNode patterns = template.putArray("index_patterns");
        for (String family : dailyFamilies) patterns.add(indexPrefix + family + "-*");
        template.put("priority", 100);
        return root.toString();
    }

    /**
     * Installs or updates the policy {@code kind} names (nothing for NONE). An ISM policy is replaced
     * with the sequence number it has, as OpenSearch requires; an ILM PUT replaces it as it is.
     */
    static void install(RestClient client, Kind kind, String indexPrefix, List<String> dailyFamilies, long days)
            throws IOException {
        String name = policyName(indexPrefix);
        SearchConnection.Answer answer;
        switch (kind) {
            case ILM:
                answer = SearchConnection.exchange(client, "PUT", "/_ilm/policy/" + name, ilmPolicy(days));
                break;
            case ISM: {
                String endpoint = "/_plugins/_ism/policies/" + name;
                SearchConnection.Answer existing = SearchConnection.exchange(client, "GET", endpoint, null);
                if (existing.ok()) {
                    JsonNode e = JSON.readTree(existing.body());
                    endpoint += "?if_seq_no=" + e.path("_seq_no").asLong() + "&if_primary_term="
                            + e.path("_primary_term").asLong();
                }
                answer =
                        SearchConnection.exchange(client, "PUT", endpoint, ismPolicy(indexPrefix, dailyFamilies, days));
                break;
            }
            default:
                return;
        }
        if (!answer.ok()) {
            throw new IllegalStateException("installing the " + kind + " policy " + name + " failed: HTTP "
                    + answer.status() + " " + answer.body());
        }
    }
}
