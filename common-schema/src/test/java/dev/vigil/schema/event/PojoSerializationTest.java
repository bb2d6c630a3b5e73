package dev.vigil.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParserLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every record type must get Flink's POJO serializer or one of its own ({@link Event}); with generic types disabled, a
 * Kryo fallback fails here.
 */
class PojoSerializationTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                AgentLog.class,
                BusinessEvent.class,
                PerformanceMetric.class,
                ErrorEvent.class,
                StackFrame.class,
                ResourceUsage.class,
                DeadLetter.class,
                Alert.class
            })
    void isAFlinkPojoWithoutKryo(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        assertThat(info.createSerializer(config)).isNotNull();
    }

    @Test
    void eventsHaveASerializerOfTheirOwn() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        assertThat(TypeInformation.of(Event.class).createSerializer(config)).isInstanceOf(EventSerializer.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "agent_log-ai-step.json",
                "agent_log-type-last-unknown-fields.json",
                "business_event-purchase.json",
                "performance_metric-histogram.json",
                "performance_metric-gauge-resource.json",
                "error-with-frames.json"
            })
    void roundTripsParsedSamples(String sample) throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/samples/valid/" + sample)) {
            bytes = in.readAllBytes();
        }
        Event event =
                new EventParser(ParserLimits.withoutClockWindow()).parse(bytes).event();
        assertThat(event).isNotNull();
        assertThat(roundTrip(event, Event.class)).isEqualTo(event);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dead-letter", "alert"})
    void roundTripsEmittedRecords(String which) throws IOException {
        if (which.equals("dead-letter")) {
            DeadLetter d = new DeadLetter(new byte[] {1, 2, (byte) 0xFF}, DeadLetterReason.INVALID_UTF8, "not UTF-8");
            d.sourceTopic = "vigil.agent-logs";
            d.sourcePartition = 2;
            d.sourceOffset = 42;
            d.deadLetteredAt = 1_795_860_930_123L;
            d.job = "agent-logs";
            assertThat(roundTrip(d, DeadLetter.class)).isEqualTo(d);
        } else {
            Alert a = new Alert();
            a.fingerprint = "ErrorSpike:payments:abc";
            a.name = "ErrorSpike";
            a.severity = "critical";
            a.status = "FIRING";
            a.service = "payments";
            a.startsAt = 1_795_860_930_123L;
            a.observed = 120;
            a.baseline = 4.5;
            a.labels = Map.of("team", "payments");
            a.annotations = Map.of("runbook_url", "https://runbooks/errors");
            assertThat(roundTrip(a, Alert.class)).isEqualTo(a);
        }
    }

    private static <T> T roundTrip(T value, Class<T> type) throws IOException {
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(config.getSerializerConfig());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        T copy = serializer.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        assertThat(serializer.copy(value)).isEqualTo(value);
        return copy;
    }
}
