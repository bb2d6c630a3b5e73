package dev.vigil.schema.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schema.event.AgentLog;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private final Sampler sampler = new Sampler(new SamplingRules()
            .defaultRate(0.25)
            .serviceRate("checkout", 0.5)
            .levelRate("debug", 0.0)
            .serviceLevelRate("checkout", "debug", 1.0)
            .slowRequestMs(2000));

    private static Event log(String service, String level, String correlationId) {
        Event e = new Event();
        e.type = EventType.AGENT_LOG;
        e.service = service;
        e.correlationId = correlationId;
        e.agentLog = new AgentLog();
        e.agentLog.level = level;
        return e;
    }

    @Test
    void keepsARequestWholeAcrossServicesAndJobs() {
        Sampler other = new Sampler(new SamplingRules().defaultRate(0.25));
        for (int i = 0; i < 2000; i++) {
            String id = "req-" + i;
            boolean here = sampler.keep(log("search", "INFO", id));
            boolean there = other.keep(log("payments", "INFO", id));
            assertThat(here).as(id).isEqualTo(there);
        }
    }

    @Test
    void keepsCloseToTheConfiguredRateRecordsItAndReportsEveryDrop() {
        long[] dropped = {0};
        Sampler counting = new Sampler(new SamplingRules().defaultRate(0.25), e -> dropped[0]++);
        int kept = 0;
        for (int i = 0; i < 20_000; i++) {
            Event e = log("search", "INFO", "req-" + i);
            double rate = counting.keptAt(e);
            if (rate > 0) {
                kept++;
                assertThat(rate).isEqualTo(0.25);
                assertThat(e.sampleRate)
                        .as("the event itself is left as it came")
                        .isEqualTo(1.0);
            }
        }
        // binomial(20000, 0.25): sd ~61, so +-400 is more than 6 sd
        assertThat(kept).isBetween(4600, 5400);
        assertThat(kept + dropped[0]).isEqualTo(20_000);
    }

    @Test
    void mostSpecificRateWins() {
        int checkoutInfo = 0;
        int checkoutDebug = 0;
        int searchDebug = 0;
        for (int i = 0; i < 4000; i++) {
            if (sampler.keep(log("checkout", "INFO", "r" + i))) checkoutInfo++;
            if (sampler.keep(log("checkout", "DEBUG", "r" + i))) checkoutDebug++;
            if (sampler.keep(log("search", "DEBUG", "r" + i))) searchDebug++;
        }
        assertThat(checkoutDebug).isEqualTo(4000);
        assertThat(searchDebug).isZero();
        assertThat(checkoutInfo).isBetween(1800, 2200);
    }

    @Test
    void alwaysKeepsWarningsErrorsFailuresSlowStepsAndOtherTypes() {
        Sampler dropAll = new Sampler(new SamplingRules().defaultRate(0.0).slowRequestMs(1000));
        assertThat(dropAll.keep(log("s", "INFO", "r"))).isFalse();
        assertThat(dropAll.keep(log("s", "WARN", "r"))).isTrue();
        assertThat(dropAll.keep(log("s", "ERROR", "r"))).isTrue();
        Event failed = log("s", "INFO", "r");
        failed.agentLog.outcome = "failure";
        assertThat(dropAll.keep(failed)).isTrue();
        Event slow = log("s", "INFO", "r");
        slow.agentLog.durationMs = 1500.0;
        assertThat(dropAll.keptAt(slow)).isEqualTo(1.0);
        Event metric = new Event();
        metric.type = EventType.PERFORMANCE_METRIC;
        assertThat(dropAll.keep(metric)).isTrue();
    }

    @Test
    void rejectsRatesOutsideZeroToOne() {
        assertThatThrownBy(() -> new SamplingRules().serviceRate("s", 1.5))
                .hasMessageContaining("sampling rate for s must be between 0.0 and 1.0");
    }
}
