package dev.vigil.runtime.accounting;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.sampling.Sampler;
import dev.vigil.schema.sampling.SamplingRules;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Deterministic log sampling; every dropped event is counted in {@code vigil.sampledOut}. A kept event goes on with
 * the rate it was kept at; one kept below 1.0 goes on as a copy, since with object reuse the same object also reaches
 * the consumers before sampling (the archive), whose rows must not change with the sampling downstream.
 */
public class SampleEvents extends RichFlatMapFunction<Event, Event> {
    private final SamplingRules rules;
    private transient Sampler sampler;

    public SampleEvents(SamplingRules rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext context) {
        Counter sampledOut =
                getRuntimeContext().getMetricGroup().addGroup("vigil").counter("sampledOut");
        sampler = new Sampler(rules, e -> sampledOut.inc());
    }

    @Override
    public void flatMap(Event e, Collector<Event> out) {
        double rate = sampler.keptAt(e);
        if (rate <= 0) return;
        if (rate == e.sampleRate) {
            out.collect(e);
        } else {
            Event kept = e.shallowCopy();
            kept.sampleRate = rate;
            out.collect(kept);
        }
    }
}
