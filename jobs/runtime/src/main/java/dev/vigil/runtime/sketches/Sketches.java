package dev.vigil.runtime.sketches;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.PaginatedStore;
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
        return new DDSketch(new LogarithmicMapping(RELATIVE_ACCURACY), Sketches::store);
    }

    /**
     * Pages of bins allocated only where values fall: a dense store spans every bin between the lowest
     * and the highest value, so two extreme values from one producer (1e-300 and 1e300) made ~70K bins;
     * here they make two pages. A collapsing store would bound the bins but lose every quantile to one
     * outlier. The worst case is bounded by the mapping's range (~69K bins) and needs that many distinct
     * values in one window of one series.
     */
    private static PaginatedStore store() {
        return new PaginatedStore();
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
            return DDSketch.decode(ByteArrayInput.wrap(bytes), Sketches::store);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt sketch", e);
        }
    }
}
