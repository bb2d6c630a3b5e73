package dev.vigil.runtime.detection.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeriesBaselineTest {
    static final BaselineSettings SETTINGS = new BaselineSettings(9, 5, 0.5, 3.5, false);

    @Test
    void robustZScoreUsesMedianAndMadOfThePointsBeforeIt() {
        SeriesBaseline b = new SeriesBaseline(SETTINGS);
        BaselineState s = BaselineState.empty(SETTINGS);
        for (double v : new double[] {10, 12, 11, 13, 9}) b.scoreAndLearn(s, 0, v);
        // median 11, |deviations| 1,1,0,2,2 -> MAD 1, scale 1.4826
        Score score = b.scoreAndLearn(s, 0, 20);
        assertThat(score.warm).isTrue();
        assertThat(score.baseline).isEqualTo(11);
        assertThat(score.robustZ).isCloseTo(9 / 1.4826, within(1e-9));
        assertThat(score.anomaly).isTrue();
        double z = Math.max(Math.abs(score.robustZ), Math.abs(score.ewmaZ));
        assertThat(score.score).isCloseTo(z / (z + 3.5), within(1e-12));
        assertThat(b.scoreAndLearn(s, 0, 11.5).anomaly).isFalse();
    }

    @Test
    void ewmaMeanAndVarianceFollowTheDocumentedRecurrence() {
        SeriesBaseline b = new SeriesBaseline(SETTINGS);
        BaselineState s = BaselineState.empty(SETTINGS);
        b.scoreAndLearn(s, 0, 10);
        b.scoreAndLearn(s, 0, 14);
        // diff 4, mean 10 + 0.5*4 = 12, variance (1-0.5)*(0 + 4*2) = 4
        assertThat(s.ewmaMean).isEqualTo(12);
        assertThat(s.ewmaVariance).isEqualTo(4);
        Score score = b.score(s, 0, 16);
        assertThat(score.ewmaZ).isEqualTo(2);
    }

    @Test
    void nothingIsAnAnomalyDuringWarmUpButEveryPointTrains() {
        SeriesBaseline b = new SeriesBaseline(SETTINGS);
        BaselineState s = BaselineState.empty(SETTINGS);
        for (int i = 0; i < 5; i++) {
            Score score = b.scoreAndLearn(s, 0, i == 3 ? 1000 : 10);
            assertThat(score.warm).isFalse();
            assertThat(score.anomaly).isFalse();
            assertThat(score.score).isZero();
        }
        assertThat(s.points).isEqualTo(5);
        assertThat(b.scoreAndLearn(s, 0, 10).warm).isTrue();
    }

    @Test
    void aFlatHistoryMakesAnyChangeAnAnomalyAndTheSameValueNone() {
        SeriesBaseline b = new SeriesBaseline(SETTINGS);
        BaselineState s = BaselineState.empty(SETTINGS);
        for (int i = 0; i < 6; i++) b.scoreAndLearn(s, 0, 42);
        assertThat(b.score(s, 0, 42).anomaly).isFalse();
        assertThat(b.score(s, 0, 42).score).isZero();
        Score off = b.score(s, 0, 43);
        assertThat(off.anomaly).isTrue();
        assertThat(off.score).isGreaterThan(0.99);
    }

    @Test
    void theRingKeepsOnlyTheLastHistoryPoints() {
        SeriesBaseline b = new SeriesBaseline(SETTINGS);
        BaselineState s = BaselineState.empty(SETTINGS);
        for (int i = 0; i < 9; i++) b.scoreAndLearn(s, 0, 1000);
        for (int i = 0; i < 9; i++) b.scoreAndLearn(s, 0, 10);
        assertThat(b.score(s, 0, 10).baseline).isEqualTo(10);
        assertThat(s.filled).isEqualTo(9);
    }

    @Test
    void theSeasonalBaselineComparesWithTheSameHourOfThePreviousWeek() {
        BaselineSettings seasonal = new BaselineSettings(24, 5, 0.1, 3.5, true);
        SeriesBaseline b = new SeriesBaseline(seasonal);
        BaselineState s = BaselineState.empty(seasonal);
        long hour = 3_600_000L;
        long week = 168 * hour;
        // Last week: 10 everywhere except 500 at hour 100 (a weekly batch job).
        for (int h = 0; h < 168; h++) b.scoreAndLearn(s, h * hour, h == 100 ? 500 : 10);
        Score expectedPeak = b.score(s, week + 100 * hour, 500);
        assertThat(expectedPeak.seasonalZ).isEqualTo(0);
        Score usualHour = b.score(s, week + 101 * hour, 500);
        assertThat(usualHour.seasonalZ).isGreaterThan(1000);
        // Without seasonality the weekly peak is an outlier against the recent points.
        assertThat(expectedPeak.robustZ).isGreaterThan(1000);
        // Two weeks later the slot is stale: no seasonal comparison.
        assertThat(Double.isNaN(b.score(s, 3 * week + 100 * hour, 500).seasonalZ)).isTrue();
    }
}
