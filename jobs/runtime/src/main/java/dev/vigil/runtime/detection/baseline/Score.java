package dev.vigil.runtime.detection.baseline;

/** The judgement of one point against its series' baseline (computed before the point joins it). */
public final class Score {
    /** Median of the history: the value the series is expected to have. */
    public double baseline;
    /** Robust z-score: (value - median) / (1.4826 * MAD). */
    public double robustZ;
    /** (value - EWMA mean) / EWMA standard deviation. */
    public double ewmaZ;
    /** (value - same hour last week) / robust scale; NaN without seasonal history. */
    public double seasonalZ = Double.NaN;
    /** In [0, 1]: |z| / (|z| + threshold) of the largest |z|, so 0.5 is exactly the threshold. 0 while warming up. */
    public double score;
    public boolean anomaly;
    /** False during warm-up: the point only trained the baseline. */
    public boolean warm;
}
