package dev.vigil.runtime.detection.baseline;

/**
 * Streaming anomaly score of one series, causal (point i is judged only from the points before it)
 * and in bounded state ({@link LikelihoodState}). Two stages:
 *
 * <ol>
 *   <li><b>Raw score</b>: how far the point is from what the series predicts, in units of a robust
 *       scale, as {@code log(1 + |z|)}. Two predictions compete: the median of the recent points
 *       (scale 1.4826 × MAD) and a seasonal one (scale from that hour's absolute deviation): the
 *       same hour of earlier days, or, once two earlier weeks are known and it has been the better of
 *       the two over about a week of event time, the same hour of earlier weeks. The one whose errors
 *       have been smaller lately is used, so a daily or weekly cycle is learnt where there is one and
 *       ignored where there is not. The scale has a floor — the
 *       series' typical step (EWMA of |Δx|) and its quantum (the smallest change seen) — so a flat,
 *       quantised or mostly-zero series never divides by 0. The median follows the recent window,
 *       so a level shift becomes the new normal once it fills half of it. Direction is configurable.</li>
 *   <li><b>Likelihood</b>: the raw score against the long-run distribution of this series' own raw
 *       scores (an exponentially decaying histogram), as a tail probability on NAB's log scale
 *       ({@code ln(p) / ln(10^-10)}: p = 10^-5 gives 0.5). One threshold then means the same on a
 *       noisy and on a calm series: how rare this deviation is for <i>this</i> series. A raw score
 *       beyond anything seen counts as one in the histogram's weight, halved per bin further out.</li>
 * </ol>
 */
public final class LikelihoodDetector {
    /** How the raw deviation is read. */
    public enum Direction {
        BOTH,
        UP,
        DOWN
    }

    static final int BINS = 64;
    private static final double MAD_TO_SIGMA = 1.4826;
    /** Mean absolute deviation × 1.25 estimates the standard deviation of normal data. */
    private static final double MEAN_ABS_TO_SIGMA = 1.25;
    /** Deviations beyond this many scales all score alike, and are learnt as this far. */
    private static final double MAX_Z = 1000;
    /** Raw scores are log(1 + |z|), capped: the histogram spans 0..MAX_RAW. */
    private static final double MAX_RAW = Math.log1p(MAX_Z);

    private static final double LOG_NORM = Math.log(1e-10);
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final long WEEK_MS = 7 * DAY_MS;
    static final int WEEK_SLOTS = 168;
    /** Weeks a slot counts at most (its count is a byte). */
    private static final int MAX_WEEKS = 127;
    /**
     * Visits of an hour of the week, this one included, before the weekly prediction is made: two earlier weeks
     * (one earlier visit is a single hour's points, where the daily profile has one per day).
     */
    private static final int MIN_WEEKS = 3;
    /** Weight of the newest point in the per-hour means and the prediction errors. */
    private static final double SLOT_ALPHA = 0.1;

    private static final double ERROR_ALPHA = 0.01;
    private static final double STEP_ALPHA = 0.05;

    private final int history;
    private final int warmUp;
    private final double histogramAlpha;
    private final Direction direction;
    private final Score scratchScore = new Score();

    /**
     * @param history recent points the median and MAD are taken over (a level shift is normal after half of it)
     * @param warmUp points that only train before any score is given
     * @param histogramAlpha weight of the newest raw score in the long-run histogram (1/300: about the last 300 points)
     */
    /** Whether a deviation of {@code value} from {@code baseline} counts in this detector's direction. */
    public boolean counts(double value, double baseline) {
        return direction == Direction.BOTH || (direction == Direction.UP ? value > baseline : value < baseline);
    }

    public LikelihoodDetector(int history, int warmUp, double histogramAlpha, Direction direction) {
        this.history = history;
        this.warmUp = warmUp;
        this.histogramAlpha = histogramAlpha;
        this.direction = direction;
    }

    public LikelihoodState newState() {
        return LikelihoodState.empty(history, BINS);
    }

    /** The anomaly score (0..1; 0 during warm-up) of {@code value} at {@code timestamp}, then learns the point. */
    public double scoreAndLearn(LikelihoodState s, long timestamp, double value) {
        return judge(s, timestamp, value, scratchScore).score;
    }

    /** Judges {@code value} at {@code timestamp} into {@code out} (score, baseline, warm), then learns the point. */
    public Score judge(LikelihoodState s, long timestamp, double value, Score out) {
        if (s.recent == null) upgrade(s);
        if (s.weekMean == null) s.addWeekProfile();
        long hour = Math.floorDiv(timestamp, HOUR_MS);
        int slot = (int) Math.floorMod(hour, 24L);
        int weekSlot = (int) Math.floorMod(hour, (long) WEEK_SLOTS);
        double median = s.filled > 0 ? median(s.recent, s.filled) : Double.NaN;
        double floor = s.filled > 0 ? floor(s, median) : Double.NaN;
        double scale = s.filled > 0 ? scale(s, median, floor) : Double.NaN;
        double raw = s.filled > 0 ? raw(s, value, median, scale, floor, slot, weekSlot) : 0;
        double score = 0;
        if (s.points >= warmUp) {
            int bin = bin(raw);
            double above = 0;
            int top = 0;
            for (int b = 0; b < BINS; b++) {
                if (b >= bin) above += s.histogram[b];
                if (s.histogram[b] >= 0.5) top = b;
            }
            double weight = Math.max(s.histogramWeight, 1.0);
            double tail = above >= 1.0 ? above / weight : Math.pow(0.5, Math.max(0, bin - top)) / weight;
            score = Math.max(0, Math.min(1.0, Math.log(tail) / LOG_NORM));
        }
        learn(s, timestamp, learnt(s, value, median, scale), value, raw, median, slot, weekSlot);
        out.score = score;
        out.baseline = Double.isNaN(median) ? value : median;
        out.warm = s.points > warmUp;
        return out;
    }

    /** The recent values' robust scale: 1.4826 × MAD, at least {@code floor}. */
    private static double scale(LikelihoodState s, double median, double floor) {
        double mad = medianDistance(s.recent, s.filled, median);
        return Math.max(MAD_TO_SIGMA * mad, floor);
    }

    /** The least any scale may be: the typical step, the quantum, a hair of the level (so no z is infinite). */
    private static double floor(LikelihoodState s, double median) {
        return Math.max(Math.max(s.meanAbsStep, s.quantum), 1e-9 * Math.max(1.0, Math.abs(median)));
    }

    /**
     * What the profiles, errors and step learn of {@code value}: at most {@link #MAX_Z} scales from the median, as far as
     * the score reads it. Unbounded, one absurd value (a producer's 1e300) held the hour-of-day means, the prediction
     * errors and the step scale away from the series for months; the recent values, whose median follows a level
     * shift, keep the value itself. During the warm-up the scale is still being learnt (on the second point it is a
     * hair of the first), so points are learnt as they come.
     */
    private double learnt(LikelihoodState s, double value, double median, double scale) {
        if (s.points < warmUp || Double.isNaN(median)) return value;
        double bound = MAX_Z * scale;
        return Math.max(median - bound, Math.min(median + bound, value));
    }

    private double raw(
            LikelihoodState s, double value, double median, double scale, double floor, int slot, int weekSlot) {
        // the recent values are floats: compared as one, a value equal to them is 0 away, not a rounding error away
        double z = ((float) value - median) / scale;
        if (weekly(s, weekSlot)) {
            if (s.weeklyError < s.recentError)
                z = (value - s.weekMean[weekSlot]) / Math.max(MEAN_ABS_TO_SIGMA * s.weekAbsDev[weekSlot], floor);
        } else if (s.slotDays[slot] >= 2 && s.seasonalError < s.recentError) {
            z = (value - s.slotMean[slot]) / Math.max(MEAN_ABS_TO_SIGMA * s.slotAbsDev[slot], floor);
        }
        if (direction == Direction.UP) z = Math.max(z, 0);
        else if (direction == Direction.DOWN) z = Math.max(-z, 0);
        return Math.min(Math.log1p(Math.abs(z)), MAX_RAW);
    }

    /** Whether the hour of the week is the seasonal prediction: known for two earlier weeks and better than the day's. */
    private static boolean weekly(LikelihoodState s, int weekSlot) {
        return s.weekSeen[weekSlot] >= MIN_WEEKS
                && !Double.isNaN(s.weeklyWeekError)
                && !(s.dailyWeekError <= s.weeklyWeekError); // a NaN daily error: no daily prediction to beat
    }

    /** Learns the point: {@code value} as {@link #learnt} bounds it, the recent values keeping {@code exact}. */
    private void learn(
            LikelihoodState s,
            long timestamp,
            double value,
            double exact,
            double raw,
            double median,
            int slot,
            int weekSlot) {
        if (!Double.isNaN(median)) {
            s.recentError += ERROR_ALPHA * (Math.abs(value - median) - s.recentError);
            boolean daily = s.slotDays[slot] >= 2;
            boolean weekly = s.weekSeen[weekSlot] >= MIN_WEEKS;
            // the week-long errors forget by event time, whatever the series' resolution (only once a profile predicts)
            double weekAlpha =
                    daily || weekly ? -Math.expm1(-Math.max(0, timestamp - s.lastTimestamp) / (double) WEEK_MS) : 0;
            if (daily) {
                double error = Math.abs(value - s.slotMean[slot]);
                s.seasonalError += ERROR_ALPHA * (error - s.seasonalError);
                s.dailyWeekError = Double.isNaN(s.dailyWeekError)
                        ? error
                        : s.dailyWeekError + weekAlpha * (error - s.dailyWeekError);
            }
            if (weekly) {
                double error = Math.abs(value - s.weekMean[weekSlot]);
                if (Double.isNaN(s.weeklyError)) { // starts level with the daily prediction: it has to earn its place
                    s.weeklyError = s.slotDays[slot] >= 2 ? s.seasonalError : error;
                    s.weeklyWeekError = Double.isNaN(s.dailyWeekError) ? error : s.dailyWeekError;
                }
                s.weeklyError += ERROR_ALPHA * (error - s.weeklyError);
                s.weeklyWeekError += weekAlpha * (error - s.weeklyWeekError);
            }
        }
        learnWeek(s, timestamp, value, weekSlot);
        long day = Math.floorDiv(timestamp, DAY_MS);
        if (s.slotDays[slot] == 0) {
            s.slotMean[slot] = value;
        } else {
            double d = value - s.slotMean[slot];
            s.slotMean[slot] += SLOT_ALPHA * d;
            s.slotAbsDev[slot] += SLOT_ALPHA * (Math.abs(d) - s.slotAbsDev[slot]);
        }
        if (s.slotDay[slot] != day) {
            s.slotDay[slot] = day;
            s.slotDays[slot]++;
        }
        if (s.points > 0) {
            double step = Math.abs(value - s.last);
            if (step > 0 && (s.quantum == 0 || step < s.quantum)) s.quantum = step;
            s.meanAbsStep = s.points == 1 ? step : s.meanAbsStep + STEP_ALPHA * (step - s.meanAbsStep);
        }
        s.last = value;
        remember(s, exact);
        if (s.points >= 2) { // the first two points have no scale to be measured against: their raw scores say nothing
            double keep = 1 - histogramAlpha;
            for (int b = 0; b < BINS; b++) s.histogram[b] *= keep;
            s.histogramWeight = s.histogramWeight * keep + 1;
            s.histogram[bin(raw)] += 1;
        }
        s.points++;
    }

    /** The hour of the week's EWMAs; a point starts a visit unless the previous one fell in the same slot within the hour. */
    private static void learnWeek(LikelihoodState s, long timestamp, double value, int weekSlot) {
        boolean sameVisit = s.points > 0
                && timestamp - s.lastTimestamp < HOUR_MS
                && Math.floorMod(Math.floorDiv(s.lastTimestamp, HOUR_MS), (long) WEEK_SLOTS) == weekSlot;
        if (s.weekSeen[weekSlot] == 0) {
            s.weekMean[weekSlot] = (float) value;
        } else {
            double d = value - s.weekMean[weekSlot];
            s.weekMean[weekSlot] += (float) (SLOT_ALPHA * d);
            s.weekAbsDev[weekSlot] += (float) (SLOT_ALPHA * (Math.abs(d) - s.weekAbsDev[weekSlot]));
        }
        if ((s.weekSeen[weekSlot] == 0 || !sameVisit) && s.weekSeen[weekSlot] < MAX_WEEKS) s.weekSeen[weekSlot]++;
        s.lastTimestamp = timestamp;
    }

    private static int bin(double raw) {
        return (int) Math.min(BINS - 1, Math.max(0, raw / MAX_RAW * BINS));
    }

    /**
     * Adds {@code value} to the sorted recent values, first evicting the oldest when they are full: a binary
     * search and two array moves per point, so the median and MAD are read off the order instead of
     * being selected (two O(n) selections per point before: 2.4–3.0 µs per point, now 0.6 µs in SeriesDetectorBenchmark).
     */
    private static void remember(LikelihoodState s, double value) {
        float[] recent = s.recent;
        int n = s.filled;
        if (n == recent.length) {
            short oldest = (short) (s.points - n);
            int at = 0;
            while (s.arrivals[at] != oldest) at++;
            System.arraycopy(recent, at + 1, recent, at, n - at - 1);
            System.arraycopy(s.arrivals, at + 1, s.arrivals, at, n - at - 1);
            n--;
        }
        float v = Floats.held(value);
        int at = insertionPoint(recent, n, v);
        System.arraycopy(recent, at, recent, at + 1, n - at);
        System.arraycopy(s.arrivals, at, s.arrivals, at + 1, n - at);
        recent[at] = v;
        s.arrivals[at] = (short) s.points;
        s.filled = n + 1;
    }

    /** The first position in {@code sorted[0..n)} whose value is greater than {@code value}. */
    private static int insertionPoint(float[] sorted, int n, double value) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Median of {@code sorted[0..n)}. */
    static double median(float[] sorted, int n) {
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * ((double) sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /**
     * Median of the distances of {@code sorted[0..n)} to {@code center} (their median): the distances grow
     * outward from the center on both sides, so the two runs are merged from the middle until the middle
     * one (or two) of all n is reached.
     */
    static double medianDistance(float[] sorted, int n, double center) {
        int right = insertionPoint(sorted, n, center);
        while (right > 0 && sorted[right - 1] == center)
            right--; // values equal to the center: distance 0, taken from the right run
        int left = right - 1;
        double previous = 0;
        double current = 0;
        for (int taken = 0; taken <= n / 2; taken++) {
            previous = current;
            if (left < 0 || (right < n && sorted[right] - center <= center - sorted[left]))
                current = sorted[right++] - center;
            else current = center - sorted[left--];
        }
        return n % 2 == 1 ? current : 0.5 * (previous + current);
    }

    /**
     * State of an older layout: sorted doubles become floats (rounding keeps their order); an arrival-order ring
     * (the layout before that) is sorted once.
     */
    private static void upgrade(LikelihoodState s) {
        if (s.sorted != null) {
            s.recent = new float[s.sorted.length];
            for (int i = 0; i < s.filled; i++) s.recent[i] = (float) s.sorted[i];
            s.sorted = null;
            return;
        }
        int capacity = s.ring.length;
        int n = s.filled;
        s.recent = new float[capacity];
        s.arrivals = new short[capacity];
        int oldestSlot = n < capacity ? 0 : s.next;
        int kept = 0;
        for (int k = 0; k < n; k++) {
            float value = (float) s.ring[(oldestSlot + k) % capacity];
            int at = insertionPoint(s.recent, kept, value);
            System.arraycopy(s.recent, at, s.recent, at + 1, kept - at);
            System.arraycopy(s.arrivals, at, s.arrivals, at + 1, kept - at);
            s.recent[at] = value;
            s.arrivals[at] = (short) (s.points - n + k);
            kept++;
        }
        s.ring = null;
        s.next = 0;
    }
}
