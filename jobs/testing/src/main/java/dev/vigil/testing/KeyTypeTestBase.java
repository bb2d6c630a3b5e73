package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.keys.KeyTypeInfo;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Flink's serializer suite (round trips, copies, snapshot and restore, duplication, concurrency) for
 * a composite key type, and what a key needs beyond it: the type extractor finds the key's own type
 * (never Kryo or the POJO serializer), and distinct keys stay distinct through a round trip, with
 * the hash that picks their key group.
 */
public abstract class KeyTypeTestBase<K> extends SerializerTestBase<K> {
    private final KeyTypeInfo<K> type;
    private final K[] keys;

    /** @param keys distinct keys, including empty parts and parts that differ in one place */
    @SafeVarargs
    protected KeyTypeTestBase(KeyTypeInfo<K> type, K... keys) {
        this.type = type;
        this.keys = keys;
    }

    @Override
    protected TypeSerializer<K> createSerializer() {
        return type.createSerializer(new SerializerConfigImpl());
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<K> getTypeClass() {
        return type.getTypeClass();
    }

    @Override
    protected K[] getTestData() {
        return keys;
    }

    @Test
    void theTypeExtractorFindsTheKeysOwnType() {
        assertThat(TypeInformation.of(type.getTypeClass())).isSameAs(type);
        assertThat(type.isKeyType()).isTrue();
    }

    @Test
    void distinctKeysStayDistinctThroughARoundTripWithTheirHash() throws Exception {
        TypeSerializer<K> serializer = createSerializer();
        Set<K> seen = new HashSet<>();
        for (K key : keys) {
            assertThat(seen.add(key)).as("test keys must be distinct: %s", key).isTrue();
            DataOutputSerializer out = new DataOutputSerializer(64);
            serializer.serialize(key, out);
            K back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back).isEqualTo(key);
            assertThat(back.hashCode()).isEqualTo(key.hashCode());
        }
        assertThat(seen).hasSize(keys.length);
    }
}
