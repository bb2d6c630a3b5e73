package dev.vigil.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@link EventSerializer} against the classes themselves: every field of the envelope and of every payload is filled
 * reflectively (a field of a type the filler does not know fails the test), round-tripped and compared field by
 * field, so a field added to a class and not to the serializer is caught here.
 */
class EventSerializerTest {
    private final TypeSerializer<Event> serializer =
            TypeInformation.of(Event.class).createSerializer(noKryo());

    @Test
    void everyFieldOfEveryPayloadSurvivesARoundTrip() throws Exception {
        for (int variant = 0; variant < 2; variant++) {
            Event e = filled(Event.class, variant);
            assertThat(e.agentLog).isNotNull();
            assertThat(e.error.frames).isNotEmpty();
            assertThat(roundTrip(e)).usingRecursiveComparison().isEqualTo(e);
            assertThat(serializer.copy(e))
                    .usingRecursiveComparison()
                    .isEqualTo(e)
                    .isNotSameAs(e);
        }
    }

    @Test
    void nullsAndEmptiesSurviveARoundTrip() throws Exception {
        Event bare = new Event();
        assertThat(roundTrip(bare)).usingRecursiveComparison().isEqualTo(bare);
        Event e = new Event();
        e.attributes = new LinkedHashMap<>();
        e.attributes.put("absent", null);
        e.attributes.put("k", Attribute.of(Attribute.Kind.NULL));
        e.metric = new PerformanceMetric();
        e.metric.bucketBounds = new double[0];
        e.metric.resource = new ResourceUsage();
        e.error = new ErrorEvent();
        e.error.frames = new StackFrame[] {null, new StackFrame()};
        e.error.handled = false;
        e.business = new BusinessEvent();
        e.business.properties = Map.of();
        assertThat(roundTrip(e)).usingRecursiveComparison().isEqualTo(e);
    }

    @Test
    void longAndNonAsciiStringsSurviveARoundTrip() throws Exception {
        Event e = new Event();
        e.error = new ErrorEvent();
        e.error.message = "x".repeat(70_000) + "é"; // past the scratch buffer, a three-byte length
        e.service = "ü".repeat(200); // Latin-1, two UTF-8 bytes each
        e.host = "主机-😀"; // beyond Latin-1, a surrogate pair
        e.environment = "a".repeat(127); // the longest one-byte length, then the shortest two-byte one
        e.instance = "a".repeat(128);
        e.eventId = "";
        assertThat(roundTrip(e)).usingRecursiveComparison().isEqualTo(e);
        assertThat(roundTrip(roundTrip(e))).usingRecursiveComparison().isEqualTo(e);
    }

    @Test
    void eachTaskGetsAnInstanceOfItsOwn() {
        // each instance keeps a scratch buffer: a shared one would be written by two task threads at once
        assertThat(TypeInformation.of(Event.class).createSerializer(noKryo())).isNotSameAs(serializer);
    }

    @Test
    void attributesKeepTheirOrder() throws Exception {
        Event e = new Event();
        e.attributes = new LinkedHashMap<>();
        for (String k : new String[] {"z", "a", "m", "b"}) e.attributes.put(k, Attribute.string(k));
        assertThat(roundTrip(e).attributes.keySet()).containsExactly("z", "a", "m", "b");
    }

    @Test
    void eventsSerializedByFlinksPojoSerializerAreMigrated() {
        // what state holding events would have recorded before this serializer (none does as of it)
        TypeSerializer<Event> pojo = new PojoTypeInfo<>(Event.class, pojoFields()).createSerializer(noKryo());
        TypeSerializerSnapshot<Event> old = pojo.snapshotConfiguration();
        assertThat(serializer
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(old)
                        .isCompatibleAfterMigration())
                .isTrue();
        assertThat(serializer
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(serializer.snapshotConfiguration())
                        .isCompatibleAsIs())
                .isTrue();
    }

    private Event roundTrip(Event e) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(e, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        Event back = serializer.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        return back;
    }

    private static SerializerConfigImpl noKryo() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return config;
    }

    private static List<org.apache.flink.api.java.typeutils.PojoField> pojoFields() {
        List<org.apache.flink.api.java.typeutils.PojoField> fields = new ArrayList<>();
        for (Field f : Event.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            TypeInformation<?> type = f.getName().equals("attributes")
                    ? new AttributeMapTypeInfoFactory().createTypeInfo(null, Map.of())
                    : TypeInformation.of(f.getType());
            fields.add(new org.apache.flink.api.java.typeutils.PojoField(f, type));
        }
        return fields;
    }

    /** Every public instance field set to a value unlike its default; {@code variant} flips booleans and numbers. */
    static <T> T filled(Class<T> type, int variant) throws Exception {
        T o = type.getConstructor().newInstance();
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            f.set(o, value(f, variant));
        }
        return o;
    }

    private static Object value(Field f, int variant) throws Exception {
        Class<?> t = f.getType();
        String name = f.getDeclaringClass().getSimpleName() + "." + f.getName();
        if (t == String.class) return name + "-" + variant + "-é✓";
        if (t == boolean.class || t == Boolean.class) return variant == 0;
        if (t == int.class || t == Integer.class) return 40 + variant + name.length();
        if (t == long.class || t == Long.class) return 1_795_860_930_123L + variant + name.length();
        if (t == double.class || t == Double.class) return 0.25 + variant + name.length();
        if (t.isEnum()) {
            Object[] constants = t.getEnumConstants();
            return constants[(name.length() + variant) % constants.length];
        }
        if (t == double[].class) return new double[] {1.5, -2.5 - variant};
        if (t == long[].class) return new long[] {3, 4 + variant, 5};
        if (t == StackFrame[].class)
            return new StackFrame[] {filled(StackFrame.class, variant), filled(StackFrame.class, 1 - variant)};
        if (t == Map.class) {
            Class<?> valueType = (Class<?>) ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[1];
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < 3; i++)
                map.put(name + i, valueType == String.class ? "v" + i : filled(valueType, (variant + i) % 2));
            return map;
        }
        if (t.getPackage() == Event.class.getPackage()) return filled(t, variant);
        throw new AssertionError(
                name + " is of a type this test cannot fill (" + t + "): teach it, and EventSerializer");
    }
}
