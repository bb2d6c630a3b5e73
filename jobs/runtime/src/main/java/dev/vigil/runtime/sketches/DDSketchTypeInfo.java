package dev.vigil.runtime.sketches;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for DDSketch fields: put {@code @TypeInfo(DDSketchTypeInfo.Factory.class)} on them. */
public final class DDSketchTypeInfo extends TypeInformation<DDSketch> {
    public static final DDSketchTypeInfo INSTANCE = new DDSketchTypeInfo();

    /** For {@code @TypeInfo} on POJO fields. */
    public static final class Factory extends TypeInfoFactory<DDSketch> {
        @Override
        public TypeInformation<DDSketch> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
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
    public Class<DDSketch> getTypeClass() {
        return DDSketch.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<DDSketch> createSerializer(SerializerConfig config) {
        return DDSketchSerializer.INSTANCE;
    }

    /** Still abstract in Flink 1.20; delegates to the SerializerConfig variant. */
    @Override
    @Deprecated
    public TypeSerializer<DDSketch> createSerializer(org.apache.flink.api.common.ExecutionConfig config) {
        return DDSketchSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "DDSketch";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof DDSketchTypeInfo;
    }

    @Override
    public int hashCode() {
        return DDSketchTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof DDSketchTypeInfo;
    }
}
