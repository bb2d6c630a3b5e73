package dev.vigil.tests.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.LocalStack;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertmanagerSmokeIT {

    @Test
    void acceptsAnAlertAndListsIt() {
        String am = LocalStack.alertmanagerUrl();
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.MINUTES);
        Http.send("POST", am + "/api/v2/alerts", """
                [{"labels": {"alertname": "VigilSmoke", "service": "smoke", "smoke_id": "%s", "severity": "warning"},
                  "annotations": {"summary": "smoke test alert"},
                  "startsAt": "%s", "endsAt": "%s"}]""".formatted(id, now, now.plus(5, ChronoUnit.MINUTES)));

        String filter = URLEncoder.encode("smoke_id=\"" + id + "\"", StandardCharsets.UTF_8);
        JsonNode alerts = Http.get(am + "/api/v2/alerts?filter=" + filter);
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.at("/labels/alertname").asText()).isEqualTo("VigilSmoke");
        assertThat(alert.at("/labels/severity").asText()).isEqualTo("warning");
        assertThat(alert.at("/annotations/summary").asText()).isEqualTo("smoke test alert");
        assertThat(alert.at("/status/state").asText()).isEqualTo("active");

        // Resolve it so repeated runs leave nothing firing.
        Http.send("POST", am + "/api/v2/alerts", """
                [{"labels": {"alertname": "VigilSmoke", "service": "smoke", "smoke_id": "%s", "severity": "warning"},
                  "startsAt": "%s", "endsAt": "%s"}]""".formatted(id, now, now.plusSeconds(30)));
    }
}
