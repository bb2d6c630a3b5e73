package dev.vigil.runtime.keys;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type of a composite key written by its own {@link KeySerializer}. A key class declares one
 * as a constant and names it in a {@code @TypeInfo} factory, so the type extractor finds it wherever
 * the key appears (a key selector, a tuple, a POJO field).
 */
public final class KeyTypeInfo<K> extends TypeInformation<K> {
    private final Class<K> type;
    private final KeySerializer<K> serializer;

    public KeyTypeInfo(Class<K> type, KeySerializer<K> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<K> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return true;
    }

    @Override
    public TypeSerializer<K> createSerializer(SerializerConfig config) {
        return serializer;
    }

    /** Still abstract in Flink 1.20. */
    @Override
    @Deprecated
    public TypeSerializer<K> createSerializer(org.apache.flink.api.common.ExecutionConfig config) {
        return serializer;
    }

    /** The {@code @TypeInfo} factory of a key class: a subclass with a no-argument constructor passing the key's type. */
    public abstract static class Factory<K> extends TypeInfoFactory<K> {
        private final KeyTypeInfo<K> type;

        protected Factory(KeyTypeInfo<K> type) {
            this.type = type;
        }

        @Override
        public TypeInformation<K> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return type;
        }
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof KeyTypeInfo<?> other && other.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof KeyTypeInfo;
    }
}
