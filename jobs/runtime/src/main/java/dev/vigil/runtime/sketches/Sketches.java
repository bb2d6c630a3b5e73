package dev.vigil.runtime.sketches;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Vigil's quantile sketch: DDSketch with 1% relative accuracy, mergeable across windows, services
 * and time. The binary form (sketches-java's own encoding, index mapping included) is what Flink
 * state and the {@code *_sketch} table columns hold.
 */
public final class Sketches {
    /** Every quantile is within 1% of a true value of the data (DDSketch's guarantee). */
    public static final double RELATIVE_ACCURACY = 0.01;

    private Sketches() {}

    /** Bin i holds values in [γ^i, γ^(i+1)) with γ = (1+α)/(1-α), reported as γ^i·(1+α): simple enough for SQL. */
    public static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);

    /** A sketch with the logarithmic index mapping, so stored bin indexes can be turned into values in SQL. */
    public static DDSketch empty() {
        return new DDSketch(new LogarithmicMapping(RELATIVE_ACCURACY), UnboundedSizeDenseStore::new);
    }

    public static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.trimmedCopy();
    }

    public static DDSketch decode(byte[] bytes) {
        try {
            return DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt sketch", e);
        }
    }
}
