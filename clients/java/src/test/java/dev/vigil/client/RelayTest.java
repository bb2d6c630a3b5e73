package dev.vigil.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Relayed records go out as they were written, to their own topic and key, counted with the library's events. */
class RelayTest {
    @Test
    void aRelayedRecordIsSentUnchangedAndCounted() {
        MockProducer<byte[], byte[]> kafka =
                new MockProducer<>(true, new ByteArraySerializer(), new ByteArraySerializer());
        List<String> warnings = new ArrayList<>();
        ClientSettings settings = ClientSettings.builder()
                .service("relay")
                .bootstrapServers("unused:9092")
                .overflow(Overflow.BLOCK)
                .build();
        Publisher publisher = new Publisher(settings, warnings::add, kafka);
        byte[] invalid = "{\"type\":\"agent_log\",\"not\":\"the contract\"}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 1000; i++) {
            assertThat(publisher.publish(new RelayedRecord("demo.agent-logs", i % 2 == 0 ? "req-" + i : null, invalid)))
                    .isTrue();
        }
        publisher.close();

        List<ProducerRecord<byte[], byte[]>> sent = kafka.history();
        assertThat(sent).hasSize(1000);
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("demo.agent-logs");
            assertThat(r.value()).isEqualTo(invalid);
        });
        assertThat(new String(sent.get(2).key(), StandardCharsets.UTF_8)).isEqualTo("req-2");
        assertThat(sent.get(1).key()).isNull();
        assertThat(publisher.accepted()).isEqualTo(1000);
        assertThat(publisher.sent()).isEqualTo(1000);
        assertThat(publisher.dropped()).isZero();
        assertThat(publisher.failed()).isZero();
        assertThat(warnings).isEmpty();
    }
}
