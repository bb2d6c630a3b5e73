package dev.vigil.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.vigil.jobs.agentlogs.AgentLogsMain;
import dev.vigil.jobs.alerting.AlertingMain;
import dev.vigil.jobs.business.BusinessEventsMain;
import dev.vigil.jobs.errors.ErrorsMain;
import dev.vigil.jobs.metrics.PerformanceMetricsMain;
import dev.vigil.runtime.JobRules;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.MiniClusterRun;
import dev.vigil.tests.stack.TestJobConfig;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated hostile values in every field of every event type — the fields read from the contract's
 * JSON Schemas, nested ones (frames, buckets, resource) included, starting from each type's all-fields
 * sample — through every input job into its
 * real sinks (TimescaleDB, Elasticsearch, the S3 archive, the alerts and dead-letter topics), then the
 * alerts those jobs raised through the alerting job into Alertmanager. Each job runs to the end of its
 * input with no restart; what the parser accepts is processed and reaches the sinks with nothing
 * refused, what it refuses is dead-lettered with the reason the parser gives offline, exactly.
 *
 * <p>The generator is seeded (the seed is printed); {@code -Dvigil.fuzz.seed=N} replays a run.
 */
class FuzzIT {
    private static final int EVENTS_PER_TYPE = 400;
    private static final Map<String, String> TOPIC_OF_TYPE = Map.of(
            "agent_log",
            "agent-logs",
            "performance_metric",
            "performance-metrics",
            "business_event",
            "business-events",
            "error",
            "errors");

    /** Hostile JSON values, as raw JSON text (so lone surrogate escapes and huge literals reach the parser as written). */
    private static final List<String> VALUES = hostileValues();

    private static final List<String> STRINGS =
            VALUES.stream().filter(v -> v.startsWith("\"")).toList();
    private static final List<String> NUMBERS =
            VALUES.stream().filter(v -> v.matches("-?[0-9].*")).toList();

    @Test
    void hostileValuesInEveryFieldNeverRestartAJobAndEveryEventIsAccountedFor(@TempDir Path tmp) throws Exception {
        long seed = Long.getLong("vigil.fuzz.seed", System.nanoTime());
        System.out.println("[fuzz] seed " + seed);
        Random random = new Random(seed);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "fz" + run + ".";
        String service = "fz-" + run;
        KafkaTopics.create(
                1,
                prefix + "agent-logs",
                prefix + "performance-metrics",
                prefix + "business-events",
                prefix + "errors",
                prefix + "dead-letters",
                prefix + "alerts");
        VigilConfig config = TestJobConfig.create(
                prefix, tmp, """
                elasticsearch.index-prefix: "%s-"
                s3: {archive-path: "s3://%s/fuzz-%s/archive"}
                detection: {baseline: {warm-up: 2}, error-spike: {count: 3, within: 1min}}
                alerting: {alertmanager-url: "%s"}
                """.formatted("fz" + run, LocalStack.s3Bucket(), run, LocalStack.alertmanagerUrl()));

        Map<String, Map<String, Long>> expected = new TreeMap<>();
        Map<String, Integer> fuzzedFields = new TreeMap<>();
        long now = System.currentTimeMillis();
        EventParser parser = new EventParser(JobRules.parserLimits(config));
        for (String type : TOPIC_OF_TYPE.keySet()) {
            List<String> fields = fieldsOf(type);
            List<byte[]> records = new ArrayList<>();
            Map<String, Long> outcomes = new TreeMap<>();
            for (int i = 0; i < EVENTS_PER_TYPE; i++) {
                ObjectNode event = base(type, service, i, now - 600_000 + i * 1000L);
                for (int f = 1 + random.nextInt(2); f > 0; f--) {
                    String field = fields.get(random.nextInt(fields.size()));
                    set(event, field, hostile(random, current(event, field)));
                    fuzzedFields.merge(type + "." + field, 1, Integer::sum);
                }
                byte[] bytes = Http.JSON.writeValueAsBytes(event);
                records.add(bytes);
                ParseOutcome o = parser.parse(bytes, now);
                outcomes.merge(o.isValid() ? "processed" : "deadLettered." + o.reason() + ".records", 1L, Long::sum);
            }
            // one late-enough valid event per topic moves event time past every window, so the bounded runs flush them
            records.add(Http.JSON.writeValueAsBytes(base(type, "fz-ticker-" + run, EVENTS_PER_TYPE, now)));
            outcomes.merge("processed", 1L, Long::sum);
            KafkaTopics.produce(prefix + TOPIC_OF_TYPE.get(type), records);
            expected.put(TOPIC_OF_TYPE.get(type), outcomes);
        }
        List<String> neverFuzzed = new ArrayList<>();
        for (String type : TOPIC_OF_TYPE.keySet()) {
            for (String f : fieldsOf(type))
                if (!fuzzedFields.containsKey(type + "." + f)) neverFuzzed.add(type + "." + f);
        }
        assertThat(neverFuzzed)
                .as("every field of every type got hostile values")
                .isEmpty();

        AgentLogsMain.prepareStores(config);
        ErrorsMain.prepareStores(config);
        Map<String, Map<String, Long>> counters = new TreeMap<>();
        counters.put(
                "agent-logs",
                run(
                        config,
                        "agent-logs",
                        "fz-agent-logs-" + run,
                        env -> AgentLogsMain.job(config, true, Map.of()).build(env)));
        counters.put(
                "performance-metrics",
                run(
                        config,
                        "performance-metrics",
                        "fz-metrics-" + run,
                        env -> PerformanceMetricsMain.job(config, true, Map.of())
                                .build(env)));
        counters.put(
                "business-events",
                run(
                        config,
                        "business-events",
                        "fz-business-" + run,
                        env -> BusinessEventsMain.job(config, true, Map.of()).build(env)));
        counters.put(
                "errors",
                run(
                        config,
                        "errors",
                        "fz-errors-" + run,
                        env -> ErrorsMain.job(config, true, Map.of()).build(env)));

        long deadLetters = 0;
        for (Map.Entry<String, Map<String, Long>> job : expected.entrySet()) {
            Map<String, Long> got = counters.get(job.getKey());
            System.out.println("[fuzz] " + job.getKey() + " expected " + job.getValue() + ", counted " + got);
            assertThat(got.getOrDefault("numRestarts", -1L))
                    .as(job.getKey() + " restarts")
                    .isZero();
            assertThat(got.getOrDefault("sinkRejected", 0L))
                    .as(job.getKey() + ": a sink refused a value the contract let through")
                    .isZero();
            assertThat(got.get("received")).as(job.getKey() + " received").isEqualTo(EVENTS_PER_TYPE + 1L);
            for (Map.Entry<String, Long> outcome : job.getValue().entrySet()) {
                assertThat(got.getOrDefault(outcome.getKey(), 0L))
                        .as(job.getKey() + " " + outcome.getKey())
                        .isEqualTo(outcome.getValue());
                if (outcome.getKey().startsWith("deadLettered.")) deadLetters += outcome.getValue();
            }
            assertThat(job.getValue().get("processed"))
                    .as(job.getKey() + ": enough hostile events reach the sinks")
                    .isGreaterThan(EVENTS_PER_TYPE / 8);
        }
        // exactly: readCommitted waits a quiet second after the expected count, so a sink's refusal would show
        List<ConsumerRecord<byte[], byte[]>> dead =
                KafkaTopics.readCommitted(prefix + "dead-letters", (int) deadLetters, Duration.ofSeconds(60));
        assertThat(dead).as("dead letters").hasSize((int) deadLetters);

        // The alerts the jobs raised about hostile services, operations and metric names, through the alerting job to
        // Alertmanager.
        List<ConsumerRecord<byte[], byte[]>> alerts =
                KafkaTopics.readCommitted(prefix + "alerts", 1, Duration.ofSeconds(30));
        assertThat(alerts).as("the fuzzed jobs raised alerts").isNotEmpty();
        Map<String, Long> alerting = run(
                config,
                "alerting",
                "fz-alerting-" + run,
                env -> AlertingMain.job(config, true, Map.of()).build(env));
        System.out.println("[fuzz] alerting counted " + alerting);
        assertThat(alerting.getOrDefault("numRestarts", -1L))
                .as("alerting restarts")
                .isZero();
        assertThat(alerting.getOrDefault("alertsFailed", 0L))
                .as("alerts Alertmanager refused")
                .isZero();
        assertThat(alerting.getOrDefault("alertsSent", 0L)).isPositive();
    }

    private static Map<String, Long> run(
            VigilConfig config,
            String jobName,
            String name,
            java.util.function.Consumer<StreamExecutionEnvironment> job)
            throws Exception {
        return MiniClusterRun.run(name, env -> {
            VigilEnvironment.configure(env, config, jobName);
            job.accept(env);
        });
    }

    /**
     * A valid event of {@code type} with every field set (common-schema's all-fields sample, which the
     * schemas and the parser accept), so every field has a value to replace; metrics cycle through the kinds.
     */
    private static ObjectNode base(String type, String service, int i, long timestamp) throws Exception {
        ObjectNode event = (ObjectNode) Http.JSON.readTree(java.nio.file.Files.readAllBytes(
                Path.of("../common-schema/src/test/resources/samples/valid/" + type + "-all-fields.json")));
        event.put("event_id", "fz-" + i);
        event.put("timestamp", timestamp);
        event.put("service", service);
        event.put("correlation_id", "c-" + i);
        if (type.equals("performance_metric"))
            event.put("kind", new String[] {"timer", "counter", "gauge", "histogram"}[i % 4]);
        if (type.equals("agent_log")) event.put("session_id", "s-" + i % 5);
        if (type.equals("business_event")) event.put("user_id", "u-" + i % 11);
        return event;
    }

    /** Top-level fields of the envelope and the type, and the members of their nested objects (frames[0].file, resource.cpu_percent). */
    private static List<String> fieldsOf(String type) throws Exception {
        List<String> fields = new ArrayList<>();
        for (String schema : List.of("envelope", type)) {
            JsonNode properties = schema("/schemas/" + schema + ".schema.json").path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                fields.add(p.getKey());
                p.getValue().path("properties").fieldNames().forEachRemaining(n -> fields.add(p.getKey() + "." + n));
                p.getValue()
                        .path("items")
                        .path("properties")
                        .fieldNames()
                        .forEachRemaining(n -> fields.add(p.getKey() + "[0]." + n));
            }
        }
        return fields;
    }

    private static JsonNode schema(String resource) throws Exception {
        try (InputStream in = EventParser.class.getResourceAsStream(resource)) {
            return Http.JSON.readTree(in);
        }
    }

    private static void set(ObjectNode event, String path, String raw) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            event.putRawValue(path, new RawValue(raw));
            return;
        }
        String head = path.substring(0, dot);
        String member = path.substring(dot + 1);
        JsonNode parent = head.endsWith("[0]")
                ? event.path(head.substring(0, head.length() - 3)).path(0)
                : event.path(head);
        if (parent instanceof ObjectNode o)
            o.putRawValue(member, new RawValue(raw)); // else an earlier pick replaced the parent
    }

    /**
     * A hostile value: mostly of the type the field has in the valid event (so the event is accepted
     * and its content reaches the sinks), else of any type; objects get a hostile key.
     */
    private static String hostile(Random random, JsonNode current) {
        List<String> pool = VALUES;
        if (random.nextInt(10) < 7) {
            if (current.isTextual()) pool = STRINGS;
            else if (current.isNumber()) pool = NUMBERS;
            else if (current.isObject()) return "{" + pick(random, STRINGS) + ":" + pick(random, VALUES) + "}";
        }
        return pick(random, pool);
    }

    private static String pick(Random random, List<String> pool) {
        return pool.get(random.nextInt(pool.size()));
    }

    private static JsonNode current(ObjectNode event, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) return event.path(path);
        String head = path.substring(0, dot);
        JsonNode parent = head.endsWith("[0]")
                ? event.path(head.substring(0, head.length() - 3)).path(0)
                : event.path(head);
        return parent.path(path.substring(dot + 1));
    }

    private static List<String> hostileValues() {
        List<String> v = new ArrayList<>(List.of(
                // control characters, separators Vigil once joined keys with, and line breaks of every kind
                "\"\\u0000\"",
                "\"a\\u0000b\"",
                "\"a\\u0001b\"",
                "\"\\u001f\\u007f\"",
                "\"tab\\tnl\\n\"",
                "\"\\r\\n\"",
                "\"\\u0085\\u2028\\u2029\"",
                // Unicode: emoji, right-to-left override, zero-width, BOM, lone and paired surrogate escapes, combining
                // marks, CJK
                "\"\uD83D\uDCA5\uD83D\uDD25\"",
                "\"\\u202eevil\"",
                "\"\\u200b\"",
                "\"\\ufeffbom\"",
                "\"\\ud800\"",
                "\"\\udfff\"",
                "\"\\ud83d\\ude00\"",
                "\"I\u0307\u00df e\u0301\"",
                "\"\u65e5\u672c\u8a9e\"",
                // lengths around the label and keyword limits
                "\"" + "x".repeat(255) + "\"",
                "\"" + "x".repeat(257) + "\"",
                "\"" + "y".repeat(5000) + "\"",
                "\"" + "z".repeat(70_000) + "\"",
                "\"\"",
                "\" \"",
                // injections and names with meaning somewhere downstream
                "\"'; DROP TABLE agent_log_counts;--\"",
                "\"\\\\\"",
                "\"\\\"\"",
                "\"{\\\"a\\\":1}\"",
                "\"%00\"",
                "\"${jndi:ldap://x/a}\"",
                "\"<script>alert(1)</script>\"",
                "\"../../etc/passwd\"",
                "\"|\"",
                "\"*\"",
                "\"_id\"",
                "\".\"",
                "\"..\"",
                "\"a.b.c\"",
                "\"a..b\"",
                "\"-\"",
                "\"+Inf\"",
                "\"NaN\"",
                "\"Infinity\"",
                "\"1e400\"",
                "\"-0\"",
                "\"null\"",
                "\"{{ .Labels }}\"",
                "\"$(reboot)\"",
                // PII that must be masked wherever it lands
                "\"4111 1111 1111 1111\"",
                "\"jane.doe@example.com\"",
                "\"password=hunter2\"",
                // numbers at and beyond every range a sink has
                "0",
                "-1",
                "1.5",
                "-0.0",
                "1e308",
                "-1e308",
                "1e400",
                "-1e400",
                "1e-320",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775809",
                "2147483648",
                "-2147483649",
                "123456789012345678901234567890",
                "4111111111111111",
                "1795859930123",
                // other JSON types
                "null",
                "true",
                "false",
                "[]",
                "{}",
                "[1,\"a\",null]",
                "{\"x\":{\"y\":[1,{}]}}"));
        v.add("[".repeat(20) + "]".repeat(20));
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 200; i++)
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        v.add(many.append('}').toString());
        return v;
    }
}
