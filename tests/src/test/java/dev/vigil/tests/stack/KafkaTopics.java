package dev.vigil.tests.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test topics on the local broker: single-partition (so order is known) unless said otherwise. */
public final class KafkaTopics {
    private KafkaTopics() {}

    public static void create(int partitions, String... topics) throws Exception {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String t : topics) newTopics.add(new NewTopic(t, partitions, (short) 1));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", LocalStack.kafkaBootstrap()))) {
            admin.createTopics(newTopics).all().get();
        }
    }

    /** Produces the records in order and waits until all are acknowledged. */
    public static void produce(String topic, List<byte[]> records) {
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "10");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] r : records) producer.send(new ProducerRecord<>(topic, r));
            producer.flush();
        }
    }
}
