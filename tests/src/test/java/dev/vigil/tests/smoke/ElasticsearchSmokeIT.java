package dev.vigil.tests.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.LocalStack;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ElasticsearchSmokeIT {

    @Test
    void indexesAndSearches() {
        String index = "smoke-" + UUID.randomUUID();
        String es = LocalStack.esUrl();
        JsonNode info = Http.get(es + "/");
        assertThat(info.at("/version/number").asText()).startsWith("7.17.");

        Http.send("PUT", es + "/" + index, """
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
                 "mappings": {"properties": {"service": {"type": "keyword"}, "message": {"type": "text"}}}}""");
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            bulk.append("{\"index\":{\"_id\":\"doc-").append(i).append("\"}}\n");
            bulk.append("{\"service\":\"")
                    .append(i % 2 == 0 ? "checkout" : "search")
                    .append("\",\"message\":\"request ")
                    .append(i)
                    .append(i % 5 == 0 ? " timed out" : " ok")
                    .append("\"}\n");
        }
        JsonNode bulkResult = Http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(es + "/" + index + "/_bulk?refresh=true"))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(bulk.toString())),
                "bulk");
        assertThat(bulkResult.get("errors").asBoolean()).isFalse();

        JsonNode hits = Http.send("POST", es + "/" + index + "/_search", """
                {"query": {"bool": {"filter": [{"term": {"service": "checkout"}}],
                                    "must": [{"match": {"message": "timed"}}]}},
                 "sort": [{"_id": "asc"}]}""").get("hits");
        assertThat(hits.at("/total/value").asInt()).isEqualTo(2);
        assertThat(hits.get("hits").findValuesAsText("_id")).containsExactly("doc-0", "doc-10");

        Http.send("DELETE", es + "/" + index, "");
    }
}
