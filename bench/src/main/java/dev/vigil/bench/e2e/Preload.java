package dev.vigil.bench.e2e;

import dev.vigil.workload.WorkloadGenerator;
import dev.vigil.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Loads the demo's synthetic workload into fresh topics before any job reads them. */
final class Preload {
    /** Records and bytes written per stream. */
    final Map<String, long[]> written = new HashMap<>();

    static Preload run(String bootstrap, String prefix, int requests, int partitions) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String t :
                List.of("agent-logs", "business-events", "performance-metrics", "errors", "dead-letters", "alerts")) {
            topics.add(new NewTopic(prefix + t, partitions, (short) 1));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(topics).all().get();
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "20");
        p.put("batch.size", "262144");
        p.put("compression.type", "lz4");
        Preload preload = new Preload();
        long end = System.currentTimeMillis() - 120_000;
        WorkloadSpec spec = new WorkloadSpec(end - 30 * 60_000L, end, requests, 42);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            new WorkloadGenerator(spec, (stream, key, value) -> {
                        producer.send(
                                new ProducerRecord<>(prefix + stream, key == null ? null : key.getBytes(), value));
                        long[] c = preload.written.computeIfAbsent(stream, s -> new long[2]);
                        c[0]++;
                        c[1] += value.length;
                    })
                    .run();
            producer.flush();
        }
        return preload;
    }

    long records(String stream) {
        return written.getOrDefault(stream, new long[2])[0];
    }

    long bytes(String stream) {
        return written.getOrDefault(stream, new long[2])[1];
    }
}
