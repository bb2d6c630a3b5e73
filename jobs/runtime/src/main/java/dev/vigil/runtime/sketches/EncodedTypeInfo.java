package dev.vigil.runtime.sketches;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for a sketch field serialized by an {@link EncodedSerializer}. */
public class EncodedTypeInfo<T> extends TypeInformation<T> {
    private final Class<T> type;
    private final EncodedSerializer<T> serializer;

    public EncodedTypeInfo(Class<T> type, EncodedSerializer<T> serializer) {
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
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer;
    }

    /** Still abstract in Flink 1.20. */
    @Override
    @Deprecated
    public TypeSerializer<T> createSerializer(org.apache.flink.api.common.ExecutionConfig config) {
        return serializer;
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof EncodedTypeInfo && ((EncodedTypeInfo<?>) obj).type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof EncodedTypeInfo;
    }
}
