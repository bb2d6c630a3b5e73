package dev.vigil.testing;

import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs a job to the end of its in-memory input on a local MiniCluster, configured as in production but for object reuse. */
public final class JobRun {
    private JobRun() {}

    public static void run(String name, VigilConfig config, boolean objectReuse, Consumer<StreamExecutionEnvironment> build) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VigilEnvironment.configure(env, config);
        if (objectReuse) {
            env.getConfig().enableObjectReuse();
        } else {
            env.getConfig().disableObjectReuse();
        }
        build.accept(env);
        env.execute(name);
    }
}
