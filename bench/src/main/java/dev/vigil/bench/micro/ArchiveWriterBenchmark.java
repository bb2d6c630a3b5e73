package dev.vigil.bench.micro;

import dev.vigil.runtime.sinks.archive.ParquetEvents;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import dev.vigil.workload.WorkloadGenerator;
import dev.vigil.workload.WorkloadSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Parquet archive's writer (as the agent-logs job's FileSink uses it, zstd, v2 pages) over the agent logs of
 * {@value #REQUESTS} of the demo workload's requests, written to a stream that discards: time per event, one file per
 * invocation. Single-threaded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class ArchiveWriterBenchmark {
    static final int REQUESTS = 30_000;
    /** The valid agent logs of {@link #REQUESTS} requests with the workload's seed (its malformed records left out). */
    static final int EVENTS = 89_200;

    private final List<Event> events = new ArrayList<>();
    private final BulkWriter.Factory<Event> archive = ParquetEvents.writerFactory(WriterVersion.PARQUET_2_0);

    @Setup
    public void setUp() {
        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        long end = 1_800_000_000_000L;
        new WorkloadGenerator(new WorkloadSpec(end - 30 * 60_000L, end, REQUESTS, 42), (stream, key, value) -> {
                    if (!stream.equals(WorkloadGenerator.AGENT_LOGS)) return;
                    ParseOutcome parsed = parser.parse(value);
                    if (parsed.isValid()) events.add(parsed.event());
                })
                .run();
        if (events.size() != EVENTS)
            throw new IllegalStateException("the workload gave " + events.size() + " agent logs, not " + EVENTS);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long writeFile() throws IOException {
        Discarding out = new Discarding();
        BulkWriter<Event> writer = archive.create(out);
        for (Event e : events) writer.addElement(e);
        writer.finish();
        return out.getPos();
    }

    /** Counts the bytes it is given. */
    private static final class Discarding extends FSDataOutputStream {
        private long position;

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) {
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            position += len;
        }

        @Override
        public void flush() {}

        @Override
        public void sync() {}

        @Override
        public void close() {}
    }
}
