package dev.vigil.runtime;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.state.SmallArenaBlocks;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The execution environment every Vigil job runs in: checkpointing, state backend, parallelism, no Kryo. */
public final class VigilEnvironment {
    private VigilEnvironment() {}

    public static StreamExecutionEnvironment create(VigilConfig config, String job) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config, job);
        return env;
    }

    /** Configures {@code env} for {@code job} (its state backend is {@code state.<job>.backend}). */
    public static void configure(StreamExecutionEnvironment env, VigilConfig config, String job) {
        Configuration c = new Configuration();
        if (config.get(VigilOptions.stateBackend(job)) == VigilOptions.StateBackend.ROCKSDB) {
            c.setString("state.backend.type", "rocksdb");
            c.setString("execution.checkpointing.incremental", "true");
            c.setString("state.backend.rocksdb.options-factory", SmallArenaBlocks.class.getName());
        } else {
            c.setString("state.backend.type", "hashmap");
        }
        c.setString("execution.checkpointing.dir", config.get(VigilOptions.CHECKPOINT_STORAGE));
        // Kept when the job is cancelled or its JobManager dies, so it can always resume from the last one.
        c.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        c.setString("execution.checkpointing.num-retained", "2");
        env.configure(c);
        env.enableCheckpointing(
                config.get(VigilOptions.CHECKPOINT_INTERVAL),
                config.get(VigilOptions.CHECKPOINT_EXACTLY_ONCE)
                        ? CheckpointingMode.EXACTLY_ONCE
                        : CheckpointingMode.AT_LEAST_ONCE);
        env.getCheckpointConfig().enableUnalignedCheckpoints(config.get(VigilOptions.CHECKPOINT_UNALIGNED));
        env.getCheckpointConfig().setAlignedCheckpointTimeout(Duration.ofSeconds(5));
        env.getCheckpointConfig()
                .setMinPauseBetweenCheckpoints(Math.min(1000, config.get(VigilOptions.CHECKPOINT_INTERVAL) / 2));
        env.setParallelism(config.get(VigilOptions.PARALLELISM));
        env.getConfig().disableGenericTypes();
        // Chained operators hand records on without a serializer copy each (a fifth of the stateless path's
        // CPU). Safe because no function changes a record after emitting it, and the one that changes its
        // input in place (errors: AssignGroup) runs before the stream fans out.
        env.getConfig().enableObjectReuse();
    }
}
