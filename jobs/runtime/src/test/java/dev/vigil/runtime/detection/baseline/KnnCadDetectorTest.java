package dev.vigil.runtime.detection.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Degenerate and ordinary series at 5-minute steps through KNN-CAD at the shipped settings (a week or 750 points
 * of training, so scoring starts after 750 points, 2.6 days); an alarm is a score >= 0.3 (the shipped threshold:
 * beyond every one of the 731 calibration points, at both lengths). Random noise alone is beyond all of them about once
 * in 732 points at one length (its shapes are exchangeable), about once in 1,700 at both, so ordinary series are held
 * to at most one alarm per 1,000 scored points.
 */
class KnnCadDetectorTest {
    static final double THRESHOLD = 0.3;
    static final long STEP = 300_000L;
    static final int DAY = 288;
    static final int TRAINING = 750;
    /** One per 1,000 of the 8 days' 1,554 scored points. */
    static final int NOISE_ALARMS = 2;

    static KnnCadDetector detector() {
        return new KnnCadDetector(19, 27, TRAINING, 7 * 86_400_000L, THRESHOLD);
    }

    @Test
    void aConstantSeriesAndAllZerosNeverAlarm() {
        assertThat(alarms(8 * DAY, i -> 42.0)).isEmpty();
        assertThat(alarms(8 * DAY, i -> 0.0)).isEmpty();
    }

    @Test
    void aMostlyZeroCountSeriesAndAQuantisedOneDoNotAlarmOnTheirOrdinaryValues() {
        Random r = new Random(3);
        assertThat(alarms(8 * DAY, i -> r.nextInt(50) == 0 ? 1 : 0)).hasSizeLessThanOrEqualTo(NOISE_ALARMS);
        Random q = new Random(5);
        assertThat(alarms(8 * DAY, i -> 0.134 + 0.002 * q.nextInt(2))).hasSizeLessThanOrEqualTo(NOISE_ALARMS);
    }

    @Test
    void aLevelShiftIsOneAlarmThenTheNewNormal() {
        Random r = new Random(7);
        int shift = 4 * DAY;
        List<Integer> a = alarms(8 * DAY, i -> (i < shift ? 10 : 30) + r.nextGaussian());
        List<Integer> after = a.stream().filter(i -> i >= shift).toList();
        assertThat(after).as("alarms from the shift on").hasSize(1);
        assertThat(after.get(0)).isBetween(shift, shift + 2);
        assertThat(a).hasSizeLessThanOrEqualTo(NOISE_ALARMS);
    }

    /**
     * Noise beyond every calibration item at one length (about once in 732 points: its shapes are exchangeable) is
     * seldom so at the other, which shares only its last 10 values: counted without the silence after an alarm, 40,000
     * points of noise are beyond both about 0.4 times as often.
     */
    @Test
    void noiseIsBeyondEveryCalibrationItemAtBothLengthsLessThanHalfAsOftenAsAtOne() {
        KnnCadDetector twoLengths = new KnnCadDetector(19, 27, TRAINING, 7 * 86_400_000L, 2.0); // never silent
        KnnCadState s = twoLengths.newState();
        Random r = new Random(23);
        int scored = 0;
        int beyond = 0;
        for (int i = 0; i < 40_000; i++) {
            double score = twoLengths.scoreAndLearn(s, i * STEP, r.nextGaussian());
            if (i < 2 * TRAINING) continue; // calibrated from the second training length on
            scored++;
            if (score >= THRESHOLD) beyond++;
        }
        assertThat(scored).isEqualTo(38_500);
        assertThat(beyond).as("one length alone: about 53").isBetween(1, scored / 1_300);
    }

    /**
     * An alarm silences the next 150 points (a fifth of the training set, as NAB's KNN-CAD: without it that detector
     * scores 10.5 instead of 60.9), so the spike is placed beyond the noise alarm's silence.
     */
    @Test
    void aCleanDailyCycleDoesNotAlarmButASpikeInItDoes() {
        IntToDoubleFunction cycle = cycle(new Random(11), -1);
        List<Integer> quiet = alarms(8 * DAY, cycle);
        assertThat(quiet).hasSizeLessThanOrEqualTo(NOISE_ALARMS);
        int spikeAt = 6 * DAY + 100;
        List<Integer> spiked = alarms(8 * DAY, cycle(new Random(11), spikeAt));
        assertThat(spiked).contains(spikeAt);
        assertThat(spiked).hasSizeLessThanOrEqualTo(quiet.size() + 1);
    }

    /**
     * A value beyond the float range (a producer's 1e300) is kept at the range's edge: it alarms, and the series scores
     * on exactly as with {@code Float.MAX_VALUE} in its place. Kept as it came, it became an infinity in the state, and
     * the series scored nothing until it had left the window 2,800 points later.
     */
    @Test
    void aValueBeyondTheFloatRangeIsKeptAtItsEdge() {
        KnnCadDetector d = detector();
        KnnCadState s = d.newState();
        KnnCadState edge = d.newState();
        IntToDoubleFunction series = cycle(new Random(11), -1);
        int absurdAt = 4 * DAY;
        for (int i = 0; i < 8 * DAY; i++) {
            double v = series.applyAsDouble(i);
            double score = d.scoreAndLearn(s, i * STEP, i == absurdAt ? 1e300 : v);
            assertThat(score)
                    .as("at " + i)
                    .isEqualTo(d.scoreAndLearn(edge, i * STEP, i == absurdAt ? Float.MAX_VALUE : v));
            if (i == absurdAt) assertThat(score).isGreaterThanOrEqualTo(THRESHOLD);
        }
        for (float[] kept : List.of(s.values, s.lags, s.daily))
            for (float v : kept) assertThat(Float.isInfinite(v)).isFalse();
    }

    /** A daily sine with noise; {@code spikeAt} (if not -1) 40 higher. */
    private static IntToDoubleFunction cycle(Random r, int spikeAt) {
        return i -> (i == spikeAt ? 40 : 0) + 50 + 40 * Math.sin(2 * Math.PI * i / DAY) + r.nextGaussian();
    }

    /**
     * A quiet series with a two-hour plateau every afternoon; one day the plateau does not come. Each 19-point shape of
     * that afternoon is an ordinary quiet stretch, so only the day-before value tells it apart: with daily context it
     * alarms within the missing plateau, without (the same series, the state's daily context removed) it does not.
     */
    @Test
    void aDailyPlateauThatDoesNotComeAlarmsThroughTheDailyContext() {
        int missingDay = 6;
        IntToDoubleFunction series = plateaus(new Random(19), missingDay);
        int from = missingDay * DAY + 12 * 12;
        int to = from + 2 * 12;

        List<Integer> withContext = alarms(8 * DAY, series, true);
        assertThat(withContext).filteredOn(i -> i >= from && i < to).hasSize(1);
        // the plateau's edges make rarer shapes than plain noise: at most one alarm per 500 scored points besides
        assertThat(withContext).filteredOn(i -> i < from || i >= to).hasSizeLessThanOrEqualTo(3);

        List<Integer> without = alarms(8 * DAY, plateaus(new Random(19), missingDay), false);
        assertThat(without).filteredOn(i -> i >= from && i < to).isEmpty();
    }

    /** 10 with noise, 40 from 12:00 to 14:00 every day but {@code missingDay}. */
    private static IntToDoubleFunction plateaus(Random r, int missingDay) {
        return i -> {
            int minuteOfDay = (i % DAY) * 5;
            boolean plateau = minuteOfDay >= 12 * 60 && minuteOfDay < 14 * 60 && i / DAY != missingDay;
            return (plateau ? 40 : 10) + r.nextGaussian();
        };
    }

    @Test
    void aTrainingSetWithinOneDayHasNoDailyContext() {
        KnnCadDetector d = detector();
        KnnCadState minutes = d.newState();
        Random r = new Random(23);
        for (int i = 0; i < 800; i++) d.scoreAndLearn(minutes, i * 60_000L, r.nextGaussian());
        assertThat(minutes.probation).as("750 one-minute points: 12.5 hours").isEqualTo(TRAINING);
        assertThat(minutes.lags).isNull();
        assertThat(minutes.daily).isNull();

        KnnCadState fiveMinutes = d.newState();
        for (int i = 0; i < 800; i++) d.scoreAndLearn(fiveMinutes, i * STEP, r.nextGaussian());
        assertThat(fiveMinutes.lags).as("750 five-minute points: 2.6 days").hasSize(2 * TRAINING);
        assertThat(fiveMinutes.daily).hasSize(KnnCadDetector.DAY_SLOTS);
        assertThat(fiveMinutes.lags[(int) ((DAY + 5) % (2 * TRAINING))])
                .as("a point's day-before value is that of the point one day earlier")
                .isEqualTo(fiveMinutes.values[5]);
    }

    /**
     * Spikes only: a dip is learnt but scores 0 and starts no refractory period, so a spike 20 points later is still
     * an alarm; counting both, the dip alarms and its refractory period hides the spike.
     */
    @Test
    void aDeviationThatDoesNotCountNeitherAlarmsNorSilencesTheNextOne() {
        int dip = 6 * DAY;
        int spike = dip + 20;
        IntToDoubleFunction series = noiseWith(new Random(29), dip, spike);
        KnnCadDetector d = detector();
        KnnCadState spikesOnly = d.newState();
        KnnCadState both = d.newState();
        List<Integer> spikesOnlyAlarms = new ArrayList<>();
        List<Integer> bothAlarms = new ArrayList<>();
        for (int i = 0; i < 7 * DAY; i++) {
            double v = series.applyAsDouble(i);
            if (d.scoreAndLearn(spikesOnly, i * STEP, v, v > 10) >= THRESHOLD) spikesOnlyAlarms.add(i);
            if (d.scoreAndLearn(both, i * STEP, v, true) >= THRESHOLD) bothAlarms.add(i);
        }
        assertThat(spikesOnlyAlarms).contains(spike).doesNotContain(dip);
        assertThat(bothAlarms).contains(dip).doesNotContain(spike);
    }

    /** 10 with noise, 30 lower at {@code dip} and 30 higher at {@code spike}. */
    private static IntToDoubleFunction noiseWith(Random r, int dip, int spike) {
        return i -> 10 + (i == dip ? -30 : i == spike ? 30 : 0) + r.nextGaussian();
    }

    @Test
    void theTrainingSetIsTheFirstWeekOfAnHourlySeries() {
        KnnCadDetector d = detector();
        KnnCadState s = d.newState();
        Random r = new Random(13);
        long hour = 3_600_000L;
        for (int i = 0; i < 200; i++) d.scoreAndLearn(s, i * hour, r.nextGaussian());
        assertThat(s.probation)
                .as("points of the first 168 hours, the 169th included")
                .isEqualTo(169);
        assertThat(s.values).hasSize(2 * 169);
        assertThat(s.scores).hasSize(169 - 19);
    }

    @Test
    void aStateWrittenAndReadBackScoresTheRestExactlyAsOneThatStayedInMemory() throws Exception {
        KnnCadDetector d = detector();
        KnnCadState kept = d.newState();
        KnnCadState restored = null;
        TypeSerializer<KnnCadState> serializer = new KnnCadStateSerializer();
        IntToDoubleFunction series = cycle(new Random(17), 6 * DAY + 7);
        int size = 0;
        for (int i = 0; i < 8 * DAY; i++) {
            double v = series.applyAsDouble(i);
            double expected = d.scoreAndLearn(kept, i * STEP, v);
            if (restored == null || i % 97 == 0) { // as RocksDB: the state written and read back, its metric gone
                DataOutputSerializer out = new DataOutputSerializer(24_576);
                serializer.serialize(restored == null ? copyOf(kept, serializer) : restored, out);
                size = Math.max(size, out.length());
                restored = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
                if (i == 0) { // start the restored one from the first point's state
                    continue;
                }
            }
            assertThat(d.scoreAndLearn(restored, i * STEP, v)).as("point " + i).isEqualTo(expected);
        }
        // 1,500 values and their day-before values, the 288-slot daily profile, 731 scores (floats); 20 x 21 / 2 + 731
        // doubles; the half shape's 740 scores (floats), 11 x 12 / 2 + 740 doubles
        assertThat(size).as("bytes as Flink writes the state").isEqualTo(23_656 + 9_425);
    }

    /**
     * The non-conformity is the sum of the 27 smallest distances, smallest first, whether they lie within the bound
     * taken from every 8th distance (most points) or not (then it picks among all): the same bits as sorting them all.
     */
    @Test
    void theNonConformityIsTheSumOfTheSmallestDistancesWhereverTheyLie() {
        KnnCadDetector d = detector();
        int n = 731;
        Random r = new Random(23);
        List<double[]> cases = new ArrayList<>();
        cases.add(r.doubles(n).map(v -> 100 * v).toArray()); // spread: within the sampled bound
        // the sampled ones are the smallest: fewer than 27 within their bound, picked among all
        cases.add(IntStream.range(0, n)
                .mapToDouble(b -> b % 8 == 0 ? b : 1000 + b)
                .toArray());
        // the nearest shapes in one run, as those of the same hour yesterday
        cases.add(IntStream.range(0, n)
                .mapToDouble(b -> b > 300 && b < 340 ? r.nextDouble() : 50 + r.nextDouble())
                .toArray());
        cases.add(IntStream.range(0, n).mapToDouble(b -> 5.0).toArray()); // a flat series: all ties
        double[] descending =
                IntStream.range(0, n).mapToDouble(b -> n - b + r.nextGaussian()).toArray();
        descending[400] = Double.POSITIVE_INFINITY; // the shape itself, in the first calibration
        cases.add(descending);
        for (double[] distances : cases) {
            double[] sorted = distances.clone();
            Arrays.sort(sorted);
            double expected = 0;
            for (int i = 0; i < 27; i++) expected += sorted[i];
            assertThat(d.sumOfSmallest(distances.clone(), n)).isEqualTo(expected);
        }
    }

    private static KnnCadState copyOf(KnnCadState s, TypeSerializer<KnnCadState> serializer) {
        return serializer.copy(s);
    }

    private static List<Integer> alarms(int points, IntToDoubleFunction series) {
        return alarms(points, series, true);
    }

    /** Without daily context, as a state written before it existed (no lags, no profile). */
    private static List<Integer> alarms(int points, IntToDoubleFunction series, boolean dailyContext) {
        KnnCadDetector d = detector();
        KnnCadState s = d.newState();
        if (!dailyContext) {
            s.lags = null;
            s.daily = null;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double score = d.scoreAndLearn(s, i * STEP, series.applyAsDouble(i));
            if (i < TRAINING - 1) assertThat(score).as("while training").isZero();
            if (score >= THRESHOLD) out.add(i);
        }
        return out;
    }
}
