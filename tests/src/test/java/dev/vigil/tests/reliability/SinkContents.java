package dev.vigil.tests.reliability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.tests.stack.ArchiveObjects;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a workload left in each sink, read the way a user would read it. */
final class SinkContents {
    private SinkContents() {}

    /** Log documents of the workload's services in Elasticsearch. */
    static long logDocuments(ReliabilityWorkload w) {
        Http.send("POST", LocalStack.esUrl() + "/vigil-logs/_refresh", "");
        ObjectNode body = Http.JSON.createObjectNode();
        ArrayNode services = body.putObject("query").putObject("terms").putArray("service");
        w.services().forEach(services::add);
        return Http.send("POST", LocalStack.esUrl() + "/vigil-logs/_count", body.toString())
                .get("count")
                .asLong();
    }

    /** agent_log_counts rows of the workload's services as "bucket|service|LEVEL" → events. */
    static Map<String, Long> logCounts(ReliabilityWorkload w) {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                PreparedStatement s = c.prepareStatement("SELECT bucket, service, level, events FROM agent_log_counts "
                        + "WHERE service = ANY (?) AND window_seconds = 10")) {
            s.setArray(1, c.createArrayOf("text", w.services().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.put(
                            ReliabilityWorkload.countKey(
                                    rs.getTimestamp(1).getTime(), rs.getString(2), rs.getString(3)),
                            rs.getLong(4));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("reading agent_log_counts failed", e);
        }
        return rows;
    }

    /** How often each of the workload's event IDs occurs in the committed archive files (trailers left out). */
    static Map<String, Integer> archivedEventIds(ReliabilityWorkload w, String prefix) throws IOException {
        Map<String, Integer> ids = new HashMap<>();
        for (String row : ArchiveObjects.parquetRows(prefix)) {
            int start = row.indexOf("event_id=") + "event_id=".length();
            String id = row.substring(start, row.indexOf('\n', start));
            if (!id.contains("-trailer-")) ids.merge(id, 1, Integer::sum);
        }
        return ids;
    }

    /** Every expected key seen exactly once and nothing else; on failure the counts and a few examples of each kind. */
    static void assertExactlyOnce(String sink, Set<String> expected, Map<String, Integer> seen) {
        List<String> missing =
                expected.stream().filter(k -> !seen.containsKey(k)).sorted().toList();
        List<String> extra = seen.keySet().stream()
                .filter(k -> !expected.contains(k))
                .sorted()
                .toList();
        List<String> repeated = seen.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        if (!missing.isEmpty() || !extra.isEmpty() || !repeated.isEmpty()) {
            throw new AssertionError(sink + ": expected " + expected.size() + " exactly once, saw " + seen.size()
                    + " distinct; missing "
                    + missing.size() + " " + examples(missing) + ", unexpected " + extra.size() + " " + examples(extra)
                    + ", more than once " + repeated.size() + " " + examples(repeated));
        }
    }

    private static List<String> examples(List<String> keys) {
        return keys.subList(0, Math.min(5, keys.size())).stream()
                .map(k -> k.length() > 80 ? k.substring(0, 80) + "..." : k)
                .toList();
    }

    /** What landed per sink once the workload was drained. */
    record Landed(long documents, long countedEvents, int countRows, int archived, int deadLetters) {
        String summary() {
            return "elasticsearch " + documents + " (kept), timescaledb " + countedEvents + " events in " + countRows
                    + " rows, archive " + archived + ", dead letters " + deadLetters + "; duplicates 0";
        }
    }

    /**
     * After the input and its trailers are in: waits until Elasticsearch and TimescaleDB hold the reference and two
     * more checkpoints have committed the last archive files.
     */
    static void awaitDrained(ReliabilityWorkload w, ClusterJob job, Duration timeout) throws InterruptedException {
        awaitLogDocuments(w, timeout);
        awaitLogCounts(w, Duration.ofMinutes(3));
        job.flink().awaitRunningAndCheckpointed(job.id(), 2, Duration.ofMinutes(3));
    }

    /** Every sink holds exactly the reference: no event missing, none twice. */
    static Landed assertLandedExactlyOnce(ReliabilityWorkload w, String topicPrefix, String archivePrefix)
            throws IOException {
        long documents = logDocuments(w);
        if (documents != w.keptIds().size()) {
            throw new AssertionError("Elasticsearch holds " + documents + " documents, expected the "
                    + w.keptIds().size() + " distinct kept events");
        }
        Map<String, Long> counts = logCounts(w);
        if (!counts.equals(w.referenceCounts())) {
            throw new AssertionError("TimescaleDB agent_log_counts differs from the reference: " + counts.size()
                    + " rows vs " + w.referenceCounts().size());
        }
        Map<String, Integer> archived = archivedEventIds(w, archivePrefix);
        assertExactlyOnce("archive (Parquet on S3)", w.validIds(), archived);
        Map<String, Integer> dead = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaTopics.readCommitted(
                topicPrefix + "dead-letters", w.invalid().size(), Duration.ofMinutes(1))) {
            dead.merge(new String(r.value(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
        assertExactlyOnce("dead-letter topic", w.invalid(), dead);
        return new Landed(
                documents,
                counts.values().stream().mapToLong(Long::longValue).sum(),
                counts.size(),
                archived.size(),
                dead.size());
    }

    static void awaitLogDocuments(ReliabilityWorkload w, Duration timeout) throws InterruptedException {
        await(
                "Elasticsearch log documents",
                () -> logDocuments(w),
                (long) w.keptIds().size(),
                timeout);
    }

    static void awaitLogCounts(ReliabilityWorkload w, Duration timeout) throws InterruptedException {
        await("TimescaleDB agent_log_counts", () -> logCounts(w), w.referenceCounts(), timeout);
    }

    private static <T> void await(String what, Supplier<T> read, T expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = read.get();
                if (Objects.equals(last, expected)) return;
            } catch (RuntimeException e) {
                // the store may be down on purpose in the outage tests
            }
            Thread.sleep(2_000);
        }
        String shown = last instanceof Map<?, ?> m
                ? m.size() + " rows, "
                        + m.values().stream().mapToLong(v -> (Long) v).sum() + " events; "
                        + differences(m, (Map<?, ?>) expected)
                : String.valueOf(last);
        throw new AssertionError(
                what + " did not reach the expected contents within " + timeout + "; last seen: " + shown);
    }

    /** How many rows differ from the expected ones, with a few "key: seen ≠ expected" examples. */
    private static String differences(Map<?, ?> seen, Map<?, ?> expected) {
        List<String> wrong = new java.util.ArrayList<>();
        Set<Object> keys = new java.util.TreeSet<>();
        keys.addAll(seen.keySet());
        keys.addAll(expected.keySet());
        for (Object k : keys) {
            if (!Objects.equals(seen.get(k), expected.get(k)))
                wrong.add(k + ": " + seen.get(k) + " ≠ " + expected.get(k));
        }
        return wrong.size() + " rows differ from the " + expected.size() + " expected, e.g. " + examples(wrong);
    }
}
