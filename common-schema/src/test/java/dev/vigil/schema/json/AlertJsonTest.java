package dev.vigil.schema.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schema.event.Alert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertJsonTest {
    @Test
    void roundTripsEveryField() throws IOException {
        Alert a = new Alert();
        a.fingerprint = "00ff";
        a.name = "ErrorSpike";
        a.severity = "warning";
        a.status = Alert.FIRING;
        a.service = "payments";
        a.startsAt = 1;
        a.endsAt = 2;
        a.windowStart = 3;
        a.windowEnd = 4;
        a.observed = 40.5;
        a.baseline = 0.25;
        a.labels = new LinkedHashMap<>(Map.of("group_id", "g"));
        a.annotations = new LinkedHashMap<>(Map.of("summary", "40 x \"timeout\""));
        assertThat(AlertJson.fromBytes(AlertJson.toBytes(a))).isEqualTo(a);
    }

    @Test
    void rejectsWhatIsNotAnAlertWithTheReason() {
        assertThatThrownBy(() -> AlertJson.fromBytes("[]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("an alert must be a JSON object");
        assertThatThrownBy(() -> AlertJson.fromBytes("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("an alert needs a fingerprint");
        assertThatThrownBy(() -> AlertJson.fromBytes(
                        "{\"fingerprint\":\"f\",\"name\":\"x\",\"severity\":\"info\",\"status\":\"MAYBE\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessage("unknown alert status MAYBE");
        assertThatThrownBy(() -> AlertJson.fromBytes(
                        "{\"fingerprint\":\"f\",\"labels\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("label a must be a string");
    }
}
