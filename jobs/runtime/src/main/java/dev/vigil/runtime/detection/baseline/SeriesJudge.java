package dev.vigil.runtime.detection.baseline;

/**
 * Judges a point the way every job and {@code ./vigil backtest series} do ({@code detection.baseline.method}):
 * {@link LikelihoodDetector} always keeps the series' median (the breach rules' baseline) and its warm-up; the
 * score is its likelihood, or, with {@code knn-cad}, {@link KnnCadDetector}'s conformal score, counted only where the
 * value lies on the configured side of the median ({@code detection.baseline.direction}).
 */
public final class SeriesJudge {
    private final LikelihoodDetector likelihood;
    /** Null unless the method is knn-cad. */
    private final KnnCadDetector knnCad;

    public SeriesJudge(LikelihoodDetector likelihood, KnnCadDetector knnCad) {
        this.likelihood = likelihood;
        this.knnCad = knnCad;
    }

    public boolean usesKnnCad() {
        return knnCad != null;
    }

    public LikelihoodState newLikelihoodState() {
        return likelihood.newState();
    }

    /** A new KNN-CAD state, or null when the method does not use one. */
    public KnnCadState newKnnCadState() {
        return knnCad == null ? null : knnCad.newState();
    }

    /**
     * Judges {@code value} at {@code timestamp} into {@code out}, then teaches both states the point. A value that is not
     * a finite number is no measurement: it scores 0, is not warm and teaches nothing (the contract refuses such values;
     * a NaN learnt stayed in the likelihood method's means for good).
     */
    public Score judge(LikelihoodState l, KnnCadState k, long timestamp, double value, Score out) {
        if (!Double.isFinite(value)) {
            out.score = 0;
            out.baseline = Double.NaN;
            out.warm = false;
            return out;
        }
        likelihood.judge(l, timestamp, value, out);
        // KNN-CAD judges shapes, which have no sign: the direction is the value's against the median baseline
        if (knnCad != null)
            out.score = knnCad.scoreAndLearn(k, timestamp, value, likelihood.counts(value, out.baseline));
        return out;
    }
}
