package dev.vigil.runtime.accounting;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sources.KafkaSources;
import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.DeadLetterReason;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Where a sink sends a record it refuses for its content (a value the store rejects, not a lost
 * connection): the dead-letter topic, with reason {@code SINK_REJECTED} and the store's error. So one
 * bad record can never fail a job over and over. A sink writer opens its own producer; what it sends
 * is flushed before the sink's checkpoint completes (at least once: a restart may repeat a rejection).
 */
public final class SinkRejections implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Properties kafka;
    private final String topic;
    private final int maxPayload;
    private final String sink;

    private SinkRejections(Properties kafka, String topic, int maxPayload, String sink) {
        this.kafka = kafka;
        this.topic = topic;
        this.maxPayload = maxPayload;
        this.sink = sink;
    }

    /** Rejections of the sink named {@code sink} (e.g. "timescaledb:agent_log_counts"). */
    public static SinkRejections of(VigilConfig config, String sink) {
        Properties p = new Properties();
        p.putAll(KafkaSources.clientProperties(config));
        p.put("bootstrap.servers", config.get(VigilOptions.KAFKA_BOOTSTRAP));
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        int maxPayload = config.get(VigilOptions.DEAD_LETTER_MAX_PAYLOAD);
        p.put("max.request.size", Integer.toString(Math.max(1 << 20, maxPayload + (64 << 10))));
        return new SinkRejections(
                p, config.get(VigilOptions.KAFKA_TOPIC_PREFIX) + DeadLetterSink.TOPIC, maxPayload, sink);
    }

    /** A publisher for one writer; {@code job} names the job in the dead letter's headers. */
    public Publisher open(String job, MetricGroup metrics) {
        return new Publisher(job, metrics.addGroup("vigil").counter("sinkRejected"));
    }

    /** Sends rejections of one writer; not thread-safe. */
    public final class Publisher implements AutoCloseable {
        private final String job;
        private final Counter rejected;
        private final List<Future<RecordMetadata>> pending = new ArrayList<>();
        private KafkaProducer<byte[], byte[]> producer;

        private Publisher(String job, Counter rejected) {
            this.job = job;
            this.rejected = rejected;
        }

        /** Dead-letters {@code payload} (the refused record as the sink would have written it) with the store's error. */
        public void reject(byte[] payload, String storeError) {
            if (producer == null)
                producer = new KafkaProducer<>(kafka, new ByteArraySerializer(), new ByteArraySerializer());
            DeadLetter d = new DeadLetter(
                    payload, DeadLetterReason.SINK_REJECTED, sink + " refused the record: " + storeError);
            d.sourceTopic = sink;
            d.sourcePartition = -1;
            d.sourceOffset = -1;
            d.deadLetteredAt = System.currentTimeMillis();
            d.job = job;
            pending.add(producer.send(DeadLetterSink.record(d, topic, maxPayload)));
            rejected.inc();
        }

        /** Waits until every rejection sent so far is acknowledged; fails (and so the checkpoint) if one cannot be written. */
        public void flush() throws IOException {
            if (pending.isEmpty()) return;
            producer.flush();
            try {
                for (Future<RecordMetadata> f : pending) f.get();
            } catch (ExecutionException e) {
                throw new IOException("cannot write a sink rejection to " + topic, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing sink rejections", e);
            } finally {
                pending.clear();
            }
        }

        @Override
        public void close() {
            if (producer != null) producer.close();
        }
    }
}
