package dev.vigil.runtime.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.runtime.sinks.elasticsearch.BulkOutcome.Verdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bulk responses as Elasticsearch 7.17/8/9 and OpenSearch write them (shapes copied from their documentation). */
class BulkOutcomeTest {
    private static BulkOutcome parse(String json, int documents) throws IOException {
        return BulkOutcome.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), documents);
    }

    @Test
    void noErrorsMeansEveryDocumentIsWrittenWithoutReadingTheItems() throws IOException {
        BulkOutcome o = parse(
                "{\"took\":30,\"errors\":false,\"items\":[{\"index\":{\"_index\":\"a\",\"_id\":\"1\",\"status\":201}}]}",
                1);
        assertThat(o.verdicts).containsExactly(Verdict.WRITTEN);
        // ES 8+ puts "errors" before "items" as well; the items are then not parsed, so a count mismatch is not seen:
        // by design.
    }

    @Test
    void eachItemGetsItsOwnVerdictAndTheClustersReason() throws IOException {
        String es8 = """
                {"errors":true,"took":3,"items":[
                  {"index":{"_index":"vigil-logs-2026.11.30","_id":"a","_version":1,"result":"created","status":201,"_seq_no":0,"_primary_term":1}},
                  {"index":{"_index":"vigil-logs-2026.11.30","_id":"b","status":400,"error":{"type":"document_parsing_exception",
                     "reason":"[1:15] failed to parse field [duration_ms] of type [long]","caused_by":{"type":"illegal_argument_exception","reason":"x"}}}},
                  {"index":{"_index":"vigil-logs-2026.11.30","_id":"c","status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"}}},
                  {"index":{"_index":"vigil-logs-2026.11.30","_id":"d","status":503,"error":{"type":"unavailable_shards_exception","reason":"primary shard is not active"}}},
                  {"create":{"_index":"x","_id":"e","status":409,"error":{"type":"version_conflict_engine_exception","reason":"exists"}}}
                ]}""";
        BulkOutcome o = parse(es8, 5);
        assertThat(o.verdicts)
                .containsExactly(Verdict.WRITTEN, Verdict.REJECTED, Verdict.RETRY, Verdict.RETRY, Verdict.REJECTED);
        assertThat(o.reasons.get(0)).isEmpty();
        assertThat(o.reasons.get(1))
                .isEqualTo(
                        "HTTP 400 document_parsing_exception: [1:15] failed to parse field [duration_ms] of type [long]");
        assertThat(o.reasons.get(2)).isEqualTo("HTTP 429 es_rejected_execution_exception: rejected execution");
    }

    @Test
    void aResponseThatDoesNotMatchTheRequestIsAnError() {
        assertThatThrownBy(() -> parse("{\"errors\":true,\"items\":[{\"index\":{\"status\":201}}]}", 2))
                .hasMessageContaining("1 items for 2 documents");
        assertThatThrownBy(() -> parse("[]", 1)).isInstanceOf(IOException.class);
    }
}
