package dev.vigil.runtime.sketches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.datadoghq.sketch.ddsketch.DDSketch;
import org.junit.jupiter.api.Test;

class SketchesTest {
    @Test
    void extremeValuesCannotGrowASketchAndHighQuantilesStayAccurate() {
        DDSketch s = Sketches.empty();
        s.accept(1e-300); // a hostile producer's two extremes once made ~70K bins
        s.accept(1e300);
        for (int i = 1; i <= 10_000; i++) s.accept(i);
        assertThat(Sketches.encode(s).length).as("bytes").isLessThan(20_000);
        assertThat(s.getValueAtQuantile(0.99)).isCloseTo(9_901, within(9_901 * 0.011));
        assertThat(s.getValueAtQuantile(0.5)).isCloseTo(5_001, within(5_001 * 0.011));
        assertThat(s.getMaxValue()).isCloseTo(1e300, within(1e300 * 0.011));

        DDSketch decoded = Sketches.decode(Sketches.encode(s));
        assertThat(decoded.getCount()).isEqualTo(10_002);
        assertThat(decoded.getValueAtQuantile(0.99)).isEqualTo(s.getValueAtQuantile(0.99));
    }
}
