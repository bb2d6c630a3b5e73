package dev.vigil.jobs.metrics.functions;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.vigil.runtime.sketches.DDSketchTypeInfo;
import dev.vigil.runtime.sketches.Sketches;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** Mergeable statistics of observations: count, sum, min, max and a DDSketch; never the raw values. */
public class TimingStats {
    public long count;
    public double sum;
    public double min = Double.POSITIVE_INFINITY;
    public double max = Double.NEGATIVE_INFINITY;
    public String unit;

    @TypeInfo(DDSketchTypeInfo.Factory.class)
    public DDSketch sketch = Sketches.empty();

    public TimingStats() {}

    public void add(double value) {
        count++;
        sum += value;
        if (value < min) min = value;
        if (value > max) max = value;
        sketch.accept(value);
    }

    TimingStats merge(TimingStats other) {
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (unit == null) unit = other.unit;
        sketch.mergeWith(other.sketch);
        return this;
    }
}
