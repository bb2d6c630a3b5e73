package dev.vigil.runtime.accounting;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.sampling.Sampler;
import dev.vigil.schema.sampling.SamplingRules;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;

/** Deterministic log sampling; every dropped event is counted in {@code vigil.sampledOut}. */
public class SampleFilter extends RichFilterFunction<Event> {
    private final SamplingRules rules;
    private transient Sampler sampler;

    public SampleFilter(SamplingRules rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext context) {
        Counter sampledOut =
                getRuntimeContext().getMetricGroup().addGroup("vigil").counter("sampledOut");
        sampler = new Sampler(rules, e -> sampledOut.inc());
    }

    @Override
    public boolean filter(Event e) {
        return sampler.keep(e);
    }
}
