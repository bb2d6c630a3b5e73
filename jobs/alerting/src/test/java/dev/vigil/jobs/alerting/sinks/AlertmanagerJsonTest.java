package dev.vigil.jobs.alerting.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.detection.Alerts;
import dev.vigil.schema.event.Alert;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerJsonTest {
    @Test
    void writesAPostableAlertArray() {
        Alert a = Alerts.firing(
                "LatencyRegression", "warning", "search", "latency_p95|search", 0, 10_000, 140, 35, "slow \"search\"");
        a.startsAt = 1_764_322_200_000L;
        a.endsAt = 1_764_322_230_000L;
        a.annotations.put("query_url", "http://es/q");
        assertThat(new String(AlertmanagerJson.body(List.of(a)), StandardCharsets.UTF_8))
                .isEqualTo("[{\"labels\":{\"alertname\":\"LatencyRegression\","
                        + "\"service\":\"search\",\"series\":\"latency_p95|search\"},\"annotations\":{\"summary\":\"slow \\\"search\\\"\",\"observed\":\"140\","
                        + "\"baseline\":\"35\",\"query_url\":\"http://es/q\"},\"startsAt\":\"2025-11-28T09:30:00Z\",\"endsAt\":\"2025-11-28T09:30:30Z\","
                        + "\"generatorURL\":\"http://es/q\"}]");
    }
}
