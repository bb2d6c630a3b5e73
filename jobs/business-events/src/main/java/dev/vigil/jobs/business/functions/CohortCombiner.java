package dev.vigil.jobs.business.functions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts funnel steps per funnel, cohort and step inside the funnel-progress task, so {@link FunnelCohorts}
 * (keyed by funnel: one subtask per funnel) reads and writes its RocksDB map once per cohort and watermark
 * instead of once per step, and the shuffle carries a few counts instead of every step. The counts leave
 * before each watermark, before each checkpoint barrier and at the end of input, so a step is judged against
 * the same watermark downstream as if it had been sent alone, and the combiner keeps no state.
 */
public final class CohortCombiner extends AbstractStreamOperator<CohortSteps>
        implements OneInputStreamOperator<FunnelStep, CohortSteps>, BoundedOneInput {
    private final Map<String, Integer> stepsPerFunnel = new HashMap<>();
    private final long windowMillis;
    private transient Map<Cohort, CohortSteps> buffer;
    private transient Cohort probe;

    public CohortCombiner(List<FunnelDefinition> funnels, long windowMillis) {
        for (FunnelDefinition f : funnels) stepsPerFunnel.put(f.name, f.steps.length);
        this.windowMillis = windowMillis;
        this.chainingStrategy = ChainingStrategy.ALWAYS;
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
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) {
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
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
