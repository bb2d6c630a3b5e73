package dev.vigil.tests.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Searches of the stack's Elasticsearch after a refresh, for the end-to-end tests. */
public final class SearchHits {
    private SearchHits() {}

    /** The hits of {@code query} (a search body) on {@code index}, refreshed first. */
    public static JsonNode hits(String index, String query) {
        Http.send("POST", LocalStack.esUrl() + "/" + index + "/_refresh", "");
        return Http.send("POST", LocalStack.esUrl() + "/" + index + "/_search", query)
                .at("/hits/hits");
    }

    /** The one document {@code query} finds; fails when there are none or more. */
    public static JsonNode one(String index, String query) {
        JsonNode hits = hits(index, query);
        assertThat(hits.size()).as(index + " " + query).isEqualTo(1);
        return hits.get(0).get("_source");
    }

    public static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
