package dev.vigil.tests.stack;

import dev.vigil.workload.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test topics on the local broker: single-partition (so order is known) unless said otherwise. */
public final class KafkaTopics {
    private KafkaTopics() {}

    public static void create(int partitions, String... topics) throws Exception {
        create(partitions, Map.of(), topics);
    }

    /** Topics with topic-level configs, e.g. {@code max.message.bytes}. */
    public static void create(int partitions, Map<String, String> configs, String... topics) throws Exception {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String t : topics) newTopics.add(new NewTopic(t, partitions, (short) 1).configs(configs));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", LocalStack.kafkaBootstrap()))) {
            Topics.create(admin, newTopics);
        }
    }

    /**
     * Produces the records in order and waits until all are acknowledged; fails if any is not. One request in flight
     * ({@link Topics#IN_FLIGHT}): when a broker refuses the first batch of a new partition (NOT_LEADER_OR_FOLLOWER right
     * after creation), the batches behind it would otherwise reach it out of sequence and be retried until the delivery
     * timeout, then dropped (one CI run lost 103 of 461 records that way).
     */
    public static void produce(String topic, List<byte[]> records) {
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
        p.put("enable.idempotence", "true");
        p.put(Topics.IN_FLIGHT, "1");
        p.put("linger.ms", "10");
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] r : records) sent.add(producer.send(new ProducerRecord<>(topic, r)));
            producer.flush();
            for (var f : sent) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted producing to " + topic, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a record to " + topic + " was not acknowledged", e.getCause());
        }
    }

    /**
     * Reads a topic from the start as a downstream consumer would (committed transactions only) until
     * {@code expected} records arrived, then one more quiet second so extra records would show.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected, Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
        p.put("group.id", "it-read-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        p.put("max.partition.fetch.bytes", Integer.toString(32 << 20));
        p.put("fetch.max.bytes", Integer.toString(64 << 20));
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline)
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            long quiet = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < quiet) c.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }
}
