package dev.vigil.tests.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.util.MiniClusterWithClientResource;

/**
 * Runs a job on a Flink MiniCluster wired to the local stack's S3 server, and returns
 * its {@code vigil.*} counters summed over subtasks (read before the cluster and its reporter close),
 * plus the job's {@code numRestarts}.
 */
public final class MiniClusterRun {
    private MiniClusterRun() {}

    public static Map<String, Long> run(String jobName, Consumer<StreamExecutionEnvironment> build) throws Exception {
        InMemoryReporter reporter = InMemoryReporter.createWithRetainedMetrics();
        MiniClusterWithClientResource cluster = cluster(reporter);
        cluster.before();
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            build.accept(env);
            JobExecutionResult result = env.execute(jobName);
            Map<String, Long> counters = new TreeMap<>();
            for (Map.Entry<String, Metric> m :
                    reporter.findMetrics(result.getJobID(), "vigil").entrySet()) {
                if (!(m.getValue() instanceof Counter c)) continue; // histograms (bulk latency) are not counts
                String id = m.getKey();
                int group = id.indexOf(".vigil."); // not operator names such as "elasticsearch: vigil-errors"
                if (group < 0) continue;
                counters.merge(id.substring(group + ".vigil.".length()), c.getCount(), Long::sum);
            }
            for (Map.Entry<String, Metric> m :
                    reporter.findMetrics(result.getJobID(), "numRestarts").entrySet()) {
                if (m.getValue() instanceof Gauge<?> g && g.getValue() instanceof Number n)
                    counters.put("numRestarts", n.longValue());
            }
            return counters;
        } finally {
            cluster.after();
        }
    }

    /**
     * Runs a streaming job until {@code done} holds or {@code timeout} passes, then cancels it.
     * Returns whether {@code done} held.
     */
    public static boolean runUntil(
            String jobName, Consumer<StreamExecutionEnvironment> build, Callable<Boolean> done, Duration timeout)
            throws Exception {
        return runJobsUntil(Map.of(jobName, build), done, timeout);
    }

    /** Like {@link #runUntil}, for several jobs running side by side on one cluster (as they would on a session cluster). */
    public static boolean runJobsUntil(
            Map<String, Consumer<StreamExecutionEnvironment>> jobs, Callable<Boolean> done, Duration timeout)
            throws Exception {
        MiniClusterWithClientResource cluster = cluster(InMemoryReporter.create());
        cluster.before();
        List<JobClient> clients = new ArrayList<>();
        try {
            for (Map.Entry<String, Consumer<StreamExecutionEnvironment>> job : jobs.entrySet()) {
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                job.getValue().accept(env);
                clients.add(env.executeAsync(job.getKey()));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (done.call()) return true;
                Thread.sleep(500);
            }
            return false;
        } finally {
            for (JobClient c : clients) {
                // a bounded job may have finished on its own by now
                if (!c.getJobStatus().get().isGloballyTerminalState())
                    c.cancel().get();
            }
            cluster.after();
        }
    }

    private static MiniClusterWithClientResource cluster(InMemoryReporter reporter) {
        Configuration flink = LocalStack.flinkS3();
        flink.setString("restart-strategy.type", "fixed-delay");
        flink.setString("restart-strategy.fixed-delay.attempts", "1");
        flink.setString("restart-strategy.fixed-delay.delay", "1s");
        reporter.addToConfiguration(flink);
        org.apache.flink.core.fs.FileSystem.initialize(flink, null);
        return new MiniClusterWithClientResource(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(flink)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(4)
                .build());
    }
}
