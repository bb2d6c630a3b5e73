package dev.vigil.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The ceiling: a plain Kafka consumer that reads a topic from start to end and does nothing else. */
final class KafkaCeiling {
    private KafkaCeiling() {}

    /** Records per second reading all of {@code topic} once. */
    static double read(String bootstrap, String topic, long expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        p.put("fetch.min.bytes", "1048576");
        p.put("fetch.max.wait.ms", "100");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo i : c.partitionsFor(topic)) parts.add(new TopicPartition(topic, i.partition()));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long total = 0;
            for (long e : end.values()) total += e;
            long read = 0;
            long start = System.nanoTime();
            while (read < total) {
                ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
                read += records.count();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (total != expected) throw new IllegalStateException(topic + " holds " + total + " records, expected " + expected);
            return read / seconds;
        }
    }
}
