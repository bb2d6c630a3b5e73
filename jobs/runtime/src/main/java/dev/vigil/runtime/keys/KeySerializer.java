package dev.vigil.runtime.keys;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of a composite key (an immutable record of a few fields), written field by field by
 * the key's own code: no Kryo, and none of the POJO serializer's reflection on the path every
 * keyed-state access takes. A key type declares it once, with a {@link KeyTypeInfo} and a
 * {@link KeySerializerSnapshot}. A small immutable record that crosses a shuffle with every event is
 * written the same way.
 */
public abstract class KeySerializer<K> extends TypeSerializerSingleton<K> {

    protected abstract void write(K key, DataOutputView out) throws IOException;

    protected abstract K read(DataInputView in) throws IOException;

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final K copy(K from) {
        return from;
    }

    @Override
    public final K copy(K from, K reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final void serialize(K record, DataOutputView target) throws IOException {
        write(record, target);
    }

    @Override
    public final K deserialize(DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public final K deserialize(K reuse, DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        write(read(source), target);
    }
}
