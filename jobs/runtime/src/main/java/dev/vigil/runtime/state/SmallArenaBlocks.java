package dev.vigil.runtime.state;

import java.util.Collection;
import org.apache.flink.contrib.streaming.state.RocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * RocksDB column families that take memory for their memtables as they fill, in blocks of {@link #ARENA_BLOCK_BYTES},
 * not a write buffer's eighth (8 MiB of the default 64 MiB) the moment their first state is written.
 *
 * <p>Why: Flink's managed memory gives all RocksDB instances of a slot one write buffer manager, and RocksDB counts a
 * memtable's allocated arena blocks against it, used or not. A Vigil job keeps tens of small states per slot (windows,
 * timers, CEP buffers, baselines), so 8 MiB per column family passed the manager's limit with almost no data: every
 * write asked for a flush of a near-empty memtable. In the performance-metrics job's bench run (2 slots of 700 MiB),
 * RocksDB's flush and compaction threads took 0.32-0.35 of the machine's 2 cores while the sources read, and its
 * checkpoints 0.7-2.7 s (p50); with 1 MiB blocks no measurable flush thread time and 0.4 s (docs/performance.md). The
 * write buffer size itself is unchanged: a busy state still fills 64 MiB before it flushes.
 */
public class SmallArenaBlocks implements RocksDBOptionsFactory {
    private static final long serialVersionUID = 1L;

    /** RocksDB's arena block for an 8 MiB write buffer: tens of column families then hold tens of MiB, not hundreds. */
    public static final long ARENA_BLOCK_BYTES = 1L << 20;

    @Override
    public DBOptions createDBOptions(DBOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        return currentOptions;
    }

    @Override
    public ColumnFamilyOptions createColumnOptions(
            ColumnFamilyOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        return currentOptions.setArenaBlockSize(ARENA_BLOCK_BYTES);
    }
}
