package dev.vigil.tests.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.jobs.agentlogs.sinks.LogDocuments;
import dev.vigil.jobs.errors.sinks.ErrorDocuments;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.elasticsearch.BulkSink;
import dev.vigil.runtime.sinks.elasticsearch.DailyIndex;
import dev.vigil.runtime.sinks.elasticsearch.DocumentWriter;
import dev.vigil.runtime.sinks.elasticsearch.ElasticsearchSinks;
import dev.vigil.runtime.sinks.elasticsearch.IndexLifecycle;
import dev.vigil.runtime.sinks.elasticsearch.IndexTemplates;
import dev.vigil.runtime.sinks.elasticsearch.SearchConnection;
import dev.vigil.schema.contract.FieldNaming;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParserLimits;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.MiniClusterRun;
import dev.vigil.tests.stack.SearchNode;
import dev.vigil.tests.stack.TestJobConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The search sink against every version it supports, each a real single node: the stack's
 * Elasticsearch 7.17 and, from the matrix ./vigil test installs, Elasticsearch 8.19 and 9.2 and
 * OpenSearch 2.19 and 3.6. On each: the index template installs and adds its new fields to an index
 * an older version created; a 429 storm (the cluster's own
 * flood-stage block, which answers every write with 429) is ridden out by retries and every document
 * lands once the block lifts; a document the strict mapping refuses goes to the dead-letter topic
 * with the cluster's error while all the others are written; typed attributes answer range queries
 * and never conflict; ECS field names map and answer a log view's queries; and (on the matrix nodes) a
 * restart of the node mid-run loses and duplicates nothing.
 */
class SearchSinkMatrixIT {
    private static final int DOCUMENTS = 400;
    private static final int RESTART_DOCUMENTS = 2_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Stream<String> versions() throws Exception {
        List<String> out = new ArrayList<>(List.of("stack"));
        for (SearchNode.Distribution d : SearchNode.matrix()) out.add(d.name() + " " + d.version());
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void writesEveryDocumentRidesOutA429StormAndDeadLettersWhatTheMappingRefuses(String version, @TempDir Path tmp)
            throws Exception {
        try (SearchNode node = version.equals("stack")
                ? SearchNode.stack()
                : SearchNode.start(SearchNode.matrix().stream()
                        .filter(d -> (d.name() + " " + d.version()).equals(version))
                        .findFirst()
                        .orElseThrow())) {
            String run = "m" + UUID.randomUUID().toString().substring(0, 8);
            String prefix = run + ".";
            KafkaTopics.create(1, prefix + "dead-letters");
            VigilConfig config = TestJobConfig.create(prefix, tmp, """
                    elasticsearch.hosts: ["%s"]
                    elasticsearch.index-prefix: "%s-"
                    sinks.elasticsearch.batch-size: 50
                    sinks.elasticsearch.retry-backoff: 100ms
                    sinks.elasticsearch.max-retries: 12
                    """.formatted(node.url(), run));
            long now = System.currentTimeMillis();
            String index = DailyIndex.name(run + "-logs", now);
            // Today's index as an older Vigil made it; installing this version's template adds the fields it lacks.
            assertThat(call(node, "PUT", "/" + index, """
                    {"mappings": {"dynamic": "strict", "properties": {"message": {"type": "text"}, "service": {"type": "keyword"},
                     "timestamp": {"type": "date", "format": "epoch_millis"}}}}""").statusCode()).isEqualTo(200);
            IndexTemplates.install(config, "logs");
            try (RestClient client = SearchConnection.of(config).open()) {
                assertThat(IndexLifecycle.detect(client))
                        .as(version + " is a thin distribution: no ILM, no ISM (IndexLifecycleIT covers full ones)")
                        .isEqualTo(IndexLifecycle.Kind.NONE);
            }
            assertThat(Http.get(node.url() + "/_index_template/" + run + "-logs")
                            .at("/index_templates/0/index_template/template/settings/index")
                            .has("lifecycle"))
                    .isFalse();
            JsonNode mapping =
                    Http.get(node.url() + "/" + index + "/_mapping").path(index).path("mappings");
            assertThat(mapping.path("dynamic").asText()).isEqualTo("strict");
            assertThat(mapping.at("/properties/attribute_values/type").asText())
                    .as("new fields added to today's index")
                    .isEqualTo("nested");

            // The storm: the cluster itself refuses every write with 429 until the block is lifted.
            setBlock(node, index, true);
            HttpResponse<String> refused = call(
                    node, "POST", "/_bulk", "{\"index\":{\"_index\":\"" + index + "\"}}\n{\"message\":\"probe\"}\n");
            assertThat(refused.body())
                    .as(version + " answers 429 under the block")
                    .contains("\"status\":429");

            List<String> records = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++)
                records.add(i + "|{\"message\":\"m" + i + "\",\"service\":\"svc\",\"timestamp\":" + now + "}");
            records.add("bad|{\"message\":\"bad\",\"not_in_the_mapping\":1,\"timestamp\":" + now + "}");
            BulkSink<String> sink = ElasticsearchSinks.create(config, new Documents(index));
            CompletableFuture<Void> lift = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(4000);
                    setBlock(node, index, false);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            boolean done = MiniClusterRun.runUntil(
                    "search-matrix-" + run,
                    env -> {
                        env.setParallelism(1);
                        env.fromData(records).sinkTo(sink);
                    },
                    () -> lift.isDone() && count(node, index) == DOCUMENTS,
                    Duration.ofMinutes(2));
            assertThat(done)
                    .as(version + ": all " + DOCUMENTS + " documents written")
                    .isTrue();
            lift.get();
            assertThat(count(node, index)).isEqualTo(DOCUMENTS);

            List<ConsumerRecord<byte[], byte[]>> dead =
                    KafkaTopics.readCommitted(prefix + "dead-letters", 1, Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            assertThat(header(dead.get(0), "vigil.reason")).isEqualTo("SINK_REJECTED");
            assertThat(header(dead.get(0), "vigil.detail"))
                    .contains("\"_id\":\"bad\"")
                    .contains("HTTP 400")
                    .contains("strict_dynamic_mapping");
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("not_in_the_mapping");

            typedAttributesAreQueryableAndNeverConflict(node, version, run + "-logs", now);
            ecsNamedDocumentsAreMappedAndQueryable(node, version, tmp, run, now);
            if (!version.equals("stack"))
                everyDocumentLandsOnceAcrossARestart(node, version, config, run, now); // 7.17's: SinkOutageIT
        }
    }

    /**
     * The node stopped (SIGTERM) and started again while the sink writes: requests fail to connect meanwhile and are
     * retried, and every document is there exactly once afterwards (IDs are the documents' own, so a retried
     * request overwrites).
     */
    private static void everyDocumentLandsOnceAcrossARestart(
            SearchNode node, String version, VigilConfig config, String run, long now) throws Exception {
        String index = DailyIndex.name(run + "-restart", now);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < RESTART_DOCUMENTS; i++)
            records.add("r" + i + "|{\"message\":\"r" + i + "\",\"timestamp\":" + now + "}");
        BulkSink<String> sink = ElasticsearchSinks.create(config, new Documents(index));
        CompletableFuture<Long> restart = CompletableFuture.supplyAsync(() -> {
            try {
                long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                long written;
                while ((written = countOrZero(node, index)) == 0 && System.nanoTime() < deadline) Thread.sleep(100);
                long t0 = System.nanoTime();
                node.restart();
                System.out.printf(
                        "[search-matrix] %s restarted after %d of %d documents, down and up in %.1f s%n",
                        version, written, RESTART_DOCUMENTS, (System.nanoTime() - t0) / 1e9);
                return written;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        boolean done = MiniClusterRun.runUntil(
                "search-matrix-restart-" + run,
                env -> {
                    env.setParallelism(1);
                    env.fromData(records).map(new Paced()).returns(String.class).sinkTo(sink);
                },
                () -> restart.isDone() && countOrZero(node, index) == RESTART_DOCUMENTS,
                Duration.ofMinutes(4));
        assertThat(restart.get())
                .as("documents written when the restart began: mid-run")
                .isBetween(1L, RESTART_DOCUMENTS - 1L);
        assertThat(done)
                .as("all " + RESTART_DOCUMENTS + " documents written across the restart")
                .isTrue();
        assertThat(count(node, index)).isEqualTo(RESTART_DOCUMENTS);
    }

    /** Spreads the restart test's documents over about 10 s, so the restart falls in the middle of the writes. */
    static final class Paced implements MapFunction<String, String> {
        @Override
        public String map(String record) throws InterruptedException {
            Thread.sleep(5);
            return record;
        }
    }

    private static long countOrZero(SearchNode node, String index) {
        try {
            return Math.max(0, count(node, index));
        } catch (Exception e) {
            return 0; // down, or the index not there yet
        }
    }

    /**
     * Attributes keep their JSON types: a range query on a number finds exactly the events above it,
     * and events that give one key different types, or use {@code a} and {@code a.b} as keys, are all
     * indexed in one bulk request without an error.
     */
    private static void typedAttributesAreQueryableAndNeverConflict(
            SearchNode node, String version, String alias, long now) throws Exception {
        String[] attributes = {
            "{\"status_code\":503,\"http\":{\"method\":\"GET\"},\"ok\":false}",
            "{\"status_code\":200,\"ok\":true,\"a\":1}",
            "{\"status_code\":\"503\",\"a\":{\"b\":2},\"none\":null,\"empty\":{}}",
            "{\"status_code\":500.5,\"huge\":1e400,\"list\":[1,\"x\",true]}",
            "{\"status_code\":\"ok\"}"
        };
        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        LogDocuments documents =
                new LogDocuments(alias.substring(0, alias.length() - LogDocuments.FAMILY.length()), FieldNaming.VIGIL);
        StringBuilder bulk = new StringBuilder();
        String index = null;
        for (int i = 0; i < attributes.length; i++) {
            Event e = parser.parse(("{\"type\":\"agent_log\",\"event_id\":\"typed-" + i + "\",\"timestamp\":" + now
                                    + ",\"service\":\"typed\",\"level\":\"info\",\"message\":\"m\",\"attributes\":"
                                    + attributes[i] + "}")
                            .getBytes(StandardCharsets.UTF_8))
                    .event();
            index = documents.index(e);
            bulk.append("{\"index\":{\"_index\":\"")
                    .append(index)
                    .append("\",\"_id\":\"")
                    .append(documents.id(e))
                    .append("\"}}\n")
                    .append(new String(documents.json(e), StandardCharsets.UTF_8))
                    .append('\n');
        }
        JsonNode indexed = Http.JSON.readTree(
                call(node, "POST", "/_bulk?refresh=true", bulk.toString()).body());
        assertThat(indexed.path("errors").asBoolean(true))
                .as(version + ": " + indexed)
                .isFalse();

        assertThat(eventIds(node, index, numberRange("status_code", 500)))
                .as(version + ": status_code >= 500")
                .containsExactlyInAnyOrder("typed-0", "typed-3");
        assertThat(
                        eventIds(
                                node,
                                index,
                                nested(
                                        "{\"term\":{\"attribute_values.key\":\"status_code\"}},{\"term\":{\"attribute_values.string\":\"503\"}}")))
                .as(version + ": the string \"503\" is a string")
                .containsExactly("typed-2");
        assertThat(
                        eventIds(
                                node,
                                index,
                                nested(
                                        "{\"term\":{\"attribute_values.key\":\"ok\"}},{\"term\":{\"attribute_values.boolean\":true}}")))
                .containsExactly("typed-1");
        assertThat(
                        eventIds(
                                node,
                                index,
                                nested(
                                        "{\"term\":{\"attribute_values.key\":\"a.b\"}},{\"range\":{\"attribute_values.number\":{\"gte\":2}}}")))
                .containsExactly("typed-2");
        assertThat(
                        eventIds(
                                node,
                                index,
                                nested(
                                        "{\"term\":{\"attribute_values.key\":\"none\"}},{\"term\":{\"attribute_values.type\":\"null\"}}")))
                .containsExactly("typed-2");
        assertThat(eventIds(node, index, "{\"term\":{\"attribute_pairs\":\"status_code=ok\"}}"))
                .containsExactly("typed-4");
        // _source keeps the values as sent, typed; the nested copy is not stored twice
        JsonNode hit = Http.JSON
                .readTree(call(
                                node,
                                "POST",
                                "/" + index + "/_search",
                                "{\"query\":{\"term\":{\"event_id\":\"typed-3\"}}}")
                        .body())
                .at("/hits/hits/0/_source");
        assertThat(hit.at("/attributes/status_code").isNumber()).isTrue();
        assertThat(hit.at("/attributes/status_code").asDouble()).isEqualTo(500.5);
        assertThat(hit.at("/attributes/list.2").isBoolean()).isTrue();
        // an index the template creates does not store the nested copy in _source (today's, made by an "older version",
        // does)
        String fresh = alias + "-fresh";
        String doc = new String(
                documents.json(parser.parse(("{\"type\":\"agent_log\",\"event_id\":\"f\",\"timestamp\":" + now
                                        + ",\"service\":\"typed\",\"level\":\"info\",\"message\":\"m\",\"attributes\":{\"n\":1}}")
                                .getBytes(StandardCharsets.UTF_8))
                        .event()),
                StandardCharsets.UTF_8);
        assertThat(call(node, "PUT", "/" + fresh + "/_doc/f?refresh=true", doc).statusCode())
                .isEqualTo(201);
        JsonNode stored = Http.JSON
                .readTree(call(node, "GET", "/" + fresh + "/_doc/f", null).body())
                .path("_source");
        assertThat(stored.at("/attributes/n").isNumber()).isTrue();
        assertThat(stored.has("attribute_values")).as(stored.toString()).isFalse();
        assertThat(eventIds(node, fresh, numberRange("n", 1))).containsExactly("f");
    }

    /**
     * With {@code elasticsearch.field-names: ecs}: the templates install, an all-fields log and error
     * document index without an error under strict mappings, and the ECS fields answer the queries a
     * Kibana or OpenSearch Dashboards log view makes (a term on service.name and log.level, a range on
     * {@code @timestamp}), typed attributes included.
     */
    private static void ecsNamedDocumentsAreMappedAndQueryable(
            SearchNode node, String version, Path tmp, String run, long now) throws Exception {
        String prefix = run + "-ecs-";
        VigilConfig config = TestJobConfig.create(run + ".ecs.", tmp, """
                elasticsearch.hosts: ["%s"]
                elasticsearch.index-prefix: "%s"
                elasticsearch.field-names: ecs
                """.formatted(node.url(), prefix));
        IndexTemplates.install(config, LogDocuments.FAMILY);
        IndexTemplates.install(config, ErrorDocuments.FAMILY);
        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        Path samples = Path.of("../common-schema/src/test/resources/samples/valid");
        Event log = parser.parse(Files.readAllBytes(samples.resolve("agent_log-all-fields.json")))
                .event();
        Event error = parser.parse(Files.readAllBytes(samples.resolve("error-all-fields.json")))
                .event();
        log.timestamp = now;
        error.timestamp = now;
        error.error.groupId = "g-1";
        error.error.groupedBy = "fingerprint";
        LogDocuments logs = new LogDocuments(prefix, FieldNaming.ECS);
        ErrorDocuments errors = new ErrorDocuments(prefix, FieldNaming.ECS);
        String bulk = "{\"index\":{\"_index\":\"" + logs.index(log) + "\",\"_id\":\"" + logs.id(log) + "\"}}\n"
                + new String(logs.json(log), StandardCharsets.UTF_8) + "\n"
                + "{\"index\":{\"_index\":\"" + errors.index(error) + "\",\"_id\":\"" + errors.id(error) + "\"}}\n"
                + new String(errors.json(error), StandardCharsets.UTF_8) + "\n";
        JsonNode indexed = Http.JSON.readTree(
                call(node, "POST", "/_bulk?refresh=true", bulk).body());
        assertThat(indexed.path("errors").asBoolean(true))
                .as(version + ": " + indexed)
                .isFalse();

        String logIndex = logs.index(log);
        JsonNode mapping = Http.get(node.url() + "/" + logIndex + "/_mapping")
                .path(logIndex)
                .at("/mappings/properties");
        assertThat(mapping.at("/@timestamp/type").asText()).isEqualTo("date");
        assertThat(mapping.at("/service/properties/name/type").asText()).isEqualTo("keyword");
        assertThat(mapping.at("/log/properties/level/type").asText()).isEqualTo("keyword");
        assertThat(mapping.at("/gen_ai/properties/usage/properties/input_tokens/type")
                        .asText())
                .isEqualTo("long");
        assertThat(mapping.has("service_name") || mapping.has("timestamp")).isFalse();

        String attribute = log.attributes.keySet().iterator().next();
        assertThat(ids(
                        node,
                        prefix + "logs",
                        "event.id",
                        "{\"bool\":{\"filter\":["
                                + "{\"term\":{\"service.name\":\"" + log.service + "\"}},"
                                + "{\"term\":{\"log.level\":\"" + log.agentLog.level + "\"}},"
                                + "{\"term\":{\"trace.id\":\"" + log.traceId + "\"}},"
                                + "{\"range\":{\"@timestamp\":{\"gte\":" + (now - 1000) + ",\"lte\":" + (now + 1000)
                                + "}}},"
                                + "{\"nested\":{\"path\":\"vigil.attribute_values\",\"query\":{\"term\":"
                                + "{\"vigil.attribute_values.key\":\"" + attribute + "\"}}}}]}}"))
                .as(version + ": the log by its ECS fields")
                .containsExactly(log.eventId);
        assertThat(ids(
                        node,
                        prefix + "errors",
                        "event.id",
                        "{\"bool\":{\"filter\":["
                                + "{\"term\":{\"error.type\":\"" + error.error.errorType + "\"}},"
                                + "{\"term\":{\"http.response.status_code\":" + error.error.httpStatus + "}},"
                                + "{\"term\":{\"vigil.group_id\":\"g-1\"}}]}}"))
                .as(version + ": the error by its ECS fields")
                .containsExactly(error.eventId);
    }

    private static String numberRange(String key, double atLeast) {
        return nested("{\"term\":{\"attribute_values.key\":\"" + key
                + "\"}},{\"range\":{\"attribute_values.number\":{\"gte\":" + atLeast + "}}}");
    }

    /** The query form docs/events.md gives: all conditions on one attribute inside one nested query. */
    private static String nested(String filters) {
        return "{\"nested\":{\"path\":\"attribute_values\",\"query\":{\"bool\":{\"filter\":[" + filters + "]}}}}";
    }

    private static List<String> eventIds(SearchNode node, String index, String query) throws Exception {
        return ids(node, index, "event_id", query);
    }

    /** The {@code idField} of the documents {@code query} finds; _source is the document as sent, so a dotted key stays one key. */
    private static List<String> ids(SearchNode node, String index, String idField, String query) throws Exception {
        JsonNode hits = Http.JSON
                .readTree(call(
                                node,
                                "POST",
                                "/" + index + "/_search",
                                "{\"size\":100,\"_source\":[\"" + idField + "\"],\"query\":" + query + "}")
                        .body())
                .at("/hits/hits");
        assertThat(hits.isArray()).as(hits.toString()).isTrue();
        List<String> ids = new ArrayList<>();
        for (JsonNode h : hits) ids.add(h.path("_source").path(idField).asText());
        return ids;
    }

    /** Documents "id|json" into one index. */
    private record Documents(String index) implements DocumentWriter<String> {
        @Override
        public String id(String r) {
            return r.substring(0, r.indexOf('|'));
        }

        @Override
        public String index(String r) {
            return index;
        }

        @Override
        public byte[] json(String r) {
            return r.substring(r.indexOf('|') + 1).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void setBlock(SearchNode node, String index, boolean on) throws Exception {
        HttpResponse<String> r = call(
                node,
                "PUT",
                "/" + index + "/_settings",
                "{\"index.blocks.read_only_allow_delete\":" + (on ? "true" : "null") + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static long count(SearchNode node, String index) throws Exception {
        call(node, "POST", "/" + index + "/_refresh", "");
        return Http.JSON
                .readTree(call(node, "GET", "/" + index + "/_count", null).body())
                .path("count")
                .asLong(-1);
    }

    private static HttpResponse<String> call(SearchNode node, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", path.endsWith("_bulk") ? "application/x-ndjson" : "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return r.headers().lastHeader(name) == null
                ? ""
                : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
