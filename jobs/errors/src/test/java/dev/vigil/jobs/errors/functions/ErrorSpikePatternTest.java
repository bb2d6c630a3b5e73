package dev.vigil.jobs.errors.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.Alert;
import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorSpikePatternTest {
    @Test
    void aSpikeAlertCarriesItsGroupAndItsRatePerMinute() {
        List<ErrorSpikePattern.ErrorHit> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) burst.add(ErrorSpikePattern.ErrorHit.of(error(1_000_000 + i * 1500L)));
        Alert a = new ErrorSpikePattern.ToAlert(Duration.ofMinutes(1)).create(burst);
        assertThat(a.name).isEqualTo("ErrorSpike");
        assertThat(a.service).isEqualTo("payments");
        assertThat(a.labels).containsEntry("group_id", "g-1").containsEntry("series", "g-1");
        assertThat(a.windowStart).isEqualTo(1_000_000);
        assertThat(a.windowEnd).isEqualTo(1_000_000 + 19 * 1500);
        // 20 errors in 28.5 s
        assertThat(a.observed).isEqualTo(42.1);
        assertThat(a.annotations.get("summary"))
                .isEqualTo("20 x java.net.SocketTimeoutException in payments within 60 s");
    }

    static Event error(long ts) {
        Event e = new Event();
        e.timestamp = ts;
        e.service = "payments";
        e.error = new ErrorEvent();
        e.error.errorType = "java.net.SocketTimeoutException";
        e.error.groupId = "g-1";
        return e;
    }
}
