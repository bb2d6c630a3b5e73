package dev.vigil.runtime.detection.baseline;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.io.Serializable;

/** How a series' baseline is learned and judged ({@code detection.baseline.*}). */
public final class BaselineSettings implements Serializable {
    private static final long serialVersionUID = 2L;

    public final int history;
    public final int warmUp;
    public final int memory;
    public final double threshold;
    public final LikelihoodDetector.Direction direction;

    public BaselineSettings(
            int history, int warmUp, int memory, double threshold, LikelihoodDetector.Direction direction) {
        this.history = history;
        this.warmUp = warmUp;
        this.memory = memory;
        this.threshold = threshold;
        this.direction = direction;
    }

    public static BaselineSettings from(VigilConfig config) {
        return new BaselineSettings(
                config.get(VigilOptions.BASELINE_HISTORY),
                config.get(VigilOptions.BASELINE_WARM_UP),
                config.get(VigilOptions.BASELINE_MEMORY),
                config.get(VigilOptions.BASELINE_THRESHOLD),
                LikelihoodDetector.Direction.valueOf(
                        config.get(VigilOptions.BASELINE_DIRECTION).name()));
    }

    public LikelihoodDetector detector() {
        return new LikelihoodDetector(history, warmUp, 1.0 / memory, direction);
    }
}
