package dev.vigil.schema.event;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the hand-written record serializers share: mutable records, copies through the format (rare: object reuse is
 * on in every job), no reuse on read, and a {@link WireStrings} per instance, so each user gets an instance of its
 * own from {@link #duplicate} (task threads must not share the string buffer).
 */
abstract class WireSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private transient WireStrings strings;

    /** A fresh instance of the concrete serializer. */
    protected abstract WireSerializer<T> fresh();

    final WireStrings strings() {
        if (strings == null) strings = new WireStrings();
        return strings;
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return fresh();
    }

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final T copy(T from) {
        if (from == null) return null;
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("copying a " + from.getClass().getSimpleName(), e);
        }
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }
}
