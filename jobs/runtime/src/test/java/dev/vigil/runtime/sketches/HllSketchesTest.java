package dev.vigil.runtime.sketches;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.junit.jupiter.api.Test;

class HllSketchesTest {
    @Test
    void unionsStayInTheUnionsTypeAndColumnsGetTheCompactForm() {
        HllSketch a = HllSketches.empty();
        HllSketch b = HllSketches.empty();
        for (int i = 0; i < 20_000; i++) a.update("user-" + i);
        for (int i = 10_000; i < 30_000; i++) b.update("user-" + i);
        HllSketch merged = HllSketches.union(a, b);

        assertThat(merged.getTgtHllType()).isEqualTo(TgtHllType.HLL_8);
        HllSketch column = HllSketches.decode(HllSketches.encode(merged));
        assertThat(column.getTgtHllType()).isEqualTo(TgtHllType.HLL_4);
        assertThat(column.getEstimate()).isEqualTo(merged.getEstimate());
        // lgK 12: about 1.6% standard error; 5% is three of them
        assertThat(merged.getEstimate()).isBetween(30_000 * 0.95, 30_000 * 1.05);
    }

    @Test
    void aSketchRestoredInTheOldTypeMergesAsBefore() {
        HllSketch old = new HllSketch(HllSketches.LG_K, TgtHllType.HLL_4); // state written before HLL_8
        HllSketch current = HllSketches.empty();
        for (int i = 0; i < 5_000; i++) old.update("user-" + i);
        for (int i = 0; i < 5_000; i++) current.update("user-" + i);
        HllSketch restored = HllSketches.Serializer.INSTANCE.decode(HllSketches.Serializer.INSTANCE.encode(old));

        assertThat(restored.getTgtHllType()).isEqualTo(TgtHllType.HLL_4);
        // the same users in both: the union is what either type of the old sketch gives
        assertThat(HllSketches.union(restored, current).getEstimate())
                .isEqualTo(
                        HllSketches.union(old.copyAs(TgtHllType.HLL_8), current).getEstimate())
                .isBetween(5_000 * 0.95, 5_000 * 1.05);
    }
}
