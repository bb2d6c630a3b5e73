package dev.vigil.runtime.accounting;

import dev.vigil.runtime.sources.ParsedRecord;
import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.masking.EventMasker;
import dev.vigil.schema.masking.MaskingRules;
import dev.vigil.schema.masking.PiiMasker;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * First operator after the source: dead letters go to their side output (counted by reason); valid
 * events are masked (nothing downstream ever sees raw PII) and counted as processed.
 */
public class ContractGate extends ProcessFunction<ParsedRecord, Event> {
    private final MaskingRules rules;
    private final MaskingKeySource keySource;
    private transient EventMasker masker;
    private transient Counter processed;
    private transient Map<DeadLetterReason, Counter> deadLettered;

    public ContractGate(MaskingRules rules, MaskingKeySource keySource) {
        this.rules = rules;
        this.keySource = keySource;
    }

    @Override
    public void open(OpenContext context) {
        masker = new EventMasker(new PiiMasker(rules, keySource.read(System.getenv())));
        MetricGroup vigil = getRuntimeContext().getMetricGroup().addGroup("vigil");
        processed = vigil.counter("processed");
        deadLettered = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason r : DeadLetterReason.values()) {
            deadLettered.put(r, vigil.addGroup("deadLettered", r.name()).counter("records"));
        }
    }

    @Override
    public void processElement(ParsedRecord record, Context ctx, Collector<Event> out) {
        if (record.deadLetter != null) {
            DeadLetter d = record.deadLetter;
            deadLettered.get(d.reason).inc();
            ctx.output(Outcomes.DEAD_LETTERS, d);
            return;
        }
        processed.inc();
        out.collect(masker.mask(record.event));
    }
}
