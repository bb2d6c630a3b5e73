package dev.vigil.jobs.business.functions;

import dev.vigil.runtime.windows.FlushingCombiner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts funnel steps per funnel, cohort and step inside the funnel-progress task, so {@link FunnelCohorts}
 * (keyed by funnel: one subtask per funnel) reads and writes its RocksDB map once per cohort and watermark
 * instead of once per step, and the shuffle carries a few counts instead of every step.
 */
public final class CohortCombiner extends FlushingCombiner<FunnelStep, CohortSteps> {
    private final Map<String, Integer> stepsPerFunnel = new HashMap<>();
    private final long windowMillis;
    private transient Map<Cohort, CohortSteps> buffer;
    private transient Cohort probe;

    public CohortCombiner(List<FunnelDefinition> funnels, long windowMillis) {
        for (FunnelDefinition f : funnels) stepsPerFunnel.put(f.name, f.steps.length);
        this.windowMillis = windowMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        buffer = new HashMap<>();
        probe = new Cohort();
    }

    @Override
    public void processElement(StreamRecord<FunnelStep> record) {
        FunnelStep s = record.getValue();
        probe.funnel = s.funnel;
        probe.start = Math.floorDiv(s.runStart, windowMillis) * windowMillis;
        CohortSteps counts = buffer.get(probe);
        if (counts == null) {
            counts = new CohortSteps();
            counts.funnel = s.funnel;
            counts.start = probe.start;
            counts.reached = new long[stepsPerFunnel.get(s.funnel)];
            Cohort key = new Cohort();
            key.funnel = probe.funnel;
            key.start = probe.start;
            buffer.put(key, counts);
        }
        counts.reached[s.step]++;
    }

    @Override
    protected void flush() {
        for (CohortSteps counts : buffer.values()) output.collect(new StreamRecord<>(counts, counts.start));
        buffer.clear();
    }

    /** A buffer key; the probe is reused, so a lookup allocates nothing. */
    private static final class Cohort {
        String funnel;
        long start;

        @Override
        public boolean equals(Object o) {
            return o instanceof Cohort c && c.start == start && c.funnel.equals(funnel);
        }

        @Override
        public int hashCode() {
            return 31 * funnel.hashCode() + Long.hashCode(start);
        }
    }
}
