package dev.vigil.runtime.detection.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.Observation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each named detector reads its own thresholds and judges its own metric. */
class NamedRulesTest {
    static final VigilConfig CONFIG = VigilConfig.load("""
            detection:
              min-requests: 50
              latency-regression: {factor: 3, windows: 4}
              error-rate: {threshold: 0.1, windows: 2}
              throughput-drop: {fraction: 0.25, windows: 5}
              kpi-drop: {fraction: 0.4, windows: 1, min-entries: 30}
            """, List.of(), Map.of());

    @Test
    void latencyRegression() {
        BreachRule r = LatencyRegressionPattern.rule(CONFIG);
        assertThat(r.windows).isEqualTo(4);
        assertThat(r.breached(obs("latency_p95", 301, 100, 50))).isTrue();
        assertThat(r.breached(obs("latency_p95", 300, 100, 50))).isFalse();
        assertThat(r.breached(obs("latency_p95", 301, 100, 49))).isFalse();
    }

    @Test
    void errorRateBreach() {
        BreachRule r = ErrorRateBreachPattern.rule(CONFIG);
        assertThat(r.windows).isEqualTo(2);
        assertThat(r.breached(obs("error_rate", 0.11, 0.5, 50))).isTrue();
        assertThat(r.breached(obs("error_rate", 0.1, 0, 50))).isFalse();
    }

    @Test
    void throughputDrop() {
        BreachRule r = ThroughputDropPattern.rule(CONFIG);
        assertThat(r.windows).isEqualTo(5);
        assertThat(r.breached(obs("requests", 24, 100, 24)))
                .as("no minimum: a drop to zero-ish must count")
                .isTrue();
        assertThat(r.breached(obs("requests", 25, 100, 25))).isFalse();
    }

    @Test
    void kpiDrop() {
        BreachRule r = KpiDropPattern.rule(CONFIG);
        assertThat(r.windows).isEqualTo(1);
        assertThat(r.breached(obs("conversion", 0.19, 0.5, 30))).isTrue();
        assertThat(r.breached(obs("conversion", 0.19, 0.5, 29))).isFalse();
        assertThat(r.breached(obs("latency_p95", 0.19, 0.5, 30))).isFalse();
    }

    static Observation obs(String metric, double value, double baseline, long weight) {
        Observation o = Observation.of(metric, "svc", null, 0, 10_000, value, weight);
        o.baseline = baseline;
        o.warm = true;
        return o;
    }
}
