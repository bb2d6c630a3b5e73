package dev.vigil.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.json.EventJson;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing an event and parsing it back gives an equal event: the archive holds exactly what the jobs saw. */
class EventJsonTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "agent_log-plain.json",
                "agent_log-ai-step.json",
                "agent_log-type-last-unknown-fields.json",
                "business_event-purchase.json",
                "performance_metric-histogram.json",
                "performance_metric-gauge-resource.json",
                "error-with-frames.json",
                "error-fingerprinted.json"
            })
    void roundTripsThroughTheParser(String sample) throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/samples/valid/" + sample)) {
            bytes = in.readAllBytes();
        }
        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        Event original = parser.parse(bytes).event();
        ParseOutcome again = parser.parse(EventJson.toBytes(original));
        assertThat(again.isValid()).as("%s", again).isTrue();
        Event copy = again.event();
        // derived IDs were written out explicitly, so they are no longer derived
        copy.eventIdDerived = original.eventIdDerived;
        copy.correlationGenerated = original.correlationGenerated;
        assertThat(copy).isEqualTo(original);
    }
}
