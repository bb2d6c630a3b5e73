package dev.vigil.runtime.detection.baseline;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * What {@link LikelihoodDetector} remembers of one series, in fixed size: the recent values, the
 * typical step and quantum, hour-of-day and hour-of-week profiles, the errors of the predictions and
 * the long-run histogram of raw scores. With a 200-point history: 200 × 6 + 24 × 28 + 168 × 9 + 64 × 8
 * + ~100 bytes, about 4 KB serialised (a Flink POJO; fields added since are null in older state and
 * filled on first use).
 */
public class LikelihoodState {
    /**
     * The recent values in ascending order (the first {@code filled}), so the median is read, not selected. Floats:
     * seven significant digits say how far a point is from its neighbours, and leave room for the weekly profile.
     */
    public float[] recent;
    /** Per value in {@code recent}: the point number it arrived as (mod 2^16), to evict the oldest. */
    public short[] arrivals;

    public int filled;
    /** State written before {@code recent} holds the recent values sorted as doubles here. */
    public double[] sorted;
    /** State written before {@code sorted} existed holds the recent values in arrival order here, {@link #next} the oldest's slot. */
    public double[] ring;

    public int next;
    public long points;
    public double last;
    /** Event time of the last point. */
    public long lastTimestamp;
    /** EWMA of |x(t) - x(t-1)|: the series' ordinary movement. */
    public double meanAbsStep;
    /** Smallest non-zero change seen: the resolution of a quantised series. */
    public double quantum;
    /** Per hour of the day (UTC): EWMA of the value and of its absolute deviation, days seen, the last day. */
    public double[] slotMean;

    public double[] slotAbsDev;
    public int[] slotDays;
    public long[] slotDay;
    /**
     * Per hour of the week (UTC, 168 slots): EWMA of the value and of its absolute deviation (floats), weeks seen
     * (a slot's points arrive within one hour a week, so a point in another slot or an hour later starts a visit).
     */
    public float[] weekMean;

    public float[] weekAbsDev;
    public byte[] weekSeen;
    /** EWMA of the absolute error of the predictions: the recent median, the same hour of earlier days, of earlier weeks. */
    public double recentError;

    public double seasonalError;
    public double weeklyError = Double.NaN;
    /**
     * The same errors of the daily and the weekly prediction over about a week of event time, which is what tells a
     * weekly cycle from a daily one (a weekend is one day in seven); NaN until the prediction is first made.
     */
    public double dailyWeekError = Double.NaN;

    public double weeklyWeekError = Double.NaN;
    /** Exponentially decaying histogram of raw scores, and its total weight. */
    public double[] histogram;

    public double histogramWeight;

    public LikelihoodState() {}

    /** How Flink writes this state: its POJO serializer (generic types disabled, as in every job). */
    public static TypeSerializer<LikelihoodState> serializer() {
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        return TypeInformation.of(LikelihoodState.class).createSerializer(config);
    }

    static LikelihoodState empty(int history, int bins) {
        LikelihoodState s = new LikelihoodState();
        s.recent = new float[history];
        s.arrivals = new short[history];
        s.slotMean = new double[24];
        s.slotAbsDev = new double[24];
        s.slotDays = new int[24];
        s.slotDay = new long[24];
        java.util.Arrays.fill(s.slotDay, Long.MIN_VALUE);
        s.addWeekProfile();
        s.histogram = new double[bins];
        return s;
    }

    void addWeekProfile() {
        weekMean = new float[LikelihoodDetector.WEEK_SLOTS];
        weekAbsDev = new float[LikelihoodDetector.WEEK_SLOTS];
        weekSeen = new byte[LikelihoodDetector.WEEK_SLOTS];
    }
}
