package dev.vigil.tests.agentlogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.jobs.agentlogs.AgentLogsMain;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.tests.stack.ArchiveObjects;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.MiniClusterRun;
import dev.vigil.tests.stack.TestJobConfig;
import dev.vigil.workload.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent-logs job on a MiniCluster against the real stack: a known input (valid, duplicate,
 * sampled-out, PII-bearing, malformed and late events) and exact expectations for every sink and
 * every accounting metric; then the same input replayed leaves Elasticsearch and TimescaleDB unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentLogsEndToEndIT {
    private static final String KEY = "it-masking-key-0123456789abcdef";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "it" + run + ".";
    private final String gw = "gw-" + run;
    private final String co = "co-" + run;
    private final String pay = "pay-" + run;
    private final String srch = "srch-" + run;
    private final String agent = "agent-" + run;
    private final long base = (System.currentTimeMillis() - 600_000) / 10_000 * 10_000;
    private final List<byte[]> input = new ArrayList<>();
    private final Map<String, Long> firstRun = new HashMap<>();
    private Map<String, Long> firstCounters;

    @TempDir
    static Path tmp;

    private String log(
            String eventId, String corr, String service, long offsetMs, String level, String message, String extra) {
        return "{\"event_id\":\"" + eventId + "\",\"type\":\"agent_log\",\"timestamp\":" + (base + offsetMs)
                + ",\"service\":\"" + service + "\",\"correlation_id\":\"" + corr + "\",\"level\":\"" + level
                + "\",\"message\":\"" + message + "\"" + extra + "}";
    }

    private String step(int n, String tool, int tokensIn, int tokensOut, double cost, double duration, String outcome) {
        return log(
                "step" + n + "-" + run,
                "sess-" + run,
                agent,
                10_000 + n * 1000L,
                "info",
                "step " + n,
                ",\"agent_id\":\"bot-" + run + "\",\"model\":\"m1\",\"step\":" + n
                        + (tool == null ? "" : ",\"tool\":\"" + tool + "\"")
                        + ",\"tokens_in\":" + tokensIn + ",\"tokens_out\":" + tokensOut + ",\"cost\":" + cost
                        + ",\"duration_ms\":" + duration + ",\"outcome\":\"" + outcome + "\"");
    }

    @BeforeAll
    void produceAndRunOnce() throws Exception {
        String e1 = log("e1-" + run, "req1-" + run, gw, 1000, "info", "GET / 200", "");
        add(e1);
        add(e1); // an exact duplicate
        add(log("e2-" + run, "req1-" + run, co, 2000, "info", "checkout ok", ""));
        add(log("e3-" + run, "req2-" + run, gw, 3000, "info", "GET /search 200", ""));
        add(log("e4-" + run, "req1-" + run, pay, 4000, "info", "charged", ""));
        add(log("e5-" + run, "req2-" + run, srch, 5000, "debug", "query plan chosen", "")); // sampled out
        add(log("e6-" + run, "req2-" + run, srch, 7000, "error", "index unavailable", ""));
        add(log(
                "e7-" + run,
                "req3-" + run,
                gw,
                8000,
                "info",
                "login by jane.doe@example.com paid with 4111 1111 1111 1111",
                ",\"attributes\":{\"password\":\"hunter2\",\"client\":{\"ip\":\"203.0.113.77\"}}"));
        add(step(1, "t1", 100, 10, 0.1, 100, "success"));
        add(step(2, "t2", 200, 20, 0.2, 200, "failure"));
        add(step(3, null, 300, 30, 0.3, 300, "success"));
        add("{\"type\":\"agent_log\",\"timestamp\":"); // MALFORMED_JSON
        add("{\"type\":\"agent_log\",\"timestamp\":" + base
                + ",\"level\":\"info\",\"message\":\"no service\"}"); // MISSING_FIELD
        input.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}); // INVALID_UTF8
        add(log("e8-" + run, "req5-" + run, gw, 100_000, "info", "GET / 200", "")); // moves the watermark far ahead
        add(log("e9-" + run, "req6-" + run, gw, 2500, "info", "GET /late 200", "")); // beyond allowed lateness

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", LocalStack.kafkaBootstrap()))) {
            Topics.create(
                    admin,
                    List.of(
                            new NewTopic(prefix + "agent-logs", 1, (short) 1),
                            new NewTopic(prefix + "dead-letters", 1, (short) 1),
                            new NewTopic(prefix + "alerts", 1, (short) 1)));
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
        p.put("enable.idempotence", "true");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] record : input)
                producer.send(new ProducerRecord<>(prefix + "agent-logs", record))
                        .get();
        }
        firstCounters = runJob();
        firstRun.putAll(snapshot());
    }

    private void add(String json) {
        input.add(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the job to the end of the input; returns its vigil.* counters summed over subtasks, read before the cluster closes. */
    private Map<String, Long> runJob() throws Exception {
        Path pgPassword = tmp.resolve("pg-password");
        Files.writeString(pgPassword, LocalStack.pgPassword());
        Path maskingKey = tmp.resolve("masking-key");
        Files.writeString(maskingKey, KEY);
        String yaml = """
                kafka:
                  bootstrap-servers: %s
                  topic-prefix: %s
                  topics: [agent-logs]
                  starting-offsets: earliest
                  group-id: it-%s
                windows:
                  agent-logs: {type: tumbling, size: 10s, allowed-lateness: 30s, out-of-orderness: 5s}
                journeys: {gap: 30s}
                sampling:
                  rates: ["%s:debug=0.0"]
                masking:
                  hmac-key-env: VIGIL_IT_NO_SUCH_VARIABLE
                  hmac-key-file: %s
                timescaledb:
                  url: %s
                  username: %s
                  password-file: %s
                elasticsearch:
                  hosts: [%s]
                s3:
                  archive-path: s3://%s/it-%s/archive
                checkpoint:
                  interval: 1s
                  storage: file://%s
                parallelism: 1
                """.formatted(
                        LocalStack.kafkaBootstrap(),
                        prefix,
                        run,
                        srch,
                        maskingKey,
                        LocalStack.pgUrl(),
                        LocalStack.pgUser(),
                        pgPassword,
                        LocalStack.esUrl(),
                        LocalStack.s3Bucket(),
                        run,
                        tmp.resolve("checkpoints"));
        VigilConfig config = VigilConfig.load(TestJobConfig.signingKeyYaml(tmp) + yaml, List.of(), Map.of());

        return MiniClusterRun.run("it-agent-logs-" + run, env -> {
            VigilEnvironment.configure(env, config, "agent-logs");
            AgentLogsMain.prepareStores(config);
            AgentLogsMain.job(config, true, Map.of()).build(env);
        });
    }

    // ---- accounting ------------------------------------------------------------------------------

    @Test
    void everyEventIsAccountedFor() {
        long received = firstCounters.get("received");
        long processed = firstCounters.get("processed");
        long deadLettered = firstCounters.entrySet().stream()
                .filter(e -> e.getKey().startsWith("deadLettered."))
                .mapToLong(Map.Entry::getValue)
                .sum();
        assertThat(received).isEqualTo(16);
        assertThat(firstCounters)
                .containsEntry("deadLettered.MALFORMED_JSON.records", 1L)
                .containsEntry("deadLettered.MISSING_FIELD.records", 1L)
                .containsEntry("deadLettered.INVALID_UTF8.records", 1L);
        assertThat(deadLettered).isEqualTo(3);
        assertThat(processed).isEqualTo(13);
        assertThat(received).isEqualTo(processed + deadLettered);
        long sampledOut = firstCounters.get("sampledOut");
        assertThat(sampledOut).isEqualTo(1);
        // indexed = processed - sampled out, less the one exact duplicate that overwrote its own document
        assertThat(firstRun.get("es.logs")).isEqualTo(processed - sampledOut - 1);
        assertThat(firstRun.get("archive.lines")).isEqualTo(processed);
        assertThat(firstCounters.get("late")).isEqualTo(1);
    }

    // ---- sinks -----------------------------------------------------------------------------------

    @Test
    void deadLettersKeepTheOriginalBytesAndTheReason() {
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
        p.put("group.id", "it-dl-" + run);
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        Map<String, byte[]> byReason = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(prefix + "dead-letters"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (byReason.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    byReason.put(
                            new String(r.headers().lastHeader("vigil.reason").value(), StandardCharsets.UTF_8),
                            r.value());
                    assertThat(new String(
                                    r.headers().lastHeader("vigil.source.topic").value(), StandardCharsets.UTF_8))
                            .isEqualTo(prefix + "agent-logs");
                }
            }
        }
        assertThat(byReason).containsOnlyKeys("MALFORMED_JSON", "MISSING_FIELD", "INVALID_UTF8");
        assertThat(byReason.get("MALFORMED_JSON")).isEqualTo(input.get(11));
        assertThat(byReason.get("MISSING_FIELD")).isEqualTo(input.get(12));
        assertThat(byReason.get("INVALID_UTF8")).isEqualTo(input.get(13));
    }

    @Test
    void elasticsearchHoldsMaskedKeptLogsAndJourneys() {
        JsonNode pii = search("vigil-logs", "{\"query\":{\"term\":{\"event_id\":\"e7-" + run + "\"}}}")
                .get(0)
                .get("_source");
        assertThat(pii.get("message").asText())
                .matches("login by \\[email:[0-9a-f]{16}] paid with \\[card:\\*\\*\\*\\*1111]");
        assertThat(pii.get("attributes").get("password").asText()).isEqualTo("[REDACTED:secret]");
        assertThat(pii.get("attributes").get("client.ip").asText()).matches("\\[ipv4:[0-9a-f]{16}]");
        assertThat(search("vigil-logs", "{\"query\":{\"term\":{\"event_id\":\"e5-" + run + "\"}}}"))
                .as("sampled out")
                .isEmpty();

        Map<String, JsonNode> journeys = new TreeMap<>();
        for (JsonNode hit : search(
                "vigil-journeys", "{\"size\":50,\"query\":{\"wildcard\":{\"correlation_id\":\"*" + run + "\"}}}")) {
            JsonNode journey = hit.get("_source");
            assertThat(journeys.put(journey.get("correlation_id").asText(), journey))
                    .as("one journey per request")
                    .isNull();
        }
        assertThat(journeys)
                .containsOnlyKeys("req1-" + run, "req2-" + run, "req3-" + run, "req5-" + run, "sess-" + run);
        JsonNode req1 = journeys.get("req1-" + run);
        assertThat(texts(req1.get("services"))).containsExactly(gw, co, pay);
        assertThat(longs(req1.get("hop_latency_ms"))).containsExactly(1000L, 2000L, 0L);
        assertThat(req1.get("event_count").asLong()).isEqualTo(4);
        assertThat(req1.get("duration_ms").asLong()).isEqualTo(3000);
        assertThat(req1.get("error").asBoolean()).isFalse();
        JsonNode req2 = journeys.get("req2-" + run);
        assertThat(texts(req2.get("services"))).containsExactly(gw, srch);
        assertThat(longs(req2.get("hop_latency_ms"))).containsExactly(2000L, 2000L);
        assertThat(req2.get("error").asBoolean()).isTrue();
        assertThat(journeys.get("sess-" + run).get("event_count").asLong()).isEqualTo(3);
    }

    @Test
    void timescaleHoldsExactWindowCountsAgentUsageAndHops() throws Exception {
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement()) {
            Map<String, Long> counts = new TreeMap<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT extract(epoch FROM bucket)::bigint * 1000, service, level, agent_id, events, window_seconds "
                            + "FROM agent_log_counts WHERE service LIKE '%-" + run + "'")) {
                while (rs.next()) {
                    assertThat(rs.getInt(6)).isEqualTo(10);
                    counts.put(
                            (rs.getLong(1) - base) / 1000 + "s "
                                    + rs.getString(2).replace("-" + run, "") + " " + rs.getString(3)
                                    + (rs.getString(4).isEmpty()
                                            ? ""
                                            : " " + rs.getString(4).replace("-" + run, "")),
                            rs.getLong(5));
                }
            }
            assertThat(counts)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "0s gw INFO",
                            4L,
                            "0s co INFO",
                            1L,
                            "0s pay INFO",
                            1L,
                            "0s srch DEBUG",
                            1L,
                            "0s srch ERROR",
                            1L,
                            "10s agent INFO bot",
                            3L,
                            "100s gw INFO",
                            1L));

            try (ResultSet rs = s.executeQuery(
                    "SELECT steps, tool_calls, failures, tokens_in, tokens_out, cost, duration_p50, duration_p99, "
                            + "extract(epoch FROM bucket)::bigint * 1000 FROM agent_usage WHERE agent_id = 'bot-" + run
                            + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3);
                assertThat(rs.getLong(2)).isEqualTo(2);
                assertThat(rs.getLong(3)).isEqualTo(1);
                assertThat(rs.getLong(4)).isEqualTo(600);
                assertThat(rs.getLong(5)).isEqualTo(60);
                assertThat(rs.getDouble(6)).isCloseTo(0.6, within(1e-9));
                // DDSketch quantiles (1% relative error) use the lower nearest rank: of 100, 200, 300 the p50 and p99
                // are both 200
                assertThat(rs.getDouble(7)).isCloseTo(200, within(2.0));
                assertThat(rs.getDouble(8)).isCloseTo(200, within(2.0));
                assertThat(rs.getLong(9)).isEqualTo(base + 10_000);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("SELECT correlation_id, hop, service, latency_ms FROM journey_hops "
                    + "WHERE correlation_id LIKE '%-" + run + "' ORDER BY correlation_id, hop")) {
                List<String> hops = new ArrayList<>();
                while (rs.next()) {
                    hops.add(rs.getString(1).replace("-" + run, "") + "/" + rs.getInt(2) + " "
                            + rs.getString(3).replace("-" + run, "") + " " + rs.getLong(4));
                }
                assertThat(hops)
                        .containsExactly(
                                "req1/0 gw 1000",
                                "req1/1 co 2000",
                                "req1/2 pay 0",
                                "req2/0 gw 2000",
                                "req2/1 srch 2000",
                                "req3/0 gw 0",
                                "req5/0 gw 0",
                                "sess/0 agent 2000");
            }
        }
    }

    @Test
    void archiveHoldsEveryValidEventMaskedAndPartitioned() throws Exception {
        List<String> lines = ArchiveObjects.parquetRows("it-" + run + "/archive/");
        assertThat(lines).hasSize(13);
        assertThat(String.join("\n", lines))
                .doesNotContain("jane.doe@example.com", "4111 1111 1111 1111", "hunter2", "203.0.113.77");
        assertThat(lines)
                .anyMatch(l -> l.contains("event_id=e7-" + run)
                        && l.matches(
                                "(?s).*message=login by \\[email:[0-9a-f]{16}] paid with \\[card:\\*\\*\\*\\*1111].*"));
        assertThat(lines)
                .filteredOn(l -> l.contains("event_id=step2-" + run))
                .singleElement()
                .satisfies(
                        l -> assertThat(l).contains("tokens_in=200", "outcome=failure", "tool=t2", "service=" + agent));
        assertThat(ArchiveObjects.keys("it-" + run + "/archive/"))
                .allMatch(
                        k -> k.matches(
                                "it-" + run
                                        + "/archive/type=agent_log/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/agent-logs-.*\\.zstd\\.parquet"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it writes the archive a second time
    void replayingTheSameInputLeavesElasticsearchAndTimescaleUnchanged() throws Exception {
        runJob();
        Map<String, Long> again = snapshot();
        assertThat(again.get("es.logs")).isEqualTo(firstRun.get("es.logs"));
        assertThat(again.get("es.journeys")).isEqualTo(firstRun.get("es.journeys"));
        assertThat(again.get("pg.counts")).isEqualTo(firstRun.get("pg.counts"));
        assertThat(again.get("pg.events")).isEqualTo(firstRun.get("pg.events"));
        assertThat(again.get("pg.usage")).isEqualTo(firstRun.get("pg.usage"));
        assertThat(again.get("pg.hops")).isEqualTo(firstRun.get("pg.hops"));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private Map<String, Long> snapshot() throws Exception {
        Map<String, Long> m = new HashMap<>();
        Http.send("POST", LocalStack.esUrl() + "/vigil-*/_refresh", "");
        m.put(
                "es.logs",
                Http.get(LocalStack.esUrl() + "/vigil-logs/_count?q=service:*-" + run)
                        .get("count")
                        .asLong());
        m.put(
                "es.journeys",
                Http.get(LocalStack.esUrl() + "/vigil-journeys/_count?q=correlation_id:*-" + run)
                        .get("count")
                        .asLong());
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement()) {
            m.put("pg.counts", one(s, "SELECT count(*) FROM agent_log_counts WHERE service LIKE '%-" + run + "'"));
            m.put(
                    "pg.events",
                    one(s, "SELECT coalesce(sum(events), 0) FROM agent_log_counts WHERE service LIKE '%-" + run + "'"));
            m.put(
                    "pg.usage",
                    one(s, "SELECT count(*) * 1000 + sum(steps) FROM agent_usage WHERE agent_id = 'bot-" + run + "'"));
            m.put(
                    "pg.hops",
                    one(
                            s,
                            "SELECT count(*) * 100000 + sum(latency_ms) FROM journey_hops WHERE correlation_id LIKE '%-"
                                    + run + "'"));
        }
        m.put("archive.lines", (long)
                ArchiveObjects.parquetRows("it-" + run + "/archive/").size());
        return m;
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<JsonNode> search(String index, String query) {
        Http.send("POST", LocalStack.esUrl() + "/" + index + "/_refresh", "");
        List<JsonNode> hits = new ArrayList<>();
        Http.send("POST", LocalStack.esUrl() + "/" + index + "/_search", query)
                .at("/hits/hits")
                .forEach(hits::add);
        return hits;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }
}
