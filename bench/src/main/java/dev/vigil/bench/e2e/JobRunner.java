package dev.vigil.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs jobs on one in-process MiniCluster and measures each: sustained rate from the sources' record
 * counts (so start-up does not count), CPU time of this process, peak heap, and
 * checkpoint durations from Flink's checkpoint statistics.
 */
final class JobRunner implements AutoCloseable {
    private final MiniCluster cluster;
    private final StackCpu stack = new StackCpu(Path.of(".vigil/run"));

    JobRunner(Configuration flink) throws Exception {
        flink.setString("rest.bind-address", "127.0.0.1");
        flink.setString("rest.address", "127.0.0.1");
        flink.setString("rest.port", "0");
        flink.setString("metrics.reporter.bench.factory.class", SourceRecordsReporter.Factory.class.getName());
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(flink)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(8)
                .build());
        cluster.start();
    }

    /** Measured runs of each short job (after its warm-up); the median is reported, with the slowest and fastest. */
    static final int REPEATS = 3;

    /**
     * Unmeasured runs before the measured ones: at least {@link #WARM_UPS}, then more until the JIT compiler's
     * threads use at most {@link #QUIET_JIT_CORES} in one, at most {@link #MAX_WARM_UPS}. A fixed three was too few
     * for the larger jobs: the errors job with discarding sinks ran 58K, 87K, 119K, 110K, 120K, 126K, 137K, 121K,
     * 131K, 126K, 122K, 158K events/s in twelve warm-ups, its compiler threads at 0.5 cores until the eleventh
     * (2026-12-04, evening); business-events' compiler was quiet after three. {@code -Dvigil.bench.warmups=N} and
     * {@code -Dvigil.bench.max-warmups=N} change the bounds.
     */
    static final int WARM_UPS = Integer.getInteger("vigil.bench.warmups", 3);

    static final int MAX_WARM_UPS = Math.max(WARM_UPS, Integer.getInteger("vigil.bench.max-warmups", 12));
    static final double QUIET_JIT_CORES = 0.15;

    /**
     * Runs a bounded job to its end; {@code sourceEvents} is what its source will read. The job runs first
     * unmeasured until the JIT has compiled its hot paths (see {@link #WARM_UPS}; the runs are seconds long, and
     * before that compilation takes a large share of the CPU and the rate is a warm-up rate). Then it runs
     * {@link #REPEATS} times: these runs last a second or a few, and on this kind of machine one run's rate can be
     * half or twice the next one's, so a ratio of two single runs says little. Each run's rate is logged.
     */
    Measurement run(String name, long sourceEvents, Consumer<StreamExecutionEnvironment> build) throws Exception {
        int warmUps = warmUp(name, sourceEvents, build, WARM_UPS, MAX_WARM_UPS);
        List<Measurement> runs = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            Measurement m = runOnce(name, sourceEvents, build);
            EndToEndBench.log(String.format(
                    "%s (run %d): %.0f events/s, JIT compiler %.2f cores", name, i + 1, m.eventsPerSecond, m.jitCores));
            runs.add(m);
        }
        runs.sort(Comparator.comparingDouble(m -> m.eventsPerSecond));
        Measurement median = runs.get(REPEATS / 2);
        median.slowestEventsPerSecond = runs.get(0).eventsPerSecond;
        median.fastestEventsPerSecond = runs.get(REPEATS - 1).eventsPerSecond;
        median.warmUps = warmUps;
        return median;
    }

    /**
     * Runs a long job (whole job with real sinks, a sink's ceiling) once, measured, after {@code warmUp}, the same job
     * over a smaller input ({@code warmUpEvents}) into stores of its own, has run until the JIT compiler is quiet
     * (at least once, at most {@link #WARM_UPS} times). Measured cold, the compiler's threads took 0.2-0.6 cores of
     * the two the job shares with its stores, and a sink's code compiled during whichever run used it first
     * (2026-12-05: the agent-logs job with its real sinks 0.33 cores of compiler at 10,121 events/s, 0.99 instead of
     * 0.41 of what its parts add up to once its sinks' ceilings had run before it).
     */
    Measurement runOnceWarm(
            String name,
            long sourceEvents,
            long warmUpEvents,
            Consumer<StreamExecutionEnvironment> warmUp,
            Consumer<StreamExecutionEnvironment> build)
            throws Exception {
        int warmUps = warmUp(name, warmUpEvents, warmUp, 1, WARM_UPS);
        Measurement m = runOnce(name, sourceEvents, build);
        m.warmUps = warmUps;
        return m;
    }

    /**
     * Unmeasured runs of {@code build}: at least {@code atLeast}, then more until the JIT compiler's threads use at most
     * {@link #QUIET_JIT_CORES} in one, at most {@code atMost}. Returns how many ran.
     */
    private int warmUp(String name, long events, Consumer<StreamExecutionEnvironment> build, int atLeast, int atMost)
            throws Exception {
        int warmUps = 0;
        while (warmUps < atMost) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            build.accept(env);
            Measurement w =
                    run(name + " (warm-up)", events, env.getStreamGraph().getJobGraph());
            warmUps++;
            EndToEndBench.log(String.format(
                    "%s (warm-up %d, %d events): %.0f events/s, JIT compiler %.2f cores",
                    name, warmUps, events, w.eventsPerSecond, w.jitCores));
            if (warmUps >= atLeast && w.jitCores <= QUIET_JIT_CORES) break;
        }
        return warmUps;
    }

    /**
     * A sink's ceiling on records a bounded collection source hands it: warm-ups as {@link #runOnceWarm}, then one
     * run measured until the job has finished, its sinks flushed. A collection of a few thousand rows is read before
     * the first of them is written, so the time its source takes to read them says nothing about the sink.
     */
    Measurement runUntilWritten(String name, long records, Consumer<StreamExecutionEnvironment> build)
            throws Exception {
        int warmUps = warmUp(name, records, build, 1, WARM_UPS);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build.accept(env);
        Measurement m = run(name, records, env.getStreamGraph().getJobGraph(), true);
        m.warmUps = warmUps;
        return m;
    }

    /** Runs a bounded job once, without a warm-up run. */
    Measurement runOnce(String name, long sourceEvents, Consumer<StreamExecutionEnvironment> build) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build.accept(env);
        return run(name, sourceEvents, env.getStreamGraph().getJobGraph());
    }

    Measurement run(String name, long sourceEvents, JobGraph graph) throws Exception {
        return run(name, sourceEvents, graph, false);
    }

    /**
     * Runs a bounded job, measuring from its sources' first record to their last ({@code untilFinished} false) or to
     * the job's end.
     */
    private Measurement run(String name, long sourceEvents, JobGraph graph, boolean untilFinished) throws Exception {
        EndToEndBench.log("running: " + name);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        JobID id = cluster.submitJob(graph).get().getJobID();
        long first = -1;
        long last = -1;
        long cpuFirst = 0;
        long cpuLast = 0;
        double jitFirst = CompilerCpu.seconds();
        double jitLast = Double.NaN;
        double stackFirst = stack.seconds();
        double stackLast = Double.NaN;
        var result = cluster.requestJobResult(id);
        long before = SourceRecordsReporter.recordsRead();
        while (!result.isDone()) {
            long read = SourceRecordsReporter.recordsRead() - before;
            long now = System.nanoTime();
            if (read > 0 && first < 0) {
                first = now;
                cpuFirst = os.getProcessCpuTime();
                jitFirst = CompilerCpu.seconds();
                stackFirst = stack.seconds();
            }
            if (read >= sourceEvents && last < 0 && !untilFinished) {
                last = now;
                cpuLast = os.getProcessCpuTime();
                jitLast = CompilerCpu.seconds();
                stackLast = stack.seconds();
            }
            Thread.sleep(20);
        }
        var jobResult = result.get();
        if (!jobResult.isSuccess())
            throw new IllegalStateException(
                    name + " failed", jobResult.getSerializedThrowable().get());
        long t1 = System.nanoTime();
        if (first < 0) {
            first = t0;
            cpuFirst = cpu0;
        }
        if (last < 0) {
            last = t1;
            cpuLast = os.getProcessCpuTime();
            jitLast = CompilerCpu.seconds();
            stackLast = stack.seconds();
        }
        Measurement m = new Measurement();
        m.name = name;
        m.events = sourceEvents;
        m.wallSeconds = (t1 - t0) / 1e9;
        m.eventsPerSecond = sourceEvents / Math.max(1e-3, (last - first) / 1e9);
        m.drainedSeconds = (t1 - first) / 1e9;
        m.cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
        // Cores actually used while the sources read (this process: sources, job, sinks' clients); per core = rate /
        // cores.
        m.coresUsed = (cpuLast - cpuFirst) / Math.max(1.0, (double) (last - first));
        m.eventsPerSecondPerCore = m.eventsPerSecond / Math.max(0.01, m.coresUsed);
        m.stackCores = (stackLast - stackFirst) / Math.max(1e-3, (last - first) / 1e9);
        m.jitCores = (jitLast - jitFirst) / Math.max(1e-3, (last - first) / 1e9);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        m.peakHeapMb = peak >> 20;
        CheckpointStatsSnapshot stats =
                cluster.getArchivedExecutionGraph(id).get().getCheckpointStatsSnapshot();
        if (stats != null) {
            m.checkpoints = stats.getCounts().getNumberOfCompletedCheckpoints();
            if (m.checkpoints > 0) {
                var d = stats.getSummaryStats().getEndToEndDurationStats();
                m.checkpointP50Ms = (long) d.getQuantile(0.5);
                m.checkpointMaxMs = d.getMaximum();
            }
        }
        return m;
    }

    /** Starts a streaming job and returns its ID (for the latency run). */
    JobID start(Consumer<StreamExecutionEnvironment> build) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build.accept(env);
        return cluster.submitJob(env.getStreamGraph().getJobGraph()).get().getJobID();
    }

    void cancel(JobID id) throws Exception {
        cluster.cancelJob(id).get();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
