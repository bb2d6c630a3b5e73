package dev.vigil.tests.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.LocalStack;
import dev.vigil.workload.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * {@link Topics#create} returns only once the broker holds every new partition, so a producer with several requests
 * in flight (the Kafka client's default, which KAFKA-15591 loses records with when it writes too early) loses nothing
 * right after it.
 */
class FreshTopicsIT {
    private static final int TOPICS = 8;
    private static final int PARTITIONS = 4;
    private static final int RECORDS_PER_PARTITION = 200;

    @Test
    void aFreshTopicIsHeldByItsLeaderAndTakesEveryRecordAtOnce() throws Exception {
        String prefix = "fresh" + UUID.randomUUID().toString().substring(0, 8) + ".";
        List<NewTopic> topics = new ArrayList<>();
        Set<TopicPartition> partitions = new HashSet<>();
        for (int t = 0; t < TOPICS; t++) {
            topics.add(new NewTopic(prefix + t, PARTITIONS, (short) 1));
            for (int p = 0; p < PARTITIONS; p++) partitions.add(new TopicPartition(prefix + t, p));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", LocalStack.kafkaBootstrap()))) {
            Topics.create(admin, topics);

            Set<TopicPartition> held = new HashSet<>();
            Set<Integer> brokers = new HashSet<>();
            admin.describeCluster().nodes().get().forEach(n -> brokers.add(n.id()));
            for (Map<String, LogDirDescription> dirs :
                    admin.describeLogDirs(brokers).allDescriptions().get().values())
                for (LogDirDescription dir : dirs.values())
                    held.addAll(dir.replicaInfos().keySet());
            assertThat(held).as("partitions in the broker's log directories").containsAll(partitions);

            Properties p = new Properties();
            p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
            p.put("enable.idempotence", "true");
            p.put(Topics.IN_FLIGHT, "5");
            p.put("batch.size", "256"); // many small batches, so several are in flight per partition
            p.put("delivery.timeout.ms", "30000");
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < RECORDS_PER_PARTITION; i++)
                    for (TopicPartition tp : partitions)
                        sent.add(producer.send(new ProducerRecord<>(
                                tp.topic(), tp.partition(), null, ("record " + i).getBytes(StandardCharsets.UTF_8))));
                producer.flush();
            }
            for (Future<RecordMetadata> f : sent) f.get(); // throws for a record the broker did not take

            var ends = admin.listOffsets(
                            partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all()
                    .get();
            for (TopicPartition tp : partitions)
                assertThat(ends.get(tp).offset()).as("records in " + tp).isEqualTo(RECORDS_PER_PARTITION);
        }
    }
}
