package dev.vigil.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.FlinkRest;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.ThrottlingProxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Elasticsearch behind a proxy that lets 128 KB/s through, while 100,000 events arrive as fast as
 * Kafka takes them: the job slows its reading to the sink's pace, its heap stays under the bound,
 * checkpoints keep completing (unaligned), nothing fails; once the sink is fast again everything
 * lands exactly once.
 */
class BackpressureIT {
    /**
     * The stated bound on the TaskManager's heap under a throttled sink: sampled used heap (garbage
     * included) under 1,150 MB of its 1,332 MB max, and no full collection. G1 lets young garbage fill
     * most of the heap between collections, so the used peak alone says little; a full GC is what a
     * heap filling with live data (unbounded buffering) would cause first.
     */
    static final long HEAP_BOUND_MB = 1_150;

    @Test
    void aThrottledSinkSlowsTheJobWithBoundedHeapAndCompletingCheckpoints(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "bp" + run + ".";
        ReliabilityWorkload workload = new ReliabilityWorkload(run, 100_000, System.currentTimeMillis() - 3_600_000);
        ReliabilityWorkload.createTopics(prefix);

        try (ThrottlingProxy slowElasticsearch =
                new ThrottlingProxy(URI.create(LocalStack.esUrl()).getPort(), 128 * 1024)) {
            try (ClusterJob job = ClusterJob.agentLogs(
                            tmp, prefix, "bp-" + run + "/archive", "http://127.0.0.1:" + slowElasticsearch.port(), "");
                    HeapSampler heap = new HeapSampler(job.flink())) {
                FlinkRest flink = job.flink();
                job.start();
                workload.produce(prefix + "agent-logs", Duration.ZERO).await();
                long checkpointsBefore = flink.completedCheckpoints(job.id());
                long failedBefore = flink.failedCheckpoints(job.id());
                Thread.sleep(60_000);
                long checkpointsThrottled = flink.completedCheckpoints(job.id()) - checkpointsBefore;
                long docsThrottled = SinkContents.logDocuments(workload);

                assertThat(docsThrottled)
                        .as("the sink was the bottleneck: not all kept events indexed after a minute")
                        .isLessThan(workload.keptIds().size());
                assertThat(checkpointsThrottled)
                        .as("checkpoints completed in the throttled minute")
                        .isGreaterThanOrEqualTo(5);
                assertThat(flink.failedCheckpoints(job.id()) - failedBefore)
                        .as("failed checkpoints")
                        .isZero();
                assertThat(flink.restarts(job.id()))
                        .as("restarts (an OutOfMemoryError would be one)")
                        .isZero();

                slowElasticsearch.setBytesPerSecond(0);
                workload.sendTrailers(prefix + "agent-logs");
                SinkContents.awaitDrained(workload, job, Duration.ofMinutes(4));
                heap.close();
                job.close();

                SinkContents.Landed landed =
                        SinkContents.assertLandedExactlyOnce(workload, prefix, "bp-" + run + "/archive/");
                assertThat(heap.peakUsedMb())
                        .as("peak TaskManager heap, MB (max %d MB)", heap.maxMb())
                        .isLessThan(HEAP_BOUND_MB);
                assertThat(heap.fullGcs()).as("full garbage collections").isZero();
                System.out.printf(
                        "[backpressure] 100000 events in; throttled minute: %d of %d kept events indexed, %d checkpoints completed, "
                                + "0 failed, 0 restarts; peak TaskManager heap %d MB of %d MB (bound %d MB), 0 full GCs; afterwards landed: %s%n",
                        docsThrottled,
                        workload.keptIds().size(),
                        checkpointsThrottled,
                        heap.peakUsedMb(),
                        heap.maxMb(),
                        HEAP_BOUND_MB,
                        landed.summary());
            }
        }
    }
}
