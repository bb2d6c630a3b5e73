package dev.vigil.runtime.sketches;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.vigil.schema.types.FixedSerializerTypeInfo;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Type information for DDSketch fields: put {@code @TypeInfo(DDSketchTypeInfo.Factory.class)} on them. */
public final class DDSketchTypeInfo {
    public static final FixedSerializerTypeInfo<DDSketch> INSTANCE =
            new FixedSerializerTypeInfo<>(DDSketch.class, DDSketchSerializer.INSTANCE, false);

    private DDSketchTypeInfo() {}

    /** For {@code @TypeInfo} on POJO fields. */
    public static final class Factory extends TypeInfoFactory<DDSketch> {
        @Override
        public TypeInformation<DDSketch> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }
}
