package dev.vigil.bench.e2e;

import dev.vigil.runtime.config.VigilConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The rows a job writes to its TimescaleDB tables, kept from one run of the job with these capturing sinks in place
 * of its real ones, so that its sinks' ceiling can be measured on exactly those rows, written again alone. The
 * MiniCluster runs in this JVM, so the writers add to lists held here.
 */
final class CapturedRows {
    private static final Map<String, List<Object>> KEPT = new ConcurrentHashMap<>();

    private final List<Table<?>> tables = new ArrayList<>();

    /** A sink that keeps its rows; {@link #writeTo} later writes them with {@code realSink}. */
    <T> Sink<T> table(TypeInformation<T> type, Function<VigilConfig, Sink<T>> realSink) {
        String id = UUID.randomUUID().toString();
        KEPT.put(id, Collections.synchronizedList(new ArrayList<>()));
        tables.add(new Table<>(id, type, realSink));
        return new Keeping<>(id);
    }

    /** Rows kept so far, all tables. */
    long count() {
        long n = 0;
        for (Table<?> t : tables) n += KEPT.get(t.id).size();
        return n;
    }

    /** A job of one bounded source per table, each writing its kept rows with the table's real sink. */
    void writeTo(StreamExecutionEnvironment env, VigilConfig config) {
        for (Table<?> t : tables) t.writeTo(env, config);
    }

    /** Lets go of the kept rows. */
    void clear() {
        for (Table<?> t : tables) KEPT.remove(t.id);
        tables.clear();
    }

    private record Table<T>(String id, TypeInformation<T> type, Function<VigilConfig, Sink<T>> realSink) {
        @SuppressWarnings("unchecked")
        void writeTo(StreamExecutionEnvironment env, VigilConfig config) {
            List<T> rows = new ArrayList<>((List<T>) (List<?>) KEPT.get(id));
            if (rows.isEmpty()) return;
            env.fromData(rows, type).name("Source: kept rows " + type).sinkTo(realSink.apply(config));
        }
    }

    private record Keeping<T>(String id) implements Sink<T> {
        @Override
        @SuppressWarnings("deprecation")
        public SinkWriter<T> createWriter(InitContext context) {
            throw new UnsupportedOperationException("Flink 1.20 calls createWriter(WriterInitContext)");
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            // the jobs run with object reuse on: a row handed to the sink may be changed once write returns
            TypeSerializer<T> copier = context.isObjectReuseEnabled() ? context.createInputSerializer() : null;
            List<Object> into = KEPT.get(id);
            return new SinkWriter<>() {
                @Override
                public void write(T row, Context c) {
                    into.add(copier == null ? row : copier.copy(row));
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
