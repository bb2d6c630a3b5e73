package dev.vigil.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.contrib.streaming.state.RocksDBOptionsFactory;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.RocksDB;

class SmallArenaBlocksTest {
    private static StreamExecutionEnvironment configured(String job, String yaml) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VigilEnvironment.configure(env, VigilConfig.load(yaml, List.of(), Map.of()), job);
        return env;
    }

    @Test
    void aJobOnRocksDbAllocatesItsMemtablesInOneMebibyteBlocksAndKeepsTheWriteBufferSize() {
        RocksDB.loadLibrary();
        StreamExecutionEnvironment env =
                configured("performance-metrics", "state: {performance-metrics: {backend: rocksdb}}\n");
        // the state backend as a TaskManager builds it from the job's configuration
        EmbeddedRocksDBStateBackend backend = new EmbeddedRocksDBStateBackend()
                .configure(env.getConfiguration(), SmallArenaBlocksTest.class.getClassLoader());
        RocksDBOptionsFactory factory = backend.getRocksDBOptions();
        assertThat(factory).isInstanceOf(SmallArenaBlocks.class);
        List<AutoCloseable> handles = new ArrayList<>();
        try (ColumnFamilyOptions defaults = new ColumnFamilyOptions()) {
            ColumnFamilyOptions options = factory.createColumnOptions(defaults, handles);
            assertThat(options.arenaBlockSize()).isEqualTo(1L << 20);
            assertThat(options.writeBufferSize()).isEqualTo(64L << 20);
        }
        assertThat(handles).isEmpty();
    }

    @Test
    void aJobOnTheHeapSetsNoRocksDbOptions() {
        StreamExecutionEnvironment env = configured("errors", "state: {errors: {backend: hashmap}}\n");
        assertThat(env.getConfiguration().toMap()).doesNotContainKey("state.backend.rocksdb.options-factory");
    }
}
