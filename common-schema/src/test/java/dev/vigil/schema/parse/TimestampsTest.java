package dev.vigil.schema.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-28T10:15:30Z",
                "2026-11-28T10:15:30.1Z",
                "2026-11-28T10:15:30.123456789Z",
                "2024-02-29T23:59:59-08:00",
                "2000-01-01T00:00:00Z",
                "2099-12-31T23:59:59.999+14:00",
                "2026-03-01T00:00:00+05:30"
            })
    void agreesWithJavaTime(String s) {
        assertThat(Timestamps.parseRfc3339(s))
                .isEqualTo(OffsetDateTime.parse(s).toInstant().toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-28T10:15:30", "2026-11-28 10:15:30Z", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z",
                        "2026-13-01T00:00:00Z",
                "2026-11-28T24:00:00Z", "2026-11-28T10:15:30.Z", "2026-11-28T10:15:30.1234567891Z",
                        "2026-11-28T10:15:30+0100", "yesterday"
            })
    void rejectsWhatIsNotRfc3339(String s) {
        assertThat(Timestamps.parseRfc3339(s)).isEqualTo(Timestamps.UNPARSEABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z"})
    void contractRangeExcludes(String s) {
        assertThat(Timestamps.inContractRange(Instant.parse(s).toEpochMilli())).isFalse();
    }
}
