package dev.vigil.runtime.detection.baseline;

import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What {@link KnnCadDetector} remembers of one series: the last values (training, then twice the training
 * length once scoring: the training and calibration windows overlap into one run of values), the calibration
 * scores, the metric's factor, each training shape's norm in that metric (as a {@link KnnCadScale}: the full shape's, and
 * its second half's in {@link #half}), the refractory countdown and, with daily context, each value's day-before value
 * and the daily profile. With a training set of 750 points and daily context: 2 × 1,500 + 288 + 731 + 740 floats,
 * 210 + 731 + 66 + 740 doubles, 33,081 bytes serialised (25,683 without daily context); a series with fewer points in
 * its first week keeps fewer. Written by {@link KnnCadStateSerializer}; the metric itself
 * ({@link #metric}) is rebuilt from the factor when missing, as after a read from RocksDB.
 */
@TypeInfo(KnnCadStateSerializer.TypeInfo.class)
public class KnnCadState extends KnnCadScale {
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
    /** Points still to pass after an alarm before the next may be raised. */
    public int refractory;

    /**
     * The same for the shape's second half (its last {@code (dim + 1) / 2} values, with the day-before value): a point
     * alarms only when it is beyond every calibration item at both lengths. Null until the first point is scored, and
     * in state written before it existed (it is then calibrated from the values kept).
     */
    public KnnCadScale half;

    public KnnCadState() {}

    /** Same fields, same values; the metric, rebuilt from the factor, is not compared. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KnnCadState)) return false;
        KnnCadState b = (KnnCadState) o;
        return points == b.points
                && firstTimestamp == b.firstTimestamp
                && probation == b.probation
                && refractory == b.refractory
                && Arrays.equals(values, b.values)
                && Arrays.equals(lags, b.lags)
                && Arrays.equals(daily, b.daily)
                && sameScale(b)
                && (half == null ? b.half == null : b.half != null && half.sameScale(b.half));
    }

    @Override
    public int hashCode() {
        return Long.hashCode(points) * 31 + Long.hashCode(firstTimestamp);
    }
}
