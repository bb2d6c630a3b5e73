package dev.vigil.tests.reliability;

import dev.vigil.tests.stack.FlinkRest;
import dev.vigil.tests.stack.StackServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent-logs job on the standalone cluster with exactly-once checkpoints while 200,000 events
 * flow: the TaskManager is SIGKILLed three times (a new one started each time) and the JobManager
 * once (the job resumes from its last retained checkpoint, as without HA). Afterwards every sink
 * holds exactly what a reference computation says: no event lost, none counted twice.
 */
class CrashRecoveryIT {
    private static final int EVENTS = 200_000;

    @Test
    void noEventIsLostOrCountedTwiceAcrossTaskManagerCrashesAndAJobManagerRestart(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "cr" + run + ".";
        ReliabilityWorkload workload = new ReliabilityWorkload(run, EVENTS, System.currentTimeMillis() - 3_600_000);
        ReliabilityWorkload.createTopics(prefix);

        try (ClusterJob job = ClusterJob.agentLogs(tmp, prefix, "cr-" + run + "/archive", "")) {
            crashAndRecover(job, workload, prefix, run);
        }
    }

    private static void crashAndRecover(ClusterJob job, ReliabilityWorkload workload, String prefix, String run)
            throws Exception {
        FlinkRest flink = job.flink();
        job.start();
        long t0 = System.nanoTime();
        ReliabilityWorkload.Producing producer = workload.produce(prefix + "agent-logs", Duration.ofSeconds(110));
        for (int crash = 1; crash <= 3; crash++) {
            Thread.sleep(12_000);
            StackServices.kill("taskmanager");
            StackServices.start("taskmanager");
            flink.awaitRunningAndCheckpointed(job.id(), 1, Duration.ofMinutes(3));
            System.out.printf(
                    "[crash-recovery] TaskManager crash %d: running again after %d s, %d restarts so far%n",
                    crash, (System.nanoTime() - t0) / 1_000_000_000L, flink.restarts(job.id()));
        }
        long restartsBeforeJobManager = flink.restarts(job.id());
        StackServices.kill("jobmanager");
        StackServices.start("jobmanager");
        job.resumeFromLatestCheckpoint();
        producer.await();
        workload.sendTrailers(prefix + "agent-logs");

        SinkContents.awaitDrained(workload, job, Duration.ofMinutes(6));
        long restartsAfter = flink.restarts(job.id());
        job.close();
        SinkContents.Landed landed = SinkContents.assertLandedExactlyOnce(workload, prefix, "cr-" + run + "/archive/");

        System.out.printf(
                "[crash-recovery] events in %d (valid %d, invalid %d); landed: %s; restarts %d on the first job (3 TaskManager kills) "
                        + "+ %d after the JobManager restart%n",
                workload.total(),
                workload.validIds().size(),
                workload.invalid().size(),
                landed.summary(),
                restartsBeforeJobManager,
                restartsAfter);
    }
}
