package dev.vigil.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.FlinkRest;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.StackServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent-logs job on the cluster while its stores go away mid-run: Elasticsearch stopped for 60 s,
 * TimescaleDB restarted, the S3 server stopped for 30 s. During the Elasticsearch outage the job stops
 * consuming (it fails and restarts from its checkpoint once its retries run out) with bounded heap;
 * afterwards every sink holds exactly the reference, nothing twice. (Alertmanager outages: see
 * {@code AlertmanagerOutageIT}.)
 */
class SinkOutageIT {
    private static final int EVENTS = 120_000;

    @Test
    void afterElasticsearchTimescaleAndS3OutagesEverythingLandsExactlyOnce(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "so" + run + ".";
        ReliabilityWorkload workload = new ReliabilityWorkload(run, EVENTS, System.currentTimeMillis() - 3_600_000);
        ReliabilityWorkload.createTopics(prefix);

        try (ClusterJob job = ClusterJob.agentLogs(tmp, prefix, "so-" + run + "/archive", "");
                HeapSampler heap = new HeapSampler(job.flink())) {
            FlinkRest flink = job.flink();
            job.start();
            ReliabilityWorkload.Producing producer = workload.produce(prefix + "agent-logs", Duration.ofSeconds(100));
            long[] consumedInOutage;
            try {
                Thread.sleep(10_000);
                long[] before = progress(prefix + "agent-logs");
                StackServices.stop("elasticsearch");
                Thread.sleep(10_000);
                StackServices.stop("timescaledb");
                Thread.sleep(3_000);
                StackServices.start("timescaledb");
                Thread.sleep(47_000);
                long[] after = progress(prefix + "agent-logs");
                consumedInOutage = new long[] {after[0] - before[0], after[1] - before[1]};
                StackServices.start("elasticsearch");
                Thread.sleep(5_000);
                StackServices.stop("s3");
                Thread.sleep(30_000);
                StackServices.start("s3");
            } finally {
                for (String service : List.of("elasticsearch", "timescaledb", "s3")) StackServices.start(service);
            }
            producer.await();
            workload.sendTrailers(prefix + "agent-logs");

            SinkContents.awaitDrained(workload, job, Duration.ofMinutes(5));
            long restarts = flink.restarts(job.id());
            heap.close();
            job.close();

            assertThat(consumedInOutage[0])
                    .as(
                            "records the job committed during the Elasticsearch outage, of %d produced",
                            consumedInOutage[1])
                    .isLessThan(consumedInOutage[1] / 2);
            assertThat(heap.peakUsedMb()).as("peak TaskManager heap, MB").isLessThan(BackpressureIT.HEAP_BOUND_MB);
            assertThat(heap.fullGcs()).as("full garbage collections").isZero();
            SinkContents.Landed landed =
                    SinkContents.assertLandedExactlyOnce(workload, prefix, "so-" + run + "/archive/");
            System.out.printf(
                    "[sink-outages] events in %d; during the 60 s Elasticsearch outage the job committed %d of %d new records; "
                            + "landed: %s; restarts %d; peak TaskManager heap %d MB of %d MB, 0 full GCs%n",
                    workload.total(),
                    consumedInOutage[0],
                    consumedInOutage[1],
                    landed.summary(),
                    restarts,
                    heap.peakUsedMb(),
                    heap.maxMb());
        }
    }

    /** {offsets the job's consumer group committed, offsets produced} summed over the topic's partitions. */
    private static long[] progress(String topic) throws Exception {
        List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", LocalStack.kafkaBootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("vigil-agent-logs")
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            long done = 0, produced = 0;
            for (TopicPartition p : partitions) {
                OffsetAndMetadata c = committed.get(p);
                done += c == null ? 0 : c.offset();
                produced += ends.get(p).offset();
            }
            return new long[] {done, produced};
        }
    }
}
