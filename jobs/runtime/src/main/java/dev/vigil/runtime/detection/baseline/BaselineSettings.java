package dev.vigil.runtime.detection.baseline;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.io.Serializable;

/** How a series' baseline is learned and judged ({@code detection.baseline.*}). */
public final class BaselineSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public final int history;
    public final int warmUp;
    public final double ewmaAlpha;
    public final double zThreshold;
    public final boolean seasonal;

    public BaselineSettings(int history, int warmUp, double ewmaAlpha, double zThreshold, boolean seasonal) {
        this.history = history;
        this.warmUp = warmUp;
        this.ewmaAlpha = ewmaAlpha;
        this.zThreshold = zThreshold;
        this.seasonal = seasonal;
    }

    public static BaselineSettings from(VigilConfig config) {
        return new BaselineSettings(config.get(VigilOptions.BASELINE_HISTORY), config.get(VigilOptions.BASELINE_WARM_UP),
                config.get(VigilOptions.BASELINE_EWMA_ALPHA), config.get(VigilOptions.BASELINE_Z_THRESHOLD),
                config.get(VigilOptions.BASELINE_SEASONAL));
    }
}
