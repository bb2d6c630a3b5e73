package dev.vigil.runtime.detection.baseline;

import java.util.Arrays;

/**
 * Statistical baseline of one series: robust z-score (median/MAD) over the recent points, EWMA with
 * variance, and optionally the same hour of the previous week. Plain Java, so the Flink function and
 * the command-line backtest run exactly the same code.
 */
public final class SeriesBaseline {
    /** MAD * 1.4826 estimates the standard deviation of normal data. */
    private static final double MAD_TO_SIGMA = 1.4826;
    /** A flat history (MAD 0) still needs a scale; values off a perfectly flat line get a huge but finite z. */
    private static final double MIN_SCALE = 1e-9;
    private static final double MAX_Z = 1e6;
    private static final long HOUR_MS = 3_600_000L;

    private final BaselineSettings settings;
    /** Scratch for sorting; one per instance, never shared across threads. */
    private double[] scratch;

    public SeriesBaseline(BaselineSettings settings) {
        this.settings = settings;
        this.scratch = new double[settings.history];
    }

    /** Scores {@code value} at {@code timestamp} against {@code state}, then adds it to the state. */
    public Score scoreAndLearn(BaselineState state, long timestamp, double value) {
        Score s = score(state, timestamp, value);
        learn(state, timestamp, value);
        return s;
    }

    Score score(BaselineState state, long timestamp, double value) {
        Score s = new Score();
        if (state.filled == 0) {
            s.baseline = value;
            return s;
        }
        double median = median(state.ring, state.filled, false, 0);
        double mad = median(state.ring, state.filled, true, median);
        double scale = Math.max(MAD_TO_SIGMA * mad, MIN_SCALE * Math.max(1.0, Math.abs(median)));
        s.baseline = median;
        s.robustZ = clamp((value - median) / scale);
        double sd = Math.sqrt(state.ewmaVariance);
        s.ewmaZ = sd > 0 ? clamp((value - state.ewmaMean) / sd) : s.robustZ;
        double z = Math.max(Math.abs(s.robustZ), Math.abs(s.ewmaZ));
        if (state.seasonal != null) {
            int slot = slot(timestamp);
            long hour = Math.floorDiv(timestamp, HOUR_MS);
            if (!Double.isNaN(state.seasonal[slot]) && hour - state.seasonalHour[slot] <= BaselineState.WEEK_HOURS + 1
                    && hour - state.seasonalHour[slot] >= BaselineState.WEEK_HOURS - 1) {
                s.seasonalZ = clamp((value - state.seasonal[slot]) / scale);
                z = Math.max(z, Math.abs(s.seasonalZ));
            }
        }
        s.warm = state.points >= settings.warmUp;
        if (s.warm) {
            s.score = z / (z + settings.zThreshold);
            s.anomaly = z >= settings.zThreshold;
        }
        return s;
    }

    void learn(BaselineState state, long timestamp, double value) {
        state.ring[state.next] = value;
        state.next = (state.next + 1) % state.ring.length;
        if (state.filled < state.ring.length) state.filled++;
        if (state.points == 0) {
            state.ewmaMean = value;
            state.ewmaVariance = 0;
        } else {
            double diff = value - state.ewmaMean;
            double increment = settings.ewmaAlpha * diff;
            state.ewmaMean += increment;
            state.ewmaVariance = (1 - settings.ewmaAlpha) * (state.ewmaVariance + diff * increment);
        }
        state.points++;
        if (state.points == settings.warmUp) seedEwmaFromHistory(state);
        if (state.seasonal != null) {
            int slot = slot(timestamp);
            long hour = Math.floorDiv(timestamp, HOUR_MS);
            // Points of the same hour average into the slot; a new week's hour replaces last week's.
            if (Double.isNaN(state.seasonal[slot]) || state.seasonalHour[slot] != hour) state.seasonal[slot] = value;
            else state.seasonal[slot] = 0.5 * (state.seasonal[slot] + value);
            state.seasonalHour[slot] = hour;
        }
    }

    /**
     * An EWMA variance grown from 0 point by point underestimates the spread for its first hundred
     * points or so; at the end of warm-up it starts from the sample mean and variance instead.
     */
    private static void seedEwmaFromHistory(BaselineState state) {
        double sum = 0;
        for (int i = 0; i < state.filled; i++) sum += state.ring[i];
        double mean = sum / state.filled;
        double squares = 0;
        for (int i = 0; i < state.filled; i++) squares += (state.ring[i] - mean) * (state.ring[i] - mean);
        state.ewmaMean = mean;
        state.ewmaVariance = state.filled > 1 ? squares / (state.filled - 1) : 0;
    }

    /** Median of the first {@code n} values, or of their distances to {@code center}. */
    private double median(double[] values, int n, boolean distances, double center) {
        if (scratch.length < n) scratch = new double[n];
        for (int i = 0; i < n; i++) scratch[i] = distances ? Math.abs(values[i] - center) : values[i];
        Arrays.sort(scratch, 0, n);
        return n % 2 == 1 ? scratch[n / 2] : 0.5 * (scratch[n / 2 - 1] + scratch[n / 2]);
    }

    private static int slot(long timestamp) {
        // Epoch day 0 was a Thursday; the slot only needs to repeat weekly, not to start on Monday.
        return (int) Math.floorMod(Math.floorDiv(timestamp, HOUR_MS), (long) BaselineState.WEEK_HOURS);
    }

    private static double clamp(double z) {
        return Math.max(-MAX_Z, Math.min(MAX_Z, z));
    }
}
