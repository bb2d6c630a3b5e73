package dev.vigil.testing;

import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a job to the end of its in-memory input on a local MiniCluster, configured as in production but for object
 * reuse; its counters are then in {@link JobCounters#totals()}.
 */
public final class JobRun {
    private JobRun() {}

    public static void run(
            String name, VigilConfig config, boolean objectReuse, Consumer<StreamExecutionEnvironment> build)
            throws Exception {
        Configuration cluster = new Configuration();
        cluster.setString("metrics.reporter.counters.factory.class", JobCounters.Factory.class.getName());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);
        VigilEnvironment.configure(env, config, name);
        if (objectReuse) {
            env.getConfig().enableObjectReuse();
        } else {
            env.getConfig().disableObjectReuse();
        }
        build.accept(env);
        JobCounters.reset();
        env.execute(name);
    }

    /** One run of a job's test, by object reuse: sink name to what it received ({@link JobOutputs#received()}). */
    @FunctionalInterface
    public interface Outputs {
        Map<String, List<String>> of(boolean objectReuse) throws Exception;
    }

    /**
     * Runs a job's test with object reuse on (production) and off, fails unless every sink received the same
     * records, and returns them: a function that changed a record after emitting it would show here.
     */
    public static Map<String, List<String>> sameWithAndWithoutObjectReuse(Outputs run) throws Exception {
        Map<String, List<String>> withReuse = run.of(true);
        Map<String, List<String>> withoutReuse = run.of(false);
        for (Map.Entry<String, List<String>> sink : withReuse.entrySet()) {
            List<String> other = withoutReuse.get(sink.getKey());
            if (!sink.getValue().equals(other)) {
                throw new AssertionError(
                        sink.getKey() + ": with object reuse " + sink.getValue() + ", without " + other);
            }
        }
        return withReuse;
    }
}
