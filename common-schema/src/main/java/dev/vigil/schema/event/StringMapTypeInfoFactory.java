package dev.vigil.schema.event;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** Serializes {@code Map<String, String>} fields with Flink's MapSerializer; Flink 1.20 would otherwise use Kryo. */
public class StringMapTypeInfoFactory extends TypeInfoFactory<Map<String, String>> {
    @Override
    public TypeInformation<Map<String, String>> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return Types.MAP(Types.STRING, Types.STRING);
    }
}
