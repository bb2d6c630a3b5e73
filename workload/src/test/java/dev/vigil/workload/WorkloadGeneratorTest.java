package dev.vigil.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generator speaks the contract: every record it means to be valid parses; the malformed ones dead-letter. */
class WorkloadGeneratorTest {

    @Test
    void generatesValidEventsOfEveryTypePlusTheIntendedMalformedOnes() {
        long end = 1_795_860_000_000L;
        List<byte[]> records = new ArrayList<>();
        List<String> streams = new ArrayList<>();
        WorkloadStats stats = new WorkloadGenerator(
                        new WorkloadSpec(end - 600_000, end, 2000, 7), (stream, key, value) -> {
                            streams.add(stream);
                            records.add(value);
                        })
                .run();

        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        Map<EventType, Integer> valid = new EnumMap<>(EventType.class);
        Map<DeadLetterReason, Integer> invalid = new EnumMap<>(DeadLetterReason.class);
        for (int i = 0; i < records.size(); i++) {
            ParseOutcome o = parser.parse(records.get(i));
            if (o.isValid()) {
                valid.merge(o.event().type, 1, Integer::sum);
                assertThat(streams.get(i)).isEqualTo(o.event().type.wireName().replace('_', '-') + "s");
            } else {
                invalid.merge(o.reason(), 1, Integer::sum);
            }
        }
        assertThat(records).hasSize((int) stats.total());
        assertThat(valid.get(EventType.AGENT_LOG)).isEqualTo((int) (stats.logs + stats.agentSteps));
        assertThat(valid.get(EventType.BUSINESS_EVENT)).isEqualTo((int) stats.business);
        assertThat(valid.get(EventType.PERFORMANCE_METRIC)).isEqualTo((int) stats.metrics);
        assertThat(valid.get(EventType.ERROR)).isEqualTo((int) stats.errors);
        assertThat(invalid)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        DeadLetterReason.MALFORMED_JSON,
                        1,
                        DeadLetterReason.MISSING_FIELD,
                        1,
                        DeadLetterReason.INVALID_UTF8,
                        1,
                        DeadLetterReason.TIMESTAMP_UNPARSEABLE,
                        1,
                        DeadLetterReason.UNKNOWN_TYPE,
                        1));
        assertThat(stats.errorSpikeEvents).isEqualTo(40);
        assertThat(stats.latencyRegressionEvents).isPositive();
        assertThat(stats.conversionDropFunnels).isPositive();
    }

    @Test
    void isDeterministicForASeed() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        new WorkloadGenerator(new WorkloadSpec(0, 600_000, 300, 11), (s, k, v) -> a.add(new String(v))).run();
        new WorkloadGenerator(new WorkloadSpec(0, 600_000, 300, 11), (s, k, v) -> b.add(new String(v))).run();
        assertThat(a).isEqualTo(b);
    }
}
