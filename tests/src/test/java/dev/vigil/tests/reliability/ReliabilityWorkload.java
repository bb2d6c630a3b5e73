package dev.vigil.tests.reliability;

import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Agent logs for the reliability tests, with the reference every sink is checked against: which
 * events are valid, which are kept by sampling (debug is sampled out), which are dead letters, and
 * the log counts per 10 s window, service and level.
 */
final class ReliabilityWorkload {
    private static final long STEP_MS = 3;
    private static final long WINDOW_MS = 10_000;

    private final String run;
    private final int total;
    private final long base;
    private final List<String> services;
    private final Set<String> validIds = new HashSet<>();
    private final Set<String> keptIds = new HashSet<>();
    private final Set<String> invalid = new HashSet<>();
    private final Map<String, Long> referenceCounts = new TreeMap<>();

    ReliabilityWorkload(String run, int total, long startMillis) {
        this.run = run;
        this.total = total;
        this.base = startMillis - startMillis % WINDOW_MS;
        this.services = List.of("rel-" + run + "-a", "rel-" + run + "-b", "rel-" + run + "-c");
        for (int i = 0; i < total; i++) {
            if (isInvalid(i)) {
                invalid.add(payload(i));
                continue;
            }
            validIds.add(id(i));
            if (!level(i).equals("debug")) keptIds.add(id(i));
            long ts = timestamp(i);
            referenceCounts.merge(countKey(ts - ts % WINDOW_MS, service(i), level(i).toUpperCase()), 1L, Long::sum);
        }
    }

    /** The job's topics for a run: agent-logs (two partitions), dead-letters and alerts. */
    static void createTopics(String prefix) throws Exception {
        KafkaTopics.create(2, prefix + "agent-logs");
        KafkaTopics.create(1, prefix + "dead-letters", prefix + "alerts");
    }

    int total() {
        return total;
    }

    List<String> services() {
        return services;
    }

    Set<String> validIds() {
        return validIds;
    }

    Set<String> keptIds() {
        return keptIds;
    }
    /** The dead letters' original payloads. */
    Set<String> invalid() {
        return invalid;
    }
    /** Events per "bucket|service|LEVEL" for every 10 s window. */
    Map<String, Long> referenceCounts() {
        return referenceCounts;
    }

    static String countKey(long bucket, String service, String level) {
        return bucket + "|" + service + "|" + level;
    }

    /** Event i; one in 50 is invalid in one of three ways (not JSON, no message, unknown level). */
    String payload(int i) {
        if (isInvalid(i)) {
            switch ((i / 50) % 3) {
                case 0:
                    return "not json " + run + " " + i;
                case 1:
                    return event(i, "info", null);
                default:
                    return event(i, "loud", "message " + i);
            }
        }
        return event(i, level(i), "step " + i + " of request " + (i / 4));
    }

    private String event(int i, String level, String message) {
        return "{\"event_id\":\"" + id(i) + "\",\"type\":\"agent_log\",\"timestamp\":" + timestamp(i)
                + ",\"service\":\"" + service(i)
                + "\",\"correlation_id\":\"r" + (i / 4) + "-" + run + "\",\"level\":\"" + level + "\""
                + (message == null ? "" : ",\"message\":\"" + message + "\"") + "}";
    }

    private static boolean isInvalid(int i) {
        return i % 50 == 7;
    }

    private String id(int i) {
        return run + "-" + i;
    }

    private long timestamp(int i) {
        return base + i * STEP_MS;
    }

    private String service(int i) {
        return services.get(i % services.size());
    }

    private static String level(int i) {
        switch (i % 10) {
            case 0:
                return "debug";
            case 1:
                return "warn";
            case 2:
                return "error";
            default:
                return "info";
        }
    }

    /** Sends every event, spread evenly over {@code duration}, partition i % 2 (each partition in event-time order). */
    Producing produce(String topic, Duration duration) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(
                () -> {
                    try (KafkaProducer<byte[], byte[]> producer = producer()) {
                        long start = System.nanoTime();
                        int batch = 500;
                        for (int i = 0; i < total; i++) {
                            producer.send(new ProducerRecord<>(
                                    topic, i % 2, null, payload(i).getBytes(StandardCharsets.UTF_8)));
                            if (i % batch == batch - 1) {
                                long due = start + duration.toNanos() * (i + 1) / total;
                                long wait = due - System.nanoTime();
                                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                        producer.flush();
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                },
                "reliability-producer");
        t.start();
        return () -> {
            t.join();
            if (failure.get() != null) throw new AssertionError("producing the workload failed", failure.get());
        };
    }

    /** One event per partition a minute past the last window, so the watermark closes every window; not part of the reference. */
    void sendTrailers(String topic) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int partition = 0; partition < 2; partition++) {
                String json = "{\"event_id\":\"" + run + "-trailer-" + partition
                        + "\",\"type\":\"agent_log\",\"timestamp\":" + (timestamp(total) + 120_000)
                        + ",\"service\":\"rel-" + run + "-trailer\",\"level\":\"info\",\"message\":\"trailer\"}";
                producer.send(new ProducerRecord<>(topic, partition, null, json.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        p.put("linger.ms", "5");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A running producer. */
    interface Producing {
        void await() throws InterruptedException;
    }
}
