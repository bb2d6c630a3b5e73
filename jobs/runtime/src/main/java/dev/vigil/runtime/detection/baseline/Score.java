package dev.vigil.runtime.detection.baseline;

/** The judgement of one point against its series (computed before the point joins it); reused, not allocated per point. */
public final class Score {
    /** Median of the recent points: the value the series is expected to have (NaN for its first point). */
    public double baseline;
    /** In [0, 1]: how rare the point's deviation is for this series ({@link LikelihoodDetector}); 0 while warming up. */
    public double score;
    /** False during warm-up: the point only trained the baseline. */
    public boolean warm;
}
