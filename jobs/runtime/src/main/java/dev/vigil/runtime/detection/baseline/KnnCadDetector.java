package dev.vigil.runtime.detection.baseline;

import java.util.Arrays;

/**
 * KNN-CAD (Burnaev and Ishimtsev, "Conformalized density- and distance-based anomaly detection in
 * time-series data", 2016), the conformal k-nearest-neighbour detector NAB ships, streaming and causal:
 *
 * <ul>
 *   <li>an item is the last {@code dim} values (a shingle), so a point is judged by the shape around it, not
 *       only by its level;</li>
 *   <li>its non-conformity is the sum of the distances to its {@code k} nearest training items, in the
 *       Mahalanobis-like metric of the training items' Gram matrix (refitted twice per training length);</li>
 *   <li>its score is the share of recent calibration items (as many as training items) that were less
 *       non-conforming: a conformal p-value, so one threshold means the same on every series;</li>
 *   <li>two lengths: the same is done for the shape's second half (its last {@code (dim + 1) / 2} values), with its own
 *       training items, metric and calibration, and a point's score is the lower of the two. A point of noise that
 *       lies beyond every calibration item at one length seldom does at the other, while an anomaly does at both:
 *       on NAB's development half this kept all 40 windows found and cut the false-alarm rows from 115 to 81
 *       (docs/detection.md);</li>
 *   <li>the training set is the series' first week of points, at most {@code cap} (NAB sizes it as a share of
 *       each file's length, which a stream does not know; a week holds a weekly cycle's every hour), and then
 *       follows the series, lagging the calibration set;</li>
 *   <li>after an alarm, a refractory period of a fifth of the training length reports 0: one alarm per
 *       incident, not one per point of it;</li>
 *   <li>daily context: when the training set spans at least a day, each item also holds the series' value at the
 *       same time the day before (the last value of the same 5-minute slot of the day, from a 288-slot profile), so
 *       a day whose shape differs from yesterday's (a peak that does not come, a dip at noon) stands out even where
 *       its 19 values alone look ordinary. The distance's metric is the items' own Gram matrix, so the extra value
 *       weighs as much as the training set says it explains.</li>
 * </ul>
 *
 * <p>Written from the paper and NAB's description of its detector; the training span, daily context and the second
 * length are the changes, measured in docs/detection.md. Distances are taken in Gram form, |a − b|²_M = aᵀMa + bᵀMb − 2 (Ma)·b with M the inverse
 * Gram matrix and each training shape's bᵀMb kept in the state: a point costs {@code dim²} for Ma and {@code dim}
 * per training shape, whether the state stayed in memory or was just read from RocksDB (transforming every
 * training shape instead, as first written, cost 12 µs in memory and 111 µs read per point).
 */
public final class KnnCadDetector {
    private final int dim;
    /** The second length a point is judged at: the shape's second half. */
    private final int halfDim;

    private final int k;
    private final int cap;
    private final int minPoints;
    private final long trainingSpanMs;
    private final double alarm;
    private static final double LOG_NORM = Math.log(1e-10);
    private static final long DAY_MS = 86_400_000L;
    private static final long SLOT_MS = 300_000L;
    /** Slots of the daily profile: one per 5 minutes. */
    static final int DAY_SLOTS = (int) (DAY_MS / SLOT_MS);
    /** Every STRIDE-th distance is sampled, and the SAMPLED-th smallest of them bounds the ones picked from. */
    private static final int STRIDE = 8;

    private static final int SAMPLED = 8;

    private final double[] item;
    private final double[] w;
    private final double[] heap;
    /** The values from the oldest training shape's first to the newest point, in order: shapes read without a modulo. */
    private double[] window = new double[64];
    /** The day-before value of each point in {@link #window}, at the same index (daily context only). */
    private double[] lagWindow = new double[64];
    /** (Ma)·b of the point's shape a and each training shape b, in training order; then, in place, their distances. */
    private double[] distances = new double[64];
    /** The distances within the sampled bound (see {@link #sumOfSmallest}). */
    private double[] near = new double[64];

    /**
     * @param dim values per item (shingle length)
     * @param k nearest training items whose distances make the non-conformity
     * @param cap most points in the training set
     * @param trainingSpanMs event time whose points make the training set (up to {@code cap})
     * @param alarm score (the log scale of {@link #scoreAndLearn}) at which an alarm starts a refractory period
     */
    public KnnCadDetector(int dim, int k, int cap, long trainingSpanMs, double alarm) {
        if (dim < 1 || k < 1 || cap < dim + k + 2)
            throw new IllegalArgumentException("KNN-CAD needs dim >= 1, k >= 1 and cap >= dim + k + 2");
        this.dim = dim;
        this.halfDim = (dim + 1) / 2;
        this.k = k;
        this.cap = cap;
        this.minPoints = dim + k + 2;
        this.trainingSpanMs = trainingSpanMs;
        this.alarm = alarm;
        this.item = new double[dim + 1];
        this.w = new double[dim + 1];
        this.heap = new double[Math.max(k, SAMPLED)];
    }

    public KnnCadState newState() {
        KnnCadState s = new KnnCadState();
        s.values = new float[Math.min(64, 2 * cap)];
        s.lags = new float[s.values.length];
        s.daily = new float[DAY_SLOTS];
        Arrays.fill(s.daily, Float.NaN);
        return s;
    }

    /**
     * The score of {@code value} at {@code timestamp}, then learns the point: the share q of calibration items at
     * least as non-conforming, on NAB's log scale {@code ln q / ln 10^-10} (q = 0, beyond every one, gives 1), the
     * scale {@link LikelihoodDetector} reports its tail probability on; 0 while training and during a refractory
     * period.
     */
    public double scoreAndLearn(KnnCadState s, long timestamp, double value) {
        return scoreAndLearn(s, timestamp, value, true);
    }

    /**
     * As {@link #scoreAndLearn(KnnCadState, long, double)}, for a point whose deviation may be in a direction that does
     * not count ({@code detection.baseline.direction}): such a point is learnt and scores 0, and it neither alarms nor
     * starts a refractory period, so a deviation that counts right after it is still reported.
     */
    public double scoreAndLearn(KnnCadState s, long timestamp, double value, boolean counts) {
        if (s.points == 0) s.firstTimestamp = timestamp;
        long index = s.points;
        long count = index + 1;
        float kept = Floats.held(value);
        float lag = kept; // before a day has passed: as if yesterday had been today
        if (s.daily != null) {
            int slot = (int) (Math.floorMod(timestamp, DAY_MS) / SLOT_MS);
            if (!Float.isNaN(s.daily[slot])) lag = s.daily[slot];
            s.daily[slot] = kept;
        }
        if (s.probation == 0
                && count >= minPoints
                && (count >= cap || timestamp - s.firstTimestamp >= trainingSpanMs)) {
            s.probation = (int) count;
            s.values = Arrays.copyOf(s.values, 2 * s.probation);
            if (s.lags != null && timestamp - s.firstTimestamp >= DAY_MS) {
                s.lags = Arrays.copyOf(s.lags, 2 * s.probation);
            } else { // a training set within one day cannot learn what a day looks like
                s.lags = null;
                s.daily = null;
            }
        } else if (s.probation == 0 && count > s.values.length) {
            s.values = Arrays.copyOf(s.values, Math.min(2 * s.values.length, 2 * cap));
            if (s.lags != null) s.lags = Arrays.copyOf(s.lags, s.values.length);
        }
        s.values[(int) (index % s.values.length)] = kept;
        if (s.lags != null) s.lags[(int) (index % s.lags.length)] = lag;
        s.points = count;
        if (count < dim || s.probation == 0) return 0;

        int probation = s.probation;
        boolean daily = s.lags != null;
        long start = Math.max(0, count - 2L * probation); // first value of the oldest training shape, at either length
        int length = (int) (index - start + 1);
        if (window.length < length) {
            window = new double[Math.max(length, 2 * window.length)];
            lagWindow = new double[window.length];
        }
        int n = s.values.length;
        int at = (int) (start % n); // one modulo, not one per value
        for (int i = 0; i < length; i++) {
            window[i] = s.values[at];
            if (daily) lagWindow[i] = s.lags[at];
            if (++at == n) at = 0;
        }
        if (s.half == null) s.half = new KnnCadScale();
        double score = Math.min(judge(s, s, dim, count, start, daily), judge(s, s.half, halfDim, count, start, daily));

        if (s.refractory > 0) {
            s.refractory--;
            // even a larger deviation: during an incident they keep growing (594 false rows on NAB instead of 120)
            return 0;
        }
        if (!counts) return 0;
        if (score >= alarm) s.refractory = probation / 5;
        return score;
    }

    /**
     * The score of the point just kept (the last of {@link #window}) at shingle length {@code dim}, then its
     * non-conformity joins that length's calibration scores.
     */
    private double judge(KnnCadState s, KnnCadScale scale, int dim, long count, long start, boolean daily) {
        int probation = s.probation;
        int training = probation - dim;
        long oldest = start + dim - 1; // last point of the oldest training item
        long remainder = count % probation;
        // a length without calibration yet (state written before it existed) is fitted now, not at the next refit
        if (remainder == 0 || remainder == probation / 2 || scale.scores == null) fit(s, scale, dim, oldest, training);
        ensureMetric(scale, size(dim, daily));
        if (scale.norms == null) {
            scale.norms = new double[training];
            for (long j = oldest; j < oldest + training; j++)
                scale.norms[(int) (j % training)] = quadratic(scale.metric, dim, (int) (j - start) - dim + 1, daily, w);
        }
        if (scale.scores == null) calibrate(scale, dim, oldest, training, start, daily);

        long index = count - 1;
        double nonConformity = nonConformity(scale, dim, oldest, training, (int) (index - start) - dim + 1, -1, daily);
        float stored = (float) nonConformity;
        int below = 0;
        for (float c : scale.scores) if (c < stored) below++;
        double tail = (training - below) / (double) training;

        if (count >= 2L * probation) { // the oldest calibration item becomes the newest training item
            long newest = oldest + training;
            scale.norms[(int) (newest % training)] =
                    quadratic(scale.metric, dim, (int) (newest - start) - dim + 1, daily, w);
        }
        scale.scores[scale.nextScore] = stored;
        scale.nextScore = (scale.nextScore + 1) % training;
        return Math.min(1.0, Math.log(Math.max(tail, 1e-10)) / LOG_NORM);
    }

    /** The shingle ending at point {@code last}. */
    private static void load(KnnCadState s, int dim, long last, double[] into) {
        int n = s.values.length;
        for (int d = 0; d < dim; d++) into[d] = s.values[(int) ((last - dim + 1 + d) % n)];
        if (s.lags != null) into[dim] = s.lags[(int) (last % n)];
    }

    /** Values per item: the shape, and the day-before value of its last point when the series has daily context. */
    private static int size(int dim, boolean daily) {
        return daily ? dim + 1 : dim;
    }

    /** Refits the metric to the training items' Gram matrix; keeps the previous one when it is singular. */
    private void fit(KnnCadState s, KnnCadScale scale, int dim, long oldest, int training) {
        int d = size(dim, s.lags != null);
        double[] gram = new double[d * d];
        for (long j = oldest; j < oldest + training; j++) {
            load(s, dim, j, item);
            for (int r = 0; r < d; r++) {
                double xr = item[r];
                int row = r * d;
                for (int c = 0; c <= r; c++) gram[row + c] += xr * item[c];
            }
        }
        double[] inverse = inverseCholesky(gram, d);
        if (inverse == null) return;
        scale.factor = inverse;
        scale.metric = null;
        scale.norms = null;
    }

    /**
     * L⁻¹ packed by rows, where L Lᵀ = {@code gram} (its lower triangle is read); null if it is not positive
     * definite. Written here: a 19 × 19 Cholesky twice per training length is these lines, not a linear-algebra
     * dependency in every job's jar.
     */
    private static double[] inverseCholesky(double[] gram, int dim) {
        double[] l = new double[dim * dim];
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c <= r; c++) {
                double sum = gram[r * dim + c];
                for (int m = 0; m < c; m++) sum -= l[r * dim + m] * l[c * dim + m];
                if (r == c) {
                    if (!(sum > 0) || Double.isInfinite(sum)) return null;
                    l[r * dim + r] = Math.sqrt(sum);
                } else {
                    l[r * dim + c] = sum / l[c * dim + c];
                }
            }
        }
        double[] packed = new double[dim * (dim + 1) / 2];
        for (int c = 0; c < dim; c++) { // column c of L⁻¹ by forward substitution of the unit vector
            for (int r = c; r < dim; r++) {
                double sum = r == c ? 1 : 0;
                for (int m = c; m < r; m++) sum -= l[r * dim + m] * packed[m * (m + 1) / 2 + c];
                double v = sum / l[r * dim + r];
                if (!Double.isFinite(v)) return null;
                packed[r * (r + 1) / 2 + c] = v;
            }
        }
        return packed;
    }

    /** M = (L⁻¹)ᵀ L⁻¹, the inverse Gram matrix: the distance of a and b is (a − b)ᵀ M (a − b). */
    private static void ensureMetric(KnnCadScale scale, int d) {
        if (scale.metric != null) return;
        double[] m = new double[d * d];
        if (scale.factor == null) {
            for (int r = 0; r < d; r++) m[r * d + r] = 1;
        } else {
            double[] t = scale.factor;
            for (int i = 0; i < d; i++) { // row i of L⁻¹ holds columns 0..i
                int row = i * (i + 1) / 2;
                for (int r = 0; r <= i; r++) {
                    double tr = t[row + r];
                    for (int c = 0; c <= i; c++) m[r * d + c] += tr * t[row + c];
                }
            }
        }
        scale.metric = m;
    }

    /**
     * xᵀ M x of the item whose shape starts at {@code from} in {@link #window} (with its last point's day-before value
     * from {@link #lagWindow} when {@code daily}); M x left in {@code into}.
     */
    private double quadratic(double[] m, int dim, int from, boolean daily, double[] into) {
        int d = daily ? dim + 1 : dim;
        double lag = daily ? lagWindow[from + dim - 1] : 0;
        double q = 0;
        for (int r = 0; r < d; r++) {
            double sum = 0;
            int row = r * d;
            for (int c = 0; c < dim; c++) sum += m[row + c] * window[from + c];
            if (daily) sum += m[row + dim] * lag;
            into[r] = sum;
            q += sum * (r < dim ? window[from + r] : lag);
        }
        return q;
    }

    /** The first calibration scores: each training shape against the others. */
    private void calibrate(KnnCadScale scale, int dim, long oldest, int training, long start, boolean daily) {
        scale.scores = new float[training];
        for (long j = oldest; j < oldest + training; j++) {
            int slot = (int) (j % training);
            scale.scores[(int) (j - oldest)] =
                    (float) nonConformity(scale, dim, oldest, training, (int) (j - start) - dim + 1, slot, daily);
        }
        scale.nextScore = 0;
    }

    /**
     * Sum of the {@code k} smallest distances from the shape at {@code from} to the training shapes (skipping slot
     * {@code self}): |a − b|²_M = aᵀMa + bᵀMb − 2 (Ma)·b, bᵀMb kept per training shape in {@link KnnCadState#norms}.
     */
    private double nonConformity(
            KnnCadScale scale, int dim, long oldest, int training, int from, int self, boolean daily) {
        double qa = quadratic(scale.metric, dim, from, daily, w);
        double wLag = daily ? w[dim] : 0;
        // the i-th training shape starts at window[i]; its norm is in slot (first + i) % training
        int first = (int) (oldest % training);
        double[] x = window;
        double[] lags = lagWindow;
        if (distances.length < training) distances = new double[training];
        double[] dots = distances;
        int b = 0;
        // eight shapes at a time: each product summed in the same order as one at a time (the same bits), but in eight
        // independent chains, so the adds of one shape need not wait for each other's latency
        for (; b + 8 <= training; b += 8) {
            double d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0;
            for (int c = 0; c < dim; c++) {
                double wc = w[c];
                int o = b + c;
                d0 += wc * x[o];
                d1 += wc * x[o + 1];
                d2 += wc * x[o + 2];
                d3 += wc * x[o + 3];
                d4 += wc * x[o + 4];
                d5 += wc * x[o + 5];
                d6 += wc * x[o + 6];
                d7 += wc * x[o + 7];
            }
            if (daily) {
                int l = b + dim - 1;
                d0 += wLag * lags[l];
                d1 += wLag * lags[l + 1];
                d2 += wLag * lags[l + 2];
                d3 += wLag * lags[l + 3];
                d4 += wLag * lags[l + 4];
                d5 += wLag * lags[l + 5];
                d6 += wLag * lags[l + 6];
                d7 += wLag * lags[l + 7];
            }
            dots[b] = d0;
            dots[b + 1] = d1;
            dots[b + 2] = d2;
            dots[b + 3] = d3;
            dots[b + 4] = d4;
            dots[b + 5] = d5;
            dots[b + 6] = d6;
            dots[b + 7] = d7;
        }
        for (; b < training; b++) {
            double dot = 0;
            for (int c = 0; c < dim; c++) dot += w[c] * x[b + c];
            if (daily) dot += wLag * lags[b + dim - 1];
            dots[b] = dot;
        }
        // the distances, in training order, in place of the products: the norms in two runs without a modulo
        double[] norms = scale.norms;
        int wrap = training - first;
        for (b = 0; b < wrap; b++) dots[b] = qa + norms[first + b] - 2 * dots[b];
        for (; b < training; b++) dots[b] = qa + norms[b - wrap] - 2 * dots[b];
        if (self >= 0) dots[self >= first ? self - first : self + wrap] = Double.POSITIVE_INFINITY;
        return sumOfSmallest(dots, training);
    }

    /**
     * The sum of the {@code k} smallest of {@code d[0..n)}, added smallest first (a function of the distances alone,
     * not of the order they came in). Most distances lie beyond a bound taken from a sample, the {@link #SAMPLED}-th
     * smallest of every {@link #STRIDE}-th; the k smallest are picked among those within it when there are at least k
     * (so they are the k smallest of all), else among all. Picking among all with one heap cost a fifth of a point's time:
     * on a daily cycle the training shapes come nearer in runs, so many replace the heap's top.
     */
    double sumOfSmallest(double[] d, int n) {
        int size = 0;
        for (int b = 0; b < n; b += STRIDE) size = offer(d[b], size, SAMPLED);
        double bound = heap[0];
        int within = 0;
        if (near.length < n) near = new double[n];
        double[] near = this.near;
        for (int b = 0; b < n; b++) {
            double v = d[b];
            near[within] = v;
            within += v <= bound ? 1 : 0; // no branch: most fail
        }
        size = 0;
        if (within >= k) {
            for (int i = 0; i < within; i++) size = offer(near[i], size, k);
        } else {
            for (int b = 0; b < n; b++) size = offer(d[b], size, k);
        }
        Arrays.sort(heap, 0, size);
        double sum = 0;
        for (int i = 0; i < size; i++) sum += heap[i];
        return sum;
    }

    /** Offers {@code v} to the max-heap of the {@code limit} smallest values, which holds {@code size}; its new size. */
    private int offer(double v, int size, int limit) {
        if (size < limit) {
            heap[size] = v;
            siftUp(size);
            return size + 1;
        }
        if (v < heap[0]) {
            heap[0] = v;
            siftDown(size);
        }
        return size;
    }

    // the k smallest distances in a max-heap of primitives: a PriorityQueue would box every distance of every point
    private void siftUp(int i) {
        double v = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] >= v) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = v;
    }

    private void siftDown(int size) {
        double v = heap[0];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && heap[child + 1] > heap[child]) child++;
            if (heap[child] <= v) break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = v;
    }
}
