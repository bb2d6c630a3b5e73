package dev.vigil.runtime.detection.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
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

    /**
     * One absurd value (a producer's garbage, far beyond float range or merely a million times the series) alarms, and
     * two days later a spike of 40 in the same daily cycle still does: the profiles learnt the value only as far as the
     * score reads it. Learnt as it came, it held the hour-of-day means, errors and step scale away for months, and the
     * spike scored 0.
     */
    @Test
    void oneAbsurdValueDoesNotBlindTheSeries() {
        for (double absurd : new double[] {1e300, 1e6}) {
            Random r = new Random(11);
            int absurdAt = 3 * DAY + 40;
            int spikeAt = 5 * DAY + 100;
            List<Integer> a = alarms(7 * DAY, i -> {
                double v = (i == spikeAt ? 40 : 0) + 50 + 40 * Math.sin(2 * Math.PI * i / DAY) + r.nextGaussian();
                return i == absurdAt ? absurd : v;
            });
            assertThat(a).as("alarms with %s at %d", absurd, absurdAt).contains(absurdAt, spikeAt);
        }
    }

    /**
     * Weekdays with a daily cycle, weekends at a third of it: the drop into the weekend and the return alarm while
     * the detector knows days only, and not once two earlier weeks hold the same hours; a spike on a later weekday
     * is found. (Noise alone alarms about once in a thousand points at this threshold, so single alarms away from
     * the weekend's edges are not counted.)
     */
    @Test
    void aWeeklyCycleIsLearntAfterTwoWeeksButASpikeInItStillAlarms() {
        int week = 7 * DAY;
        List<Integer> atEdges = alarms(6 * week, weeklyCycle(new Random(19), -1)).stream()
                .filter(i -> (i / DAY) % 7 == 2 || (i / DAY) % 7 == 4) // the weekend's first day and the day after it
                .filter(i -> i % DAY < 24) // in the first two hours of the day
                .toList();
        assertThat(atEdges.stream().filter(i -> i < 3 * week).toList())
                .as("weekend edges in weeks 1 to 3")
                .isNotEmpty();
        assertThat(atEdges.stream().filter(i -> i >= 3 * week).toList())
                .as("weekend edges in weeks 4 to 6, after two earlier weeks")
                .isEmpty();
        int spikeAt = 4 * week + 5 * DAY + 100;
        assertThat(alarms(6 * week, weeklyCycle(new Random(19), spikeAt))).contains(spikeAt);
    }

    /** 5-minute points from a Thursday (the epoch's weekday): days 2 and 3 of each week are the weekend. */
    private static IntToDoubleFunction weeklyCycle(Random r, int spikeAt) {
        return i -> {
            int dayOfWeek = (i / DAY) % 7;
            double level = dayOfWeek == 2 || dayOfWeek == 3 ? 0.3 : 1.0;
            return (i == spikeAt ? 60 : 0) + level * (60 + 40 * Math.sin(2 * Math.PI * i / DAY)) + r.nextGaussian();
        };
    }

    @Test
    void theStateOfOneSeriesTakesAtMostFourKilobytesAsFlinkWritesIt() throws Exception {
        LikelihoodDetector d = new LikelihoodDetector(200, 300, 1.0 / 300, LikelihoodDetector.Direction.BOTH);
        LikelihoodState s = d.newState();
        IntToDoubleFunction weekly = weeklyCycle(new Random(23), -1);
        for (int i = 0; i < 3 * 7 * DAY; i++) d.scoreAndLearn(s, i * STEP, weekly.applyAsDouble(i));
        TypeSerializer<LikelihoodState> serializer = LikelihoodState.serializer();
        DataOutputSerializer out = new DataOutputSerializer(8192);
        serializer.serialize(s, out);
        assertThat(out.length()).isLessThanOrEqualTo(4096);
        LikelihoodState back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.weekMean).containsExactly(s.weekMean);
        assertThat(back.recent).containsExactly(s.recent);
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
        assertThat(a.recent).hasSize(200);
        assertThat(a.sorted).isNull();
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
            float[] sorted = new float[n];
            for (int i = 0; i < n; i++)
                sorted[i] = r.nextInt(4) == 0 ? r.nextInt(5) : (float) r.nextGaussian(); // ties included
            java.util.Arrays.sort(sorted);
            double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * ((double) sorted[n / 2 - 1] + sorted[n / 2]);
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
            float[] expected = new float[i + 1 - from];
            for (int k = from; k <= i; k++) expected[k - from] = (float) values[k];
            java.util.Arrays.sort(expected);
            if (i % 997 == 0 || i > values.length - 60) {
                assertThat(java.util.Arrays.copyOf(s.recent, s.filled))
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
        old.recent = null;
        old.arrivals = null;
        for (int i = 250; i < 300; i++) {
            assertThat(d.scoreAndLearn(old, i * STEP, values[i]))
                    .isEqualTo(d.scoreAndLearn(current, i * STEP, values[i]));
        }
        assertThat(old.ring).isNull();
        assertThat(old.recent).containsExactly(current.recent);
    }

    @Test
    void stateWrittenWithSortedDoublesAndNoWeekProfileIsUpgradedWithTheSameScores() {
        LikelihoodDetector d = new LikelihoodDetector(20, 5, 1.0 / 300, LikelihoodDetector.Direction.BOTH);
        Random r = new Random(6);
        LikelihoodState current = d.newState();
        for (int i = 0; i < 250; i++) d.scoreAndLearn(current, i * STEP, r.nextGaussian());
        // the previous layout: the recent values as sorted doubles, no weekly profile (its errors NaN, as Flink
        // restores a field the state did not have: from the constructor)
        LikelihoodState old = copy(current);
        old.sorted = new double[20];
        for (int i = 0; i < current.filled; i++) old.sorted[i] = current.recent[i];
        old.arrivals = current.arrivals.clone();
        old.recent = null;
        old.weekMean = null;
        old.weekAbsDev = null;
        old.weekSeen = null;
        LikelihoodState fresh = copy(current); // what the weekly profile knows after 250 points: one visit per slot
        fresh.recent = current.recent.clone();
        fresh.arrivals = current.arrivals.clone();
        fresh.weekMean = current.weekMean.clone();
        fresh.weekAbsDev = current.weekAbsDev.clone();
        fresh.weekSeen = current.weekSeen.clone();
        for (int i = 250; i < 400; i++) {
            double v = r.nextGaussian();
            // less than two earlier weeks: the weekly profile does not take part yet, in either
            assertThat(d.scoreAndLearn(old, i * STEP, v)).isEqualTo(d.scoreAndLearn(fresh, i * STEP, v));
        }
        assertThat(old.sorted).isNull();
        assertThat(old.recent).containsExactly(fresh.recent);
        assertThat(old.weekMean).hasSize(LikelihoodDetector.WEEK_SLOTS);
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
        c.lastTimestamp = s.lastTimestamp;
        return c;
    }
}
