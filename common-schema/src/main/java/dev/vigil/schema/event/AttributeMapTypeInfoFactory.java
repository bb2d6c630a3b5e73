package dev.vigil.schema.event;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** Serializes {@code Map<String, Attribute>} fields with Flink's MapSerializer and POJO serializer; Flink 1.20 would otherwise use Kryo. */
public class AttributeMapTypeInfoFactory extends TypeInfoFactory<Map<String, Attribute>> {
    @Override
    public TypeInformation<Map<String, Attribute>> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return Types.MAP(Types.STRING, Types.POJO(Attribute.class));
    }
}
