package dev.vigil.runtime.detection.baseline;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.io.Serializable;

/** How a series' baseline is learned and judged ({@code detection.baseline.*}). */
public final class BaselineSettings implements Serializable {
    private static final long serialVersionUID = 3L;

    /** KNN-CAD's published shape (Burnaev and Ishimtsev; NAB's detector): not tuned here. */
    static final int KNN_CAD_DIM = 19;

    static final int KNN_CAD_K = 27;

    public final int history;
    public final int warmUp;
    public final int memory;
    public final double threshold;
    public final LikelihoodDetector.Direction direction;
    public final VigilOptions.SeriesMethod method;
    public final long trainingMs;
    public final int trainingPoints;

    public BaselineSettings(
            int history,
            int warmUp,
            int memory,
            double threshold,
            LikelihoodDetector.Direction direction,
            VigilOptions.SeriesMethod method,
            long trainingMs,
            int trainingPoints) {
        this.history = history;
        this.warmUp = warmUp;
        this.memory = memory;
        this.threshold = threshold;
        this.direction = direction;
        this.method = method;
        this.trainingMs = trainingMs;
        this.trainingPoints = trainingPoints;
    }

    public static BaselineSettings from(VigilConfig config) {
        return new BaselineSettings(
                config.get(VigilOptions.BASELINE_HISTORY),
                config.get(VigilOptions.BASELINE_WARM_UP),
                config.get(VigilOptions.BASELINE_MEMORY),
                config.get(VigilOptions.BASELINE_THRESHOLD),
                LikelihoodDetector.Direction.valueOf(
                        config.get(VigilOptions.BASELINE_DIRECTION).name()),
                config.get(VigilOptions.BASELINE_METHOD),
                config.get(VigilOptions.BASELINE_TRAINING),
                config.get(VigilOptions.BASELINE_TRAINING_POINTS));
    }

    public LikelihoodDetector detector() {
        return new LikelihoodDetector(history, warmUp, 1.0 / memory, direction);
    }

    /** KNN-CAD with NAB's shape (19-point shingles, 27 neighbours), alarming at {@link #threshold}. */
    public KnnCadDetector knnCad() {
        return new KnnCadDetector(KNN_CAD_DIM, KNN_CAD_K, trainingPoints, trainingMs, threshold);
    }

    /** What the jobs and the backtest judge points with. */
    public SeriesJudge judge() {
        return new SeriesJudge(detector(), method == VigilOptions.SeriesMethod.KNN_CAD ? knnCad() : null);
    }
}
