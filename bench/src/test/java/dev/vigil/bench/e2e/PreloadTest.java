package dev.vigil.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import dev.vigil.workload.WorkloadGenerator;
import dev.vigil.workload.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreloadTest {
    private final EventParser parser = new EventParser(ParserLimits.withoutClockWindow());

    @Test
    void copiesOfTheWorkloadsErrorsAreDistinctValidEventsDifferingOnlyInTheirCorrelationId() {
        List<byte[]> errors = new ArrayList<>();
        long end = 1_764_460_800_000L;
        new WorkloadGenerator(new WorkloadSpec(end - 600_000L, end, 3_000, 7), (stream, key, value) -> {
                    if (stream.equals(WorkloadGenerator.ERRORS)) errors.add(value);
                })
                .run();
        assertThat(errors).hasSizeGreaterThan(40); // the spike's 40 and the requests' own

        Set<String> ids = new HashSet<>();
        for (byte[] record : errors) {
            Event original = valid(record);
            ids.add(original.eventId);
            for (int n = 1; n <= 3; n++) {
                Event copy = valid(Preload.copy(record, n));
                assertThat(copy.correlationId).isEqualTo("copy" + n + "-" + original.correlationId);
                assertThat(ids.add(copy.eventId))
                        .as("a copy's event ID is its own")
                        .isTrue();
                assertThat(copy.timestamp).isEqualTo(original.timestamp);
                assertThat(copy.service).isEqualTo(original.service);
                assertThat(copy.traceId).isEqualTo(original.traceId);
                assertThat(copy.error.message).isEqualTo(original.error.message);
                assertThat(copy.error.frames).hasSameSizeAs(original.error.frames);
            }
        }
        assertThat(ids).hasSize(errors.size() * 4);
    }

    @Test
    void aRecordWithoutACorrelationIdIsRefusedRatherThanCopiedIdentically() {
        byte[] record = "{\"type\":\"error\",\"timestamp\":\"2026-12-04T10:00:00Z\",\"service\":\"s\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Preload.copy(record, 1)).hasMessageContaining("correlation_id");
    }

    private Event valid(byte[] record) {
        ParseOutcome outcome = parser.parse(record);
        assertThat(outcome.isValid()).as("%s", outcome).isTrue();
        return outcome.event();
    }
}
