package dev.vigil.runtime.detection.baseline;

/** The detectors' states keep values as floats. */
final class Floats {
    private Floats() {}

    /**
     * {@code value} as a float, held within the float range: beyond it a value would be kept as an infinity, whose
     * differences are NaN or infinite wherever it is compared, and a series would score nothing for as long as the
     * value stayed in its state. Held at the range's edge, it is one more outlier. NaN stays NaN.
     */
    static float held(double value) {
        return (float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, value));
    }
}
