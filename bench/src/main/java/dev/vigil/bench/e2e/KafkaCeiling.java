package dev.vigil.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling: plain Kafka consumers that read a topic from start to end and do nothing else, one per
 * partition in parallel as the jobs' source readers do, timed like the jobs from the first record to
 * the last; the best of three reads counts (a read lasts well under a second, so single reads are noisy).
 */
final class KafkaCeiling {
    private KafkaCeiling() {}

    /** Records per second reading all of {@code topic}: the best of three reads. */
    static double read(String bootstrap, String topic, long expected) throws Exception {
        List<TopicPartition> parts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
            for (PartitionInfo i : c.partitionsFor(topic)) parts.add(new TopicPartition(topic, i.partition()));
        }
        double best = 0;
        for (int i = 0; i < 3; i++) best = Math.max(best, readOnce(bootstrap, topic, parts, expected));
        return best;
    }

    private static double readOnce(String bootstrap, String topic, List<TopicPartition> parts, long expected)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parts.size());
        try {
            List<Future<long[]>> reads = new ArrayList<>();
            for (TopicPartition part : parts) reads.add(pool.submit(() -> readPartition(bootstrap, part)));
            long records = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Future<long[]> f : reads) {
                long[] r = f.get(); // records, nanos of the first record, nanos of the last
                records += r[0];
                first = Math.min(first, r[1]);
                last = Math.max(last, r[2]);
            }
            if (records != expected)
                throw new IllegalStateException(topic + " holds " + records + " records, expected " + expected);
            return records / ((last - first) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] readPartition(String bootstrap, TopicPartition part) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
            c.assign(List.of(part));
            c.seekToBeginning(List.of(part));
            long end = c.endOffsets(List.of(part)).get(part);
            long read = 0;
            long first = 0;
            long last = 0;
            while (read < end) {
                ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
                if (records.isEmpty()) continue;
                if (read == 0) first = System.nanoTime();
                read += records.count();
                last = System.nanoTime();
            }
            return new long[] {read, first, last};
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        p.put("fetch.min.bytes", "1048576");
        p.put("fetch.max.wait.ms", "100");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
