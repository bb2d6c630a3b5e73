package dev.vigil.schema.sampling;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.parse.ContentHash;

/**
 * Deterministic head sampling by correlation ID: the ID's hash places a request at one point in
 * [0, 1); it is kept wherever its rate is above that point. Every service and job makes the same
 * call for the same request, so a request is kept or dropped whole.
 */
public final class Sampler {
    private static final double TWO_POW_53 = 9007199254740992.0;

    /** Told about every dropped event; jobs count them in their {@code sampledOut} metric. */
    public interface DropListener {
        void sampledOut(Event e);
    }

    private final SamplingRules rules;
    private final DropListener onDrop;

    public Sampler(SamplingRules rules, DropListener onDrop) {
        this.rules = rules;
        this.onDrop = onDrop;
    }

    public Sampler(SamplingRules rules) {
        this(rules, e -> {});
    }

    /**
     * Decides for one event: the rate it is kept at (1.0 for always-kept events), recorded by the caller in
     * {@link Event#sampleRate} of what it sends on so counts can be re-weighted, or 0 when it is dropped (and told to
     * the drop listener). The event itself is not changed: with Flink's object reuse, the same object also goes to
     * consumers before sampling (the archive).
     */
    public double keptAt(Event e) {
        if (alwaysKept(e)) return 1.0;
        double rate = rules.rateFor(e.service, e.agentLog.level);
        if (rate >= 1.0) return 1.0;
        if (rate > 0.0 && position(e.correlationId) < rate) return rate;
        onDrop.sampledOut(e);
        return 0.0;
    }

    /** Whether the event is kept ({@link #keptAt} above 0). */
    public boolean keep(Event e) {
        return keptAt(e) > 0;
    }

    private boolean alwaysKept(Event e) {
        if (e.type != EventType.AGENT_LOG || e.agentLog == null) return true;
        String level = e.agentLog.level;
        if ("WARN".equals(level) || "ERROR".equals(level) || "FATAL".equals(level)) return true;
        if ("failure".equals(e.agentLog.outcome) || "error".equals(e.agentLog.outcome)) return true;
        Double duration = e.agentLog.durationMs;
        return duration != null && duration >= rules.slowRequestMs();
    }

    /** Where a correlation ID falls in [0, 1): the top 53 bits of its hash. */
    public static double position(String correlationId) {
        return (ContentHash.hash64(correlationId) >>> 11) / TWO_POW_53;
    }
}
