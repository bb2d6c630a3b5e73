package dev.vigil.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of the hostile-input corpus through the agent-logs job on the cluster: each ends as a
 * dead letter with the expected reason and its original bytes, or stored with the checked fields
 * exactly as sent (Elasticsearch, and TimescaleDB for agent IDs); the job never restarts.
 */
class HostileInputIT {
    private static final int MAX_DEAD_LETTER_PAYLOAD = 1_000_000;

    @Test
    void everyHostileCaseIsDeadLetteredWithItsReasonOrStoredExactly(@TempDir Path tmp) throws Exception {
        List<HostileCorpus.Case> cases = HostileCorpus.load();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "hi" + run + ".";
        String service = "hostile-" + run;
        Map<String, String> big = Map.of("max.message.bytes", Integer.toString(16 << 20));
        KafkaTopics.create(1, big, prefix + "agent-logs");
        KafkaTopics.create(1, prefix + "dead-letters", prefix + "alerts");

        try (ClusterJob job = ClusterJob.agentLogs(tmp, prefix, "hi-" + run + "/archive", "")) {
            job.start();
            long now = System.currentTimeMillis()
                    - 300_000; // the trailer, 2 min later, stays within the allowed future skew
            Map<Long, Integer> caseAtOffset = new HashMap<>();
            List<byte[]> payloads = new ArrayList<>();
            Properties p = new Properties();
            p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
            p.put("max.request.size", Integer.toString(16 << 20));
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < cases.size(); i++) {
                    byte[] payload = cases.get(i).payload(id(run, i), service, now);
                    payloads.add(payload);
                    caseAtOffset.put(
                            producer.send(new ProducerRecord<>(prefix + "agent-logs", payload))
                                    .get()
                                    .offset(),
                            i);
                }
                String trailer = "{\"type\":\"agent_log\",\"timestamp\":" + (now + 120_000) + ",\"service\":\""
                        + service + "-trailer\",\"level\":\"info\",\"message\":\"closes the windows\"}";
                producer.send(new ProducerRecord<>(prefix + "agent-logs", trailer.getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            long deadExpected = cases.stream().filter(c -> !c.stored()).count();
            long storedExpected = cases.size() - deadExpected;

            List<ConsumerRecord<byte[], byte[]>> dead =
                    KafkaTopics.readCommitted(prefix + "dead-letters", (int) deadExpected, Duration.ofMinutes(2));
            Map<String, JsonNode> docs = awaitDocuments(run, cases.size(), storedExpected, Duration.ofMinutes(2));
            job.flink().awaitRunningAndCheckpointed(job.id(), 1, Duration.ofMinutes(1));
            long restarts = job.flink().restarts(job.id());

            List<String> wrong = new ArrayList<>();
            Map<Integer, ConsumerRecord<byte[], byte[]>> deadByCase = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : dead) {
                Integer i = caseAtOffset.get(Long.parseLong(header(r, "vigil.source.offset")));
                if (i == null || deadByCase.put(i, r) != null)
                    wrong.add("unexpected or repeated dead letter at offset " + header(r, "vigil.source.offset"));
            }
            for (int i = 0; i < cases.size(); i++) {
                HostileCorpus.Case c = cases.get(i);
                String label = c.category() + "/" + c.name();
                ConsumerRecord<byte[], byte[]> d = deadByCase.get(i);
                JsonNode doc = docs.get(id(run, i));
                if (c.stored()) {
                    if (d != null)
                        wrong.add(label + ": expected stored, dead-lettered as " + header(d, "vigil.reason") + " ("
                                + header(d, "vigil.detail") + ")");
                    else if (doc == null) wrong.add(label + ": expected stored, not in Elasticsearch");
                    else wrong.addAll(fieldMismatches(label, c.checks(), doc, service));
                } else if (d == null) {
                    wrong.add(label + ": expected dead letter " + c.expect() + ", "
                            + (doc != null ? "stored" : "not found"));
                } else {
                    if (!header(d, "vigil.reason").equals(c.expect()))
                        wrong.add(label + ": expected " + c.expect() + ", got " + header(d, "vigil.reason"));
                    wrong.addAll(payloadMismatches(label, payloads.get(i), d));
                    if (doc != null) wrong.add(label + ": dead-lettered and also stored");
                }
            }
            assertThat(wrong).as("cases that did not end as the corpus says").isEmpty();
            assertThat(restarts).as("job restarts caused by the corpus").isZero();
            System.out.printf(
                    "[hostile-input] %d cases: %d dead-lettered with the expected reason and original bytes, %d stored exactly; 0 restarts%n",
                    cases.size(), deadExpected, storedExpected);
        }
    }

    private static String id(String run, int i) {
        return "h" + run + "-" + i;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return r.headers().lastHeader(name) == null
                ? ""
                : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The dead letter carries the original bytes; above the payload limit their first bytes, the full size and digest. */
    private static List<String> payloadMismatches(String label, byte[] original, ConsumerRecord<byte[], byte[]> d)
            throws Exception {
        List<String> wrong = new ArrayList<>();
        if (original.length <= MAX_DEAD_LETTER_PAYLOAD) {
            if (!Arrays.equals(d.value(), original)) wrong.add(label + ": dead letter bytes differ from the original");
        } else {
            if (!Arrays.equals(d.value(), Arrays.copyOf(original, MAX_DEAD_LETTER_PAYLOAD)))
                wrong.add(label + ": cut dead letter is not the original's head");
            if (!header(d, "vigil.original-size").equals(Integer.toString(original.length)))
                wrong.add(label + ": vigil.original-size missing or wrong");
            String sha = java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(original));
            if (!header(d, "vigil.original-sha256").equals(sha))
                wrong.add(label + ": vigil.original-sha256 missing or wrong");
        }
        return wrong;
    }

    private static List<String> fieldMismatches(String label, JsonNode checks, JsonNode source, String service) {
        List<String> wrong = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = checks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> check = it.next();
            String field = check.getKey();
            JsonNode want = check.getValue();
            if (field.equals("pg:agent_id")) {
                if (!agentIdRowExists(service, want.asText()))
                    wrong.add(label + ": no agent_log_counts row with the agent_id exactly as sent");
                continue;
            }
            JsonNode got = field.startsWith("attributes/")
                    ? source.path("attributes").path(field.substring("attributes/".length()))
                    : source.path(field);
            boolean same = want.isNumber()
                    ? got.isNumber()
                            && (want.isIntegralNumber()
                                    ? got.asLong() == want.asLong()
                                    : got.asDouble() == want.asDouble())
                    : got.isTextual() && got.asText().equals(want.asText());
            if (!same)
                wrong.add(label + ": " + field + " stored as " + abbreviate(got.toString()) + ", sent "
                        + abbreviate(want.toString()));
        }
        return wrong;
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "...(" + s.length() + " chars)" : s;
    }

    private static boolean agentIdRowExists(String service, String agentId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(
                            LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                    PreparedStatement s = c.prepareStatement(
                            "SELECT count(*) FROM agent_log_counts WHERE service = ? AND agent_id = ?")) {
                s.setString(1, service);
                s.setString(2, agentId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 1) return true;
                }
                Thread.sleep(1_000);
            } catch (java.sql.SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }

    /** The run's log documents by event ID, once as many as expected are searchable. */
    private static Map<String, JsonNode> awaitDocuments(String run, int cases, long expected, Duration timeout)
            throws InterruptedException {
        ObjectNode body = Http.JSON.createObjectNode().put("size", cases);
        ArrayNode ids = body.putObject("query").putObject("terms").putArray("event_id");
        for (int i = 0; i < cases; i++) ids.add(id(run, i));
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, JsonNode> docs = new HashMap<>();
        while (System.nanoTime() < deadline) {
            Http.send("POST", LocalStack.esUrl() + "/vigil-logs/_refresh", "");
            docs.clear();
            for (JsonNode hit : Http.send("POST", LocalStack.esUrl() + "/vigil-logs/_search", body.toString())
                    .get("hits")
                    .get("hits")) {
                docs.put(hit.get("_source").get("event_id").asText(), hit.get("_source"));
            }
            if (docs.size() >= expected) return docs;
            Thread.sleep(1_000);
        }
        return docs;
    }
}
