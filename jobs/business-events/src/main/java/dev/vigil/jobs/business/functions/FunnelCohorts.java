package dev.vigil.jobs.business.functions;

import dev.vigil.runtime.detection.Observation;
import dev.vigil.runtime.detection.patterns.KpiDropPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A funnel's conversion per window as the series the KPI-drop detector watches, keyed by funnel: of
 * the users who entered the funnel (its first step) in a window, the share that reached its last
 * step. A user counts in the window their run started in, so the share is in [0, 1] by construction
 * (completions of earlier entrants never inflate a later window). A window is decided, and its
 * observation emitted, at its end plus the funnel's {@code within}: what its entrants reached by then
 * counts (a run may take up to {@code within} per step, but waiting for the slowest would report a
 * drop an hour late for a 30-minute funnel of three steps; the baseline learns the usual share either
 * way). Users reaching each step are counted too, so the observation names the step most users
 * stopped at. Its input is counted per cohort and step before the shuffle ({@link CohortCombiner}).
 */
public class FunnelCohorts extends KeyedProcessFunction<String, CohortSteps, Observation> {
    private final Map<String, FunnelDefinition> funnels = new HashMap<>();
    private final long windowMillis;
    /** Users of a window's cohort reaching each step, by window start. */
    private transient MapState<Long, long[]> cohorts;

    public FunnelCohorts(List<FunnelDefinition> funnels, long windowMillis) {
        for (FunnelDefinition f : funnels) this.funnels.put(f.name, f);
        this.windowMillis = windowMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        cohorts = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "cohorts", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    /** When the conversion of the window starting at {@code start} is decided: its end plus the funnel's {@code within}. */
    long decidedAt(FunnelDefinition f, long start) {
        return start + windowMillis - 1 + f.withinMillis;
    }

    @Override
    public void processElement(CohortSteps counts, Context ctx, Collector<Observation> out) throws Exception {
        FunnelDefinition f = funnels.get(counts.funnel);
        long decided = decidedAt(f, counts.start);
        if (decided <= ctx.timerService().currentWatermark()) return; // that window's conversion was already reported
        long[] reached = cohorts.get(counts.start);
        if (reached == null) {
            reached = new long[f.steps.length];
            ctx.timerService().registerEventTimeTimer(decided);
        }
        for (int i = 0; i < reached.length; i++) reached[i] += counts.reached[i];
        cohorts.put(counts.start, reached);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Observation> out) throws Exception {
        FunnelDefinition f = funnels.get(ctx.getCurrentKey());
        List<Long> done = new ArrayList<>();
        for (Map.Entry<Long, long[]> c : cohorts.entries()) {
            if (decidedAt(f, c.getKey()) > time) continue;
            done.add(c.getKey());
            long[] reached = c.getValue();
            if (reached[0] == 0)
                continue; // later steps of runs whose start was counted in another window cannot happen, but never
            // divide by 0
            Observation o = Observation.of(
                    KpiDropPattern.METRIC,
                    f.name,
                    null,
                    c.getKey(),
                    c.getKey() + windowMillis,
                    (double) reached[reached.length - 1] / reached[0],
                    reached[0]);
            o.detail = biggestDrop(f, reached);
            out.collect(o);
        }
        for (Long start : done) cohorts.remove(start);
    }

    /** "most stopped after signup: 62% of the 50 who reached it did not reach cart". */
    static String biggestDrop(FunnelDefinition f, long[] reached) {
        int worst = -1;
        double worstLoss = -1;
        for (int i = 0; i + 1 < reached.length; i++) {
            if (reached[i] == 0) continue;
            double loss = 1 - (double) reached[i + 1] / reached[i];
            if (loss > worstLoss) {
                worstLoss = loss;
                worst = i;
            }
        }
        if (worst < 0) return "";
        return String.format(
                Locale.ROOT,
                "most stopped after %s: %.0f%% of the %d who reached it did not reach %s",
                f.steps[worst],
                100 * worstLoss,
                reached[worst],
                f.steps[worst + 1]);
    }
}
