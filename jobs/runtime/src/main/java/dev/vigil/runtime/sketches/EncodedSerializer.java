package dev.vigil.runtime.sketches;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink serializer for a sketch that has its own compact binary form: length-prefixed bytes.
 * Subclasses say how to encode, decode, copy and create an empty one. No Kryo involved.
 */
public abstract class EncodedSerializer<T> extends TypeSerializerSingleton<T> {

    protected abstract byte[] encode(T value);

    protected abstract T decode(byte[] bytes);

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        byte[] bytes = encode(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return decode(bytes);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    /** Snapshot of a parameterless encoded serializer. */
    public static class Snapshot<T> extends SimpleTypeSerializerSnapshot<T> {
        public Snapshot(java.util.function.Supplier<? extends EncodedSerializer<T>> serializer) {
            super(serializer::get);
        }
    }

    @Override
    public abstract TypeSerializerSnapshot<T> snapshotConfiguration();
}
