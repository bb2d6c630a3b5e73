package dev.vigil.runtime.keys;

import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;

/** Snapshot of a {@link KeySerializer}: it has no parameters, so a key's subclass with a no-argument constructor restores it. */
public class KeySerializerSnapshot<K> extends SimpleTypeSerializerSnapshot<K> {
    public KeySerializerSnapshot(Supplier<? extends KeySerializer<K>> serializer) {
        super(serializer::get);
    }
}
