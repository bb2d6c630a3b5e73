package dev.vigil.runtime.detection.baseline;

/**
 * What {@link LikelihoodDetector} remembers of one series, in fixed size: the recent values, the
 * typical step and quantum, an hour-of-day profile, the errors of the two predictions and the
 * long-run histogram of raw scores. With a 200-point history: 200 × 10 + 24 × 28 + 64 × 8 + ~80
 * bytes, about 3.3 KB serialised (a Flink POJO).
 */
public class LikelihoodState {
    /** The recent values in ascending order (the first {@code filled}), so the median is read, not selected. */
    public double[] sorted;
    /** Per value in {@code sorted}: the point number it arrived as (mod 2^16), to evict the oldest. */
    public short[] arrivals;

    public int filled;
    /** State written before {@code sorted} existed holds the recent values in arrival order here, {@link #next} the oldest's slot. */
    public double[] ring;

    public int next;
    public long points;
    public double last;
    /** EWMA of |x(t) - x(t-1)|: the series' ordinary movement. */
    public double meanAbsStep;
    /** Smallest non-zero change seen: the resolution of a quantised series. */
    public double quantum;
    /** Per hour of the day (UTC): EWMA of the value and of its absolute deviation, days seen, the last day. */
    public double[] slotMean;

    public double[] slotAbsDev;
    public int[] slotDays;
    public long[] slotDay;
    /** EWMA of the absolute error of the two predictions: the recent median and the same hour of earlier days. */
    public double recentError;

    public double seasonalError;
    /** Exponentially decaying histogram of raw scores, and its total weight. */
    public double[] histogram;

    public double histogramWeight;

    public LikelihoodState() {}

    static LikelihoodState empty(int history, int bins) {
        LikelihoodState s = new LikelihoodState();
        s.sorted = new double[history];
        s.arrivals = new short[history];
        s.slotMean = new double[24];
        s.slotAbsDev = new double[24];
        s.slotDays = new int[24];
        s.slotDay = new long[24];
        java.util.Arrays.fill(s.slotDay, Long.MIN_VALUE);
        s.histogram = new double[bins];
        return s;
    }
}
