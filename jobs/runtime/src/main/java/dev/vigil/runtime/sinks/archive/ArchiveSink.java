package dev.vigil.runtime.sinks.archive;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.schema.event.Event;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.parquet.column.ParquetProperties.WriterVersion;

/**
 * Long-term archive: every valid (masked, pre-sampling) event, as Parquet with zstd (or gzip JSON
 * lines, {@code s3.archive-format}), partitioned
 * Hive-style by type and event hour. FileSink's two-phase commit publishes part files only when a
 * checkpoint completes, so each event is archived exactly once.
 */
public final class ArchiveSink {
    private static final long MAX_PART_BYTES = 128L * 1024 * 1024;
    private static final long MAX_PART_OPEN_MS = 15 * 60 * 1000;

    private ArchiveSink() {}

    public static FileSink<Event> create(VigilConfig config, String job) {
        VigilOptions.ArchiveFormat format = config.get(VigilOptions.S3_ARCHIVE_FORMAT);
        boolean parquet = format != VigilOptions.ArchiveFormat.JSONL_GZIP;
        return FileSink.forBulkFormat(
                        new Path(config.get(VigilOptions.S3_ARCHIVE_PATH)),
                        parquet
                                ? ParquetEvents.writerFactory(
                                        format == VigilOptions.ArchiveFormat.PARQUET
                                                ? WriterVersion.PARQUET_2_0
                                                : WriterVersion.PARQUET_1_0)
                                : JsonLinesGzipWriter.factory())
                .withBucketAssigner(new HivePartitionAssigner())
                .withRollingPolicy(new SizeOrTimeRollingPolicy<>(MAX_PART_BYTES, MAX_PART_OPEN_MS))
                .withOutputFileConfig(OutputFileConfig.builder()
                        .withPartPrefix(job)
                        .withPartSuffix(parquet ? ".zstd.parquet" : ".jsonl.gz")
                        .build())
                .build();
    }
}
