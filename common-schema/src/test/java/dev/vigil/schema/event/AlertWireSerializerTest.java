package dev.vigil.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** {@link AlertWireSerializer} against the class: every field filled reflectively, compared field by field. */
class AlertWireSerializerTest {
    private final TypeSerializer<Alert> serializer =
            AlertWireSerializer.TYPE.createSerializer(new SerializerConfigImpl());

    @Test
    void everyFieldSurvivesARoundTrip() throws Exception {
        for (int variant = 0; variant < 2; variant++) {
            Alert a = EventSerializerTest.filled(Alert.class, variant);
            assertThat(a.labels).hasSize(3);
            assertThat(roundTrip(a)).usingRecursiveComparison().isEqualTo(a);
            assertThat(serializer.copy(a))
                    .usingRecursiveComparison()
                    .isEqualTo(a)
                    .isNotSameAs(a);
        }
    }

    @Test
    void nullsEmptiesAndOrderSurvive() throws Exception {
        Alert bare = new Alert();
        assertThat(roundTrip(bare)).usingRecursiveComparison().isEqualTo(bare);
        Alert a = new Alert();
        a.labels = new LinkedHashMap<>();
        for (String k : new String[] {"z", "a", "m"}) a.labels.put(k, k.equals("a") ? null : "v-" + k + "-ü✓");
        a.annotations = new LinkedHashMap<>();
        assertThat(roundTrip(a).labels.keySet()).containsExactly("z", "a", "m");
        assertThat(roundTrip(a)).usingRecursiveComparison().isEqualTo(a);
    }

    @Test
    void eachTaskGetsAnInstanceOfItsOwn() {
        // each instance keeps a scratch buffer: a shared one would be written by two task threads at once
        assertThat(AlertWireSerializer.TYPE.createSerializer(new SerializerConfigImpl()))
                .isNotSameAs(serializer);
    }

    private Alert roundTrip(Alert a) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        serializer.serialize(a, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        Alert back = serializer.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        return back;
    }
}
