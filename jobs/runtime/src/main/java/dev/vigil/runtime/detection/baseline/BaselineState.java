package dev.vigil.runtime.detection.baseline;

/**
 * What a series remembers to judge its next point: the last points in a ring (for median and MAD),
 * EWMA mean and variance, and optionally one value per hour of the week. A Flink POJO, kept as
 * keyed state with a TTL.
 */
public class BaselineState {
    /** Hours in a week: the seasonal slots. */
    public static final int WEEK_HOURS = 7 * 24;

    public double[] ring;
    /** Points in the ring (at most its length). */
    public int filled;
    /** Where the next point goes in the ring. */
    public int next;
    /** Points seen in total. */
    public long points;
    public double ewmaMean;
    public double ewmaVariance;
    /** Mean of the points of each hour of the week, the latest week weighted most; NaN where none yet. */
    public double[] seasonal;
    /** The epoch hour each seasonal slot was last written in, so "last week" is known to be last week. */
    public long[] seasonalHour;

    public BaselineState() {}

    public static BaselineState empty(BaselineSettings settings) {
        BaselineState s = new BaselineState();
        s.ring = new double[settings.history];
        if (settings.seasonal) {
            s.seasonal = new double[WEEK_HOURS];
            s.seasonalHour = new long[WEEK_HOURS];
            java.util.Arrays.fill(s.seasonal, Double.NaN);
        }
        return s;
    }
}
