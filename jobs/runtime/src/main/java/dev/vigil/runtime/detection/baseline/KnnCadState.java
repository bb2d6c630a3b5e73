package dev.vigil.runtime.detection.baseline;

import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What {@link KnnCadDetector} remembers of one series: the last values (training, then twice the training
 * length once scoring: the training and calibration windows overlap into one run of values), the calibration
 * scores, the metric's factor, each training shape's norm in that metric, the refractory countdown and, with daily
 * context, each value's day-before value and the daily profile. With a training set of 750 points and daily context:
 * 2 × 1,500 + 288 + 731 floats, 210 + 731 doubles, 23,656 bytes serialised (16 KB without daily context); a series
 * with fewer points in its first week keeps fewer. Written by {@link KnnCadStateSerializer}; the metric itself
 * ({@link #metric}) is rebuilt from the factor when missing, as after a read from RocksDB.
 */
@TypeInfo(KnnCadStateSerializer.TypeInfo.class)
public class KnnCadState {
    /** Points seen. */
    public long points;
    /** Event time of the first point: the training set is the points of the first week (at most the cap). */
    public long firstTimestamp;
    /** Points in the training set, fixed when the first week (or the cap) is reached; 0 while training. */
    public int probation;
    /** Value of point i at {@code values[i % values.length]}: all points while training, then the last 2 × probation. */
    public float[] values;
    /**
     * Daily context: the value one day before point i (as {@link #daily} held it when point i came) at the same index as
     * {@link #values}. Null when the series has none: its training set spanned less than a day, or the state was written
     * before daily context existed.
     */
    public float[] lags;
    /** The last value of each 5-minute slot of the day (NaN: not seen yet); null without daily context. */
    public float[] daily;
    /** The last calibration scores (as many as training items), oldest overwritten at {@link #nextScore}. */
    public float[] scores;

    public int nextScore;
    /**
     * Lower-triangular L⁻¹, rows packed, where L Lᵀ is the Gram matrix of the training items: the distance of
     * a and b is |L⁻¹(a − b)|². Null before the first fit (the identity).
     */
    public double[] factor;
    /** Points still to pass after an alarm before the next may be raised. */
    public int refractory;

    /** bᵀMb of each training shape b (M the inverse Gram matrix), by last point index modulo their count. */
    public double[] norms;
    /** M = (L⁻¹)ᵀ L⁻¹ from {@link #factor}; not serialised, rebuilt when missing. */
    transient double[] metric;

    public KnnCadState() {}

    /** Same fields, same values; the metric, rebuilt from the factor, is not compared. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KnnCadState)) return false;
        KnnCadState b = (KnnCadState) o;
        return points == b.points
                && firstTimestamp == b.firstTimestamp
                && probation == b.probation
                && nextScore == b.nextScore
                && refractory == b.refractory
                && Arrays.equals(values, b.values)
                && Arrays.equals(lags, b.lags)
                && Arrays.equals(daily, b.daily)
                && Arrays.equals(scores, b.scores)
                && Arrays.equals(factor, b.factor)
                && Arrays.equals(norms, b.norms);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(points) * 31 + Long.hashCode(firstTimestamp);
    }
}
