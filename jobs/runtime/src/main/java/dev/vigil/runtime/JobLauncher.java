package dev.vigil.runtime;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What every job's {@code main} does: read and validate config, prepare the stores, build, execute. */
public final class JobLauncher {
    private JobLauncher() {}

    /** A job pipeline, built onto an environment. */
    public interface Pipeline {
        void build(StreamExecutionEnvironment env);
    }

    /** Creates a job with its production sources and sinks. */
    public interface Factory {
        Pipeline create(VigilConfig config, boolean bounded, Map<String, String> env);
    }

    public static void run(String[] args, String job, Consumer<VigilConfig> prepareStores, Factory factory) throws Exception {
        VigilConfig config;
        try {
            config = VigilConfig.fromArgs(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("vigil " + job + ": bad configuration: " + e.getMessage());
            throw e;
        }
        StreamExecutionEnvironment env = VigilEnvironment.create(config);
        prepareStores.accept(config);
        factory.create(config, config.get(VigilOptions.KAFKA_BOUNDED), System.getenv()).build(env);
        env.execute("vigil-" + job);
    }
}
