package dev.vigil.schema.masking;

import dev.vigil.schema.event.Event;
import java.util.Map;

/**
 * Applies {@link PiiMasker} to every free-text field of an event and to attribute, property and tag
 * values (deny-listed names are masked whole). Runs in every job before any sink.
 */
public final class EventMasker {
    private final PiiMasker masker;

    public EventMasker(PiiMasker masker) {
        this.masker = masker;
    }

    /** Masks {@code e} in place and returns it. */
    public Event mask(Event e) {
        e.host = masker.mask(e.host);
        e.instance = masker.mask(e.instance);
        maskMap(e.attributes);
        if (e.agentLog != null) {
            e.agentLog.message = masker.mask(e.agentLog.message);
        }
        if (e.business != null) {
            e.business.userId = masker.mask(e.business.userId);
            e.business.accountId = masker.mask(e.business.accountId);
            maskMap(e.business.properties);
        }
        if (e.metric != null) {
            e.metric.operation = masker.mask(e.metric.operation);
            maskMap(e.metric.tags);
        }
        if (e.error != null) {
            e.error.message = masker.mask(e.error.message);
            e.error.userId = masker.mask(e.error.userId);
            e.error.operation = masker.mask(e.error.operation);
        }
        return e;
    }

    private void maskMap(Map<String, String> map) {
        if (map == null) return;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            String v = entry.getValue();
            String masked = masker.isDeniedField(entry.getKey()) ? masker.maskDeniedValue(v) : masker.mask(v);
            if (masked != v) entry.setValue(masked);
        }
    }
}
