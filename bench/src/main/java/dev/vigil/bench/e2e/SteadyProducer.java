package dev.vigil.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Live load for the latency runs: records at a steady rate, each made when it is due and stamped with that time. */
final class SteadyProducer {
    /** Makes record number {@code n}, sent at {@code now} (epoch ms). */
    interface Record {
        String make(long n, long now);
    }

    private SteadyProducer() {}

    static void send(String kafka, String topic, int perSecond, int seconds, Record record)
            throws InterruptedException {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka);
        p.put("linger.ms", "5");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.currentTimeMillis();
            long n = 0;
            while (System.currentTimeMillis() - start < seconds * 1000L) {
                long due = start + n * 1000L / perSecond;
                long now = System.currentTimeMillis();
                if (now < due) {
                    Thread.sleep(due - now);
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, record.make(n, now).getBytes(StandardCharsets.UTF_8)));
                n++;
            }
            producer.flush();
        }
    }
}
