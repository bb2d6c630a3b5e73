package dev.vigil.jobs.alerting.functions;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.Durations;
import dev.vigil.runtime.config.VigilOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One escalation step ({@code alerting.escalation}): an alert of severity {@code from} becomes
 * {@code to} when it has fired for {@code afterMillis} at that severity, or when its observed value
 * reached {@code rateFactor} times the value it had when it took that severity (0: no rate rule).
 */
public final class EscalationStep implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String from;
    public final String to;
    public final long afterMillis;
    public final double rateFactor;

    public EscalationStep(String from, String to, long afterMillis, double rateFactor) {
        this.from = from;
        this.to = to;
        this.afterMillis = afterMillis;
        this.rateFactor = rateFactor;
    }

    /** Parses {@code FROM>TO;after=DURATION[;rate-factor=X]} entries; a bad one names the key and the rule. */
    public static List<EscalationStep> parse(List<String> entries) {
        String key = VigilOptions.ALERT_ESCALATION.key();
        List<EscalationStep> steps = new ArrayList<>();
        for (String entry : entries) {
            String[] parts = entry.split(";");
            String[] fromTo = parts[0].split(">");
            if (fromTo.length != 2 || fromTo[0].isBlank() || fromTo[1].isBlank()) {
                throw new ConfigException(key + ": '" + entry
                        + "' must start with FROM>TO, e.g. warning>critical;after=15min;rate-factor=2");
            }
            long after = -1;
            double rate = 0;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length != 2)
                    throw new ConfigException(
                            key + ": '" + parts[i] + "' in '" + entry + "' must be name=value (after, rate-factor)");
                switch (kv[0].trim()) {
                    case "after" -> {
                        try {
                            after = Durations.parseMillis(kv[1].trim());
                        } catch (IllegalArgumentException e) {
                            throw new ConfigException(
                                    key + ": after=" + kv[1] + " is not a duration (e.g. 30s, 15min, 1h)");
                        }
                    }
                    case "rate-factor" -> {
                        try {
                            rate = Double.parseDouble(kv[1].trim());
                        } catch (NumberFormatException e) {
                            rate = -1;
                        }
                        if (!(rate > 1))
                            throw new ConfigException(key + ": rate-factor=" + kv[1] + " must be a number above 1");
                    }
                    default ->
                        throw new ConfigException(key + ": unknown setting '" + kv[0] + "' in '" + entry
                                + "' (allowed: after, rate-factor)");
                }
            }
            if (after <= 0) throw new ConfigException(key + ": '" + entry + "' needs after=DURATION (> 0)");
            steps.add(new EscalationStep(fromTo[0].trim(), fromTo[1].trim(), after, rate));
        }
        return steps;
    }

    /** The step that applies to an alert of {@code severity}, or null. */
    public static EscalationStep from(List<EscalationStep> steps, String severity) {
        for (EscalationStep s : steps) if (s.from.equals(severity)) return s;
        return null;
    }
}
