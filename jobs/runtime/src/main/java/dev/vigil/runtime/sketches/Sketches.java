package dev.vigil.runtime.sketches;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
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

    public static DDSketch empty() {
        return DDSketches.unboundedDense(RELATIVE_ACCURACY);
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
