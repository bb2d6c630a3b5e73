package dev.vigil.runtime.keys;

import dev.vigil.schema.types.FixedSerializerTypeInfo;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink type of a composite key written by its own {@link KeySerializer}. A key class declares one
 * as a constant and names it in a {@code @TypeInfo} factory, so the type extractor finds it wherever
 * the key appears (a key selector, a tuple, a POJO field).
 */
public final class KeyTypeInfo<K> extends FixedSerializerTypeInfo<K> {

    public KeyTypeInfo(Class<K> type, KeySerializer<K> serializer) {
        super(type, serializer, true);
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
}
