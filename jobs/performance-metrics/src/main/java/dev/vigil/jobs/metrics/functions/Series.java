package dev.vigil.jobs.metrics.functions;

import dev.vigil.jobs.metrics.rows.SeriesRow;
import dev.vigil.runtime.keys.KeySerializer;
import dev.vigil.runtime.keys.KeySerializerSnapshot;
import dev.vigil.runtime.keys.KeyTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.types.StringValue;

/**
 * A metric series, the key of every per-series window: service, operation ("" for none), metric name
 * and the kept tags (canonical: sorted {@code k=v} pairs joined by commas, "" for none).
 */
@TypeInfo(Series.Type.class)
public record Series(String service, String operation, String name, String tags) {
    public static final KeyTypeInfo<Series> TYPE = new KeyTypeInfo<>(Series.class, new Serializer());

    public static Series of(SeriesRow row) {
        return new Series(row.service, row.operation, row.name, row.tags);
    }

    /** {@code row} with this series and {@code window}'s start and length. */
    public <R extends SeriesRow> R fill(R row, TimeWindow window) {
        row.bucket = window.getStart();
        row.windowSeconds = (int) ((window.getEnd() - window.getStart()) / 1000);
        row.service = service;
        row.operation = operation;
        row.name = name;
        row.tags = tags;
        return row;
    }

    /** Spelled out: the hash picks the key group, so it must not depend on how a JVM hashes records. */
    @Override
    public int hashCode() {
        return 31 * (31 * (31 * service.hashCode() + operation.hashCode()) + name.hashCode()) + tags.hashCode();
    }

    public static final class Type extends KeyTypeInfo.Factory<Series> {
        public Type() {
            super(TYPE);
        }
    }

    public static final class Serializer extends KeySerializer<Series> {
        @Override
        public Series createInstance() {
            return new Series("", "", "", "");
        }

        @Override
        protected void write(Series s, DataOutputView out) throws IOException {
            StringValue.writeString(s.service, out);
            StringValue.writeString(s.operation, out);
            StringValue.writeString(s.name, out);
            StringValue.writeString(s.tags, out);
        }

        @Override
        protected Series read(DataInputView in) throws IOException {
            return new Series(
                    StringValue.readString(in),
                    StringValue.readString(in),
                    StringValue.readString(in),
                    StringValue.readString(in));
        }

        @Override
        public TypeSerializerSnapshot<Series> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    public static final class Snapshot extends KeySerializerSnapshot<Series> {
        public Snapshot() {
            super(Serializer::new);
        }
    }
}
