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

/**
 * Degenerate and ordinary series at 5-minute steps through KNN-CAD at the shipped settings (a week or 750 points
 * of training, so scoring starts after 750 points, 2.6 days); an alarm is a score >= 0.3 (the shipped threshold:
 * beyond every one of the 731 calibration points). Random noise alone is beyond all of them about once in 732
 * points (its shapes are exchangeable), so ordinary series are held to at most one alarm per 1,000 scored points.
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

    /** A daily sine with noise; {@code spikeAt} (if not -1) 40 higher. */
    private static IntToDoubleFunction cycle(Random r, int spikeAt) {
        return i -> (i == spikeAt ? 40 : 0) + 50 + 40 * Math.sin(2 * Math.PI * i / DAY) + r.nextGaussian();
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
        TypeSerializer<KnnCadState> serializer = KnnCadState.serializer();
        IntToDoubleFunction series = cycle(new Random(17), 6 * DAY + 7);
        int size = 0;
        for (int i = 0; i < 8 * DAY; i++) {
            double v = series.applyAsDouble(i);
            double expected = d.scoreAndLearn(kept, i * STEP, v);
            if (restored == null || i % 97 == 0) { // as RocksDB: the state written and read back, its metric gone
                DataOutputSerializer out = new DataOutputSerializer(16_384);
                serializer.serialize(restored == null ? copyOf(kept, serializer) : restored, out);
                size = Math.max(size, out.length());
                restored = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
                if (i == 0) { // start the restored one from the first point's state
                    continue;
                }
            }
            assertThat(d.scoreAndLearn(restored, i * STEP, v)).as("point " + i).isEqualTo(expected);
        }
        assertThat(size).as("bytes as Flink writes the state").isLessThanOrEqualTo(16_896);
    }

    private static KnnCadState copyOf(KnnCadState s, TypeSerializer<KnnCadState> serializer) {
        return serializer.copy(s);
    }

    private static List<Integer> alarms(int points, IntToDoubleFunction series) {
        KnnCadDetector d = detector();
        KnnCadState s = d.newState();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double score = d.scoreAndLearn(s, i * STEP, series.applyAsDouble(i));
            if (i < TRAINING - 1) assertThat(score).as("while training").isZero();
            if (score >= THRESHOLD) out.add(i);
        }
        return out;
    }
}
