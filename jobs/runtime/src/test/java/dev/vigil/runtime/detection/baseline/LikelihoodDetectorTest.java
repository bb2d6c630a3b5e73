package dev.vigil.runtime.detection.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Degenerate and ordinary series at 5-minute steps; an alarm is a score >= 0.3 (the shipped threshold). */
class LikelihoodDetectorTest {
    static final double THRESHOLD = 0.3;
    static final long STEP = 300_000L;
    static final int DAY = 288;

    @Test
    void aConstantSeriesAndAllZerosNeverAlarm() {
        assertThat(alarms(5 * DAY, i -> 42.0)).isEmpty();
        assertThat(alarms(5 * DAY, i -> 0.0)).isEmpty();
    }

    @Test
    void aMostlyZeroCountSeriesDoesNotAlarmOnItsOrdinaryOnes() {
        Random r = new Random(3);
        List<Integer> a = alarms(5 * DAY, i -> r.nextInt(50) == 0 ? 1 : 0);
        assertThat(a).as("occasional 1s in a series of 0s").isEmpty();
    }

    @Test
    void aQuantisedSeriesDoesNotAlarmOnOneQuantum() {
        Random r = new Random(5);
        assertThat(alarms(5 * DAY, i -> 0.134 + 0.002 * r.nextInt(2))).isEmpty();
    }

    @Test
    void aLevelShiftIsOneIncidentThenTheNewNormal() {
        Random r = new Random(7);
        List<Integer> a = alarms(6 * DAY, i -> (i < 3 * DAY ? 10 : 30) + r.nextGaussian());
        assertThat(incidents(a)).as("alarms at " + a).isEqualTo(1);
        assertThat(a.get(0)).isBetween(3 * DAY, 3 * DAY + 5);
        assertThat(a.get(a.size() - 1)).as("normal again well before the end").isLessThan(4 * DAY);
    }

    @Test
    void aCleanDailyCycleDoesNotAlarmAfterTwoDaysButASpikeInItDoes() {
        Random r = new Random(11);
        IntToDoubleFunction cycle = i -> 50 + 40 * Math.sin(2 * Math.PI * i / DAY) + r.nextGaussian();
        List<Integer> quiet = alarms(7 * DAY, cycle);
        assertThat(quiet.stream().filter(i -> i >= 2 * DAY).toList())
                .as("after two days")
                .isEmpty();
        Random r2 = new Random(11);
        int spikeAt = 5 * DAY + 100;
        List<Integer> spiked = alarms(
                7 * DAY, i -> (i == spikeAt ? 40 : 0) + 50 + 40 * Math.sin(2 * Math.PI * i / DAY) + r2.nextGaussian());
        assertThat(spiked).contains(spikeAt);
    }

    @Test
    void theScoreUsesOnlyEarlierPointsAndTheStateHasAFixedSize() {
        LikelihoodDetector d = new LikelihoodDetector(200, 300, 1.0 / 300, LikelihoodDetector.Direction.BOTH);
        LikelihoodState a = d.newState();
        LikelihoodState b = d.newState();
        Random r = new Random(1);
        double[] values = new double[2000];
        for (int i = 0; i < values.length; i++) values[i] = r.nextGaussian();
        for (int i = 0; i < 1000; i++) d.scoreAndLearn(a, i * STEP, values[i]);
        for (int i = 0; i < 1000; i++) d.scoreAndLearn(b, i * STEP, values[i]);
        // the 1000th point's score is the same whatever follows it
        assertThat(d.scoreAndLearn(a, 1000 * STEP, 5.0)).isEqualTo(d.scoreAndLearn(b, 1000 * STEP, 5.0));
        assertThat(a.sorted).hasSize(200);
        assertThat(a.ring).isNull();
        assertThat(a.histogram).hasSize(LikelihoodDetector.BINS);
    }

    @Test
    void directionLimitsWhatCounts() {
        Random r = new Random(13);
        LikelihoodDetector up = new LikelihoodDetector(200, 300, 1.0 / 300, LikelihoodDetector.Direction.UP);
        LikelihoodState s = up.newState();
        double dip = 0;
        for (int i = 0; i < 3 * DAY; i++) {
            double score = up.scoreAndLearn(s, i * STEP, i == 2 * DAY ? -50 : r.nextGaussian());
            if (i == 2 * DAY) dip = score;
        }
        assertThat(dip).as("a dip, when only spikes count").isLessThan(THRESHOLD);
    }

    private static List<Integer> alarms(int points, IntToDoubleFunction series) {
        LikelihoodDetector d = new LikelihoodDetector(200, 300, 1.0 / 300, LikelihoodDetector.Direction.BOTH);
        LikelihoodState s = d.newState();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            if (d.scoreAndLearn(s, i * STEP, series.applyAsDouble(i)) >= THRESHOLD) out.add(i);
        }
        return out;
    }

    /** Runs of alarms no more than an hour apart. */
    private static int incidents(List<Integer> alarms) {
        int n = 0;
        int last = -1_000_000;
        for (int i : alarms) {
            if (i - last > 12) n++;
            last = i;
        }
        return n;
    }

    @Test
    void medianAndMadReadOffTheOrderAgreeWithSortingTheDistances() {
        Random r = new Random(17);
        for (int round = 0; round < 2000; round++) {
            int n = 1 + r.nextInt(60);
            double[] sorted = new double[n];
            for (int i = 0; i < n; i++)
                sorted[i] = r.nextInt(4) == 0 ? r.nextInt(5) : r.nextGaussian(); // ties included
            java.util.Arrays.sort(sorted);
            double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            double[] distances = new double[n];
            for (int i = 0; i < n; i++) distances[i] = Math.abs(sorted[i] - median);
            java.util.Arrays.sort(distances);
            double mad = n % 2 == 1 ? distances[n / 2] : 0.5 * (distances[n / 2 - 1] + distances[n / 2]);
            assertThat(LikelihoodDetector.median(sorted, n)).isEqualTo(median);
            assertThat(LikelihoodDetector.medianDistance(sorted, n, median))
                    .as("n=%d", n)
                    .isEqualTo(mad);
        }
    }

    @Test
    void theRecentValuesStaySortedAndHoldExactlyTheLastHistoryPoints() {
        LikelihoodDetector d = new LikelihoodDetector(50, 10, 1.0 / 300, LikelihoodDetector.Direction.BOTH);
        LikelihoodState s = d.newState();
        Random r = new Random(3);
        double[] values = new double[70_000]; // past 2^16 points: arrival numbers wrap
        for (int i = 0; i < values.length; i++) values[i] = r.nextInt(3) == 0 ? r.nextInt(4) : r.nextGaussian();
        for (int i = 0; i < values.length; i++) {
            d.scoreAndLearn(s, i * STEP, values[i]);
            int from = Math.max(0, i - 49);
            double[] expected = java.util.Arrays.copyOfRange(values, from, i + 1);
            java.util.Arrays.sort(expected);
            if (i % 997 == 0 || i > values.length - 60) {
                assertThat(java.util.Arrays.copyOf(s.sorted, s.filled))
                        .as("after point %d", i)
                        .containsExactly(expected);
            }
        }
    }

    @Test
    void stateWrittenBeforeTheSortedValuesIsUpgradedWithTheSameScores() {
        LikelihoodDetector d = new LikelihoodDetector(20, 5, 1.0 / 300, LikelihoodDetector.Direction.BOTH);
        Random r = new Random(5);
        double[] values = new double[300];
        for (int i = 0; i < values.length; i++) values[i] = r.nextGaussian();
        LikelihoodState current = d.newState();
        for (int i = 0; i < 250; i++) d.scoreAndLearn(current, i * STEP, values[i]);
        // the same state as the old layout held it: the last 20 values in arrival order, next = the oldest's slot
        LikelihoodState old = copy(current);
        old.ring = new double[20];
        old.next = 250 % 20;
        for (int i = 230; i < 250; i++) old.ring[i % 20] = values[i];
        old.sorted = null;
        old.arrivals = null;
        for (int i = 250; i < 300; i++) {
            assertThat(d.scoreAndLearn(old, i * STEP, values[i]))
                    .isEqualTo(d.scoreAndLearn(current, i * STEP, values[i]));
        }
        assertThat(old.ring).isNull();
        assertThat(old.sorted).containsExactly(current.sorted);
    }

    private static LikelihoodState copy(LikelihoodState s) {
        LikelihoodState c = new LikelihoodState();
        c.filled = s.filled;
        c.points = s.points;
        c.last = s.last;
        c.meanAbsStep = s.meanAbsStep;
        c.quantum = s.quantum;
        c.slotMean = s.slotMean.clone();
        c.slotAbsDev = s.slotAbsDev.clone();
        c.slotDays = s.slotDays.clone();
        c.slotDay = s.slotDay.clone();
        c.recentError = s.recentError;
        c.seasonalError = s.seasonalError;
        c.histogram = s.histogram.clone();
        c.histogramWeight = s.histogramWeight;
        return c;
    }
}
