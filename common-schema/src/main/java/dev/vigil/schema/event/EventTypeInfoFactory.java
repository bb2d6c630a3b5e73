package dev.vigil.schema.event;

import dev.vigil.schema.types.FixedSerializerTypeInfo;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** {@link Event}s go through {@link EventSerializer}, not Flink's POJO serializer. */
public class EventTypeInfoFactory extends TypeInfoFactory<Event> {
    @Override
    public TypeInformation<Event> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new FixedSerializerTypeInfo<>(Event.class, new EventSerializer(), false);
    }
}
