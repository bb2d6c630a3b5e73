package dev.vigil.schema.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A log record's level from its severity number, or without one from the words logging systems write. */
class OtlpLevelsTest {
    @Test
    void theSeverityNumberDecidesWhenThereIsOne() {
        assertThat(OtlpEvents.level(1, "Critical")).isEqualTo("TRACE");
        assertThat(OtlpEvents.level(9, "")).isEqualTo("INFO");
        assertThat(OtlpEvents.level(13, "")).isEqualTo("WARN");
        assertThat(OtlpEvents.level(17, "")).isEqualTo("ERROR");
        assertThat(OtlpEvents.level(24, "")).isEqualTo("FATAL");
    }

    /** .NET's ILogger, java.util.logging, syslog (RFC 5424's names), zap, and anything else as INFO. */
    @Test
    void withoutOneTheLevelsWordsOfCommonLoggingSystemsAreRead() {
        String[][] cases = {
            {"Verbose", "TRACE"},
            {"FINEST", "TRACE"},
            {"FINER", "TRACE"},
            {"trace", "TRACE"},
            {"FINE", "DEBUG"},
            {"CONFIG", "DEBUG"},
            {"Debug", "DEBUG"},
            {"Information", "INFO"},
            {"notice", "INFO"},
            {"INFO", "INFO"},
            {"Warning", "WARN"},
            {"warn", "WARN"},
            {"Error", "ERROR"},
            {"err", "ERROR"},
            {"SEVERE", "ERROR"},
            {"dpanic", "ERROR"},
            {"Critical", "FATAL"},
            {"crit", "FATAL"},
            {"alert", "FATAL"},
            {"emerg", "FATAL"},
            {"panic", "FATAL"},
            {"fatal", "FATAL"},
            {" ERROR ", "ERROR"},
            {"", "INFO"},
            {"\u0007", "INFO"},
            {"chatty", "INFO"}
        };
        for (String[] c : cases) assertThat(OtlpEvents.level(0, c[0])).as(c[0]).isEqualTo(c[1]);
    }
}
