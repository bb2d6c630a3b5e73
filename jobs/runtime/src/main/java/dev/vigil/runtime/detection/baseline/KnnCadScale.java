package dev.vigil.runtime.detection.baseline;

import java.util.Arrays;

/**
 * What {@link KnnCadDetector} keeps for one shingle length: the last calibration scores, the metric's factor and each
 * training shape's norm in it. A {@link KnnCadState} is the full shape's, and holds its second half's in {@link
 * KnnCadState#half}.
 */
public class KnnCadScale {
    /** The last calibration scores (as many as training items), oldest overwritten at {@link #nextScore}. */
    public float[] scores;

    public int nextScore;
    /**
     * Lower-triangular L⁻¹, rows packed, where L Lᵀ is the Gram matrix of the training items: the distance of
     * a and b is |L⁻¹(a − b)|². Null before the first fit (the identity).
     */
    public double[] factor;
    /** bᵀMb of each training shape b (M the inverse Gram matrix), by last point index modulo their count. */
    public double[] norms;
    /** M = (L⁻¹)ᵀ L⁻¹ from {@link #factor}; not serialised, rebuilt when missing. */
    transient double[] metric;

    public KnnCadScale() {}

    /** Same calibration, factor and norms; the metric, rebuilt from the factor, is not compared. */
    boolean sameScale(KnnCadScale b) {
        return nextScore == b.nextScore
                && Arrays.equals(scores, b.scores)
                && Arrays.equals(factor, b.factor)
                && Arrays.equals(norms, b.norms);
    }
}
