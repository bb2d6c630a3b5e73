package dev.vigil.runtime.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.parse.ParserLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ServiceClaimsTest {
    private static VigilConfig config(String yaml) {
        return VigilConfig.load("kafka: {topic-prefix: \"p.\"}\n" + yaml, List.of(), Map.of());
    }

    @Test
    void aTopicCarriesOnlyItsServicesAndUnlistedTopicsCarryAny() {
        ServiceClaims claims =
                ServiceClaims.from(config("kafka.topic-services: [\"team-a.logs=checkout;payments-*\"]"));
        assertThat(claims.allows("p.team-a.logs", "checkout")).isTrue();
        assertThat(claims.allows("p.team-a.logs", "payments-eu")).isTrue();
        assertThat(claims.allows("p.team-a.logs", "checkout-v2")).isFalse();
        assertThat(claims.allows("p.team-a.logs", "search")).isFalse();
        assertThat(claims.allows("p.team-b.logs", "search")).isTrue();
        assertThat(claims.allows("team-a.logs", "search"))
                .as("the prefix is part of the topic")
                .isTrue();
    }

    @Test
    void aBadEntryNamesTheKeyAndTheForm() {
        assertThatThrownBy(() -> ServiceClaims.from(config("kafka.topic-services: [\"team-a.logs\"]")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "kafka.topic-services: 'team-a.logs' is not TOPIC=SERVICE[;SERVICE...] (e.g. team-a.agent-logs=checkout;payments-*)");
        assertThatThrownBy(() -> ServiceClaims.from(config("kafka.topic-services: [\"a=x\", \"a=y\"]")))
                .hasMessage("kafka.topic-services: the topic a is listed twice");
    }

    @Test
    void anEventClaimingAServiceItsTopicMayNotCarryIsDeadLettered() throws Exception {
        ServiceClaims claims = ServiceClaims.from(config("kafka.topic-services: [\"team-a.logs=checkout\"]"));
        ParsingDeserializer d = new ParsingDeserializer(new RecordParser(
                ParserLimits.withoutClockWindow(), claims, InputFormats.from(config("")), 10, "agent-logs"));
        d.open(new org.apache.flink.api.common.serialization.DeserializationSchema.InitializationContext() {
            @Override
            public org.apache.flink.metrics.MetricGroup getMetricGroup() {
                return new org.apache.flink.metrics.groups.UnregisteredMetricsGroup();
            }

            @Override
            public org.apache.flink.util.UserCodeClassLoader getUserCodeClassLoader() {
                throw new UnsupportedOperationException();
            }
        });
        List<ParsedRecord> out = new ArrayList<>();
        Collector<ParsedRecord> collector = new Collector<>() {
            @Override
            public void collect(ParsedRecord r) {
                out.add(r);
            }

            @Override
            public void close() {}
        };
        for (String service : List.of("checkout", "payments")) {
            byte[] value = ("{\"type\":\"agent_log\",\"timestamp\":1795859930123,\"service\":\"" + service
                            + "\",\"level\":\"info\",\"message\":\"m\"}")
                    .getBytes(StandardCharsets.UTF_8);
            d.deserialize(new ConsumerRecord<>("p.team-a.logs", 0, 7, new byte[0], value), collector);
        }
        assertThat(out.get(0).event.service).isEqualTo("checkout");
        assertThat(out.get(1).event).isNull();
        assertThat(out.get(1).deadLetter.reason).isEqualTo(DeadLetterReason.UNAUTHORIZED_SERVICE);
        assertThat(out.get(1).deadLetter.detail)
                .isEqualTo("topic p.team-a.logs may not carry service payments (kafka.topic-services)");
        assertThat(out.get(1).deadLetter.sourceOffset).isEqualTo(7);
    }
}
