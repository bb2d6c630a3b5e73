package dev.vigil.runtime.detection.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.detection.Observation;
import dev.vigil.schema.event.Alert;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ConsecutiveBreachPatternTest {
    static final long W = 10_000;

    static final BreachRule LATENCY = new BreachRule(
            "LatencyRegression",
            "latency_p95",
            BreachRule.Kind.ABOVE_BASELINE_FACTOR,
            2.0,
            10,
            3,
            "p95 of {service} is {observed} vs {baseline} for {windows} windows");
    static final BreachRule ERROR_RATE =
            new BreachRule("ErrorRateBreach", "error_rate", BreachRule.Kind.ABOVE_LIMIT, 0.05, 10, 2, "{service}");
    static final BreachRule THROUGHPUT = new BreachRule(
            "ThroughputDrop", "requests", BreachRule.Kind.BELOW_BASELINE_FRACTION, 0.5, 0, 2, "{service}");
    static final BreachRule KPI =
            new BreachRule("KpiDrop", "conversion", BreachRule.Kind.BELOW_BASELINE_FRACTION, 0.5, 20, 1, "{service}");

    @Test
    void latencyAboveTwiceTheBaselineForThreeWindowsFiresOnTheThirdAndEveryWindowAfter() throws Exception {
        List<Alert> alerts = run(
                LATENCY,
                obs("latency_p95", 0, 150, 100, 50),
                obs("latency_p95", 1, 250, 100, 50),
                obs("latency_p95", 2, 260, 100, 50),
                obs("latency_p95", 3, 270, 100, 50),
                obs("latency_p95", 4, 280, 100, 50));
        assertThat(alerts).hasSize(2);
        Alert first = alerts.get(0);
        assertThat(first.name).isEqualTo("LatencyRegression");
        assertThat(first.status).isEqualTo(Alert.FIRING);
        assertThat(first.service).isEqualTo("search");
        assertThat(first.windowStart).isEqualTo(1 * W);
        assertThat(first.windowEnd).isEqualTo(4 * W);
        assertThat(first.observed).isEqualTo(270);
        assertThat(first.baseline).isEqualTo(100);
        assertThat(first.annotations.get("summary")).isEqualTo("p95 of search is 270 vs 100 for 3 windows");
        assertThat(alerts.get(1).windowStart).isEqualTo(2 * W);
        assertThat(alerts.get(1).observed).isEqualTo(280);
        // Same condition, same fingerprint: the alerting job keeps one alert.
        assertThat(alerts.get(1).fingerprint).isEqualTo(first.fingerprint);
    }

    @Test
    void anInterruptedBreachThinWindowsAndColdBaselinesDoNotFire() throws Exception {
        assertThat(run(
                        LATENCY,
                        obs("latency_p95", 0, 250, 100, 50),
                        obs("latency_p95", 1, 260, 100, 50),
                        obs("latency_p95", 2, 150, 100, 50),
                        obs("latency_p95", 3, 270, 100, 50),
                        obs("latency_p95", 4, 280, 100, 50)))
                .isEmpty();
        assertThat(run(
                        LATENCY,
                        obs("latency_p95", 0, 250, 100, 5),
                        obs("latency_p95", 1, 260, 100, 5),
                        obs("latency_p95", 2, 270, 100, 5)))
                .as("fewer requests than min-requests")
                .isEmpty();
        Observation cold = obs("latency_p95", 2, 270, 100, 50);
        cold.warm = false;
        assertThat(run(LATENCY, obs("latency_p95", 0, 250, 100, 50), obs("latency_p95", 1, 260, 100, 50), cold))
                .as("warm-up")
                .isEmpty();
        assertThat(run(
                        LATENCY,
                        obs("error_rate", 0, 250, 100, 50),
                        obs("error_rate", 1, 260, 100, 50),
                        obs("error_rate", 2, 270, 100, 50)))
                .as("another metric")
                .isEmpty();
    }

    @Test
    void errorRateAboveTheLimitIgnoresTheBaseline() throws Exception {
        Observation cold = obs("error_rate", 1, 0.2, 0, 100);
        cold.warm = false;
        assertThat(run(ERROR_RATE, obs("error_rate", 0, 0.06, 0.5, 100), cold)).hasSize(1);
        assertThat(run(ERROR_RATE, obs("error_rate", 0, 0.05, 0, 100), obs("error_rate", 1, 0.04, 0, 100)))
                .isEmpty();
    }

    @Test
    void throughputAndConversionDropsFireBelowTheirFraction() throws Exception {
        assertThat(run(THROUGHPUT, obs("requests", 0, 40, 100, 40), obs("requests", 1, 49, 100, 49)))
                .hasSize(1);
        assertThat(run(THROUGHPUT, obs("requests", 0, 40, 100, 40), obs("requests", 1, 50, 100, 50)))
                .isEmpty();
        assertThat(run(KPI, obs("conversion", 0, 0.05, 0.6, 100))).hasSize(1);
        assertThat(run(KPI, obs("conversion", 0, 0.05, 0.6, 10)))
                .as("too few users entered")
                .isEmpty();
        assertThat(run(KPI, obs("conversion", 0, 0.55, 0.6, 100))).isEmpty();
    }

    @Test
    void aSeriesAnomalyFiresForAnyMetricOnOneAnomalousWindow() throws Exception {
        BreachRule rule = SeriesAnomalyPattern.rule(10);
        Observation latency = obs("latency_p95", 1, 900, 120, 50);
        latency.anomaly = true;
        List<Alert> alerts =
                run(rule, obs("latency_p95", 0, 130, 120, 50), latency, obs("latency_p95", 2, 125, 120, 50));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).name).isEqualTo("SeriesAnomaly");
        assertThat(alerts.get(0).observed).isEqualTo(900);
        assertThat(alerts.get(0).annotations.get("summary"))
                .isEqualTo("latency_p95 of search is 900, unusual for this series (its median 120)");
        Observation conversion = obs("conversion", 0, 0.1, 0.4, 100);
        conversion.anomaly = true;
        assertThat(run(rule, conversion)).hasSize(1);
        Observation thin = obs("requests", 0, 2, 100, 2);
        thin.anomaly = true;
        assertThat(run(rule, thin)).as("fewer than the minimum weight").isEmpty();
        assertThat(run(rule, obs("requests", 0, 2, 100, 50)))
                .as("far from the median but not scored anomalous")
                .isEmpty();
    }

    static List<Alert> run(BreachRule rule, Observation... observations) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> h = CepHarness.of(
                ConsecutiveBreachPattern.pattern(rule),
                new ConsecutiveBreachPattern.ToAlert(rule),
                o -> o.series,
                Observation.class)) {
            for (Observation o : observations) h.processElement(new StreamRecord<>(o, o.windowEnd - 1));
            h.processWatermark(new Watermark(Long.MAX_VALUE - 1));
            List<Alert> out = new ArrayList<>();
            for (Object o : h.getOutput())
                if (o instanceof StreamRecord) out.add((Alert) ((StreamRecord<?>) o).getValue());
            return out;
        }
    }

    @Test
    void onlyObservationsThatCanTakePartInAMatchCrossTheShuffleToCep() {
        var latency = new ConsecutiveBreachPattern.Candidate(LATENCY);
        assertThat(latency.filter(obs("latency_p95", 0, 150, 100, 50)))
                .as("not breaching: breaks a run")
                .isTrue();
        assertThat(latency.filter(obs("latency_p95", 0, 250, 100, 5)))
                .as("thin: breaks a run")
                .isTrue();
        assertThat(latency.filter(obs("error_rate", 0, 0.5, 0, 50)))
                .as("another metric's series")
                .isFalse();

        var kpi = new ConsecutiveBreachPattern.Candidate(KPI); // one window: nothing to break
        assertThat(kpi.filter(obs("conversion", 0, 0.1, 0.5, 50))).isTrue();
        assertThat(kpi.filter(obs("conversion", 0, 0.4, 0.5, 50))).isFalse();

        var anomaly = new ConsecutiveBreachPattern.Candidate(SeriesAnomalyPattern.rule(10)); // any metric, one window
        Observation anomalous = obs("requests", 0, 900, 100, 50);
        anomalous.anomaly = true;
        assertThat(anomaly.filter(anomalous)).isTrue();
        assertThat(anomaly.filter(obs("requests", 0, 110, 100, 50))).isFalse();
    }

    static Observation obs(String metric, int window, double value, double baseline, long weight) {
        Observation o = Observation.of(metric, "search", null, window * W, (window + 1) * W, value, weight);
        o.baseline = baseline;
        o.warm = true;
        return o;
    }
}
