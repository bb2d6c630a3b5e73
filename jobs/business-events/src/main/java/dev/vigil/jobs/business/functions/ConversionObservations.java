package dev.vigil.jobs.business.functions;

import dev.vigil.runtime.detection.Observation;
import dev.vigil.runtime.detection.patterns.KpiDropPattern;
import dev.vigil.schema.rows.FunnelRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * A funnel's conversion per window - users reaching its last step over users entering it, over all
 * dimension values - as the series the KPI-drop detector watches. Keyed by funnel name.
 */
public class ConversionObservations extends ProcessWindowFunction<FunnelRow, Observation, String, TimeWindow> {
    private final Map<String, Integer> lastStep = new HashMap<>();

    public ConversionObservations(List<FunnelDefinition> funnels) {
        for (FunnelDefinition f : funnels) lastStep.put(f.name, f.steps.length - 1);
    }

    @Override
    public void process(String funnel, Context ctx, Iterable<FunnelRow> rows, Collector<Observation> out) {
        int last = lastStep.getOrDefault(funnel, -1);
        // bucket -> {entered, completed}; a row that fired again (late data) replaces its earlier count.
        Map<Long, Map<String, long[]>> buckets = new TreeMap<>();
        for (FunnelRow r : rows) {
            if (r.step != 0 && r.step != last) continue;
            long[] counts = buckets.computeIfAbsent(r.bucket, b -> new HashMap<>()).computeIfAbsent(r.dimension, d -> new long[2]);
            counts[r.step == 0 ? 0 : 1] = r.users;
        }
        for (Map.Entry<Long, Map<String, long[]>> b : buckets.entrySet()) {
            long entered = 0;
            long completed = 0;
            long windowSeconds = 0;
            for (long[] c : b.getValue().values()) {
                entered += c[0];
                completed += c[1];
            }
            if (entered == 0) continue;
            for (FunnelRow r : rows) if (r.bucket == b.getKey()) windowSeconds = r.windowSeconds;
            out.collect(Observation.of(KpiDropPattern.METRIC, funnel, null, b.getKey(), b.getKey() + windowSeconds * 1000,
                    (double) completed / entered, entered));
        }
    }
}
