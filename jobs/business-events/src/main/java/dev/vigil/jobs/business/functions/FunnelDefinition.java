package dev.vigil.jobs.business.functions;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.Durations;
import dev.vigil.runtime.config.VigilOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One funnel from config: {@code name=checkout;steps=signup>checkout_started>purchase;within=30min;by=country}. */
public final class FunnelDefinition implements Serializable {
    public final String name;
    public final String[] steps;
    public final long withinMillis;
    /** The property that splits the funnel, or null. */
    public final String by;

    FunnelDefinition(String name, String[] steps, long withinMillis, String by) {
        this.name = name;
        this.steps = steps;
        this.withinMillis = withinMillis;
        this.by = by;
    }

    public static List<FunnelDefinition> parseAll(List<String> entries) {
        List<FunnelDefinition> funnels = new ArrayList<>();
        for (String entry : entries) {
            FunnelDefinition f = parse(entry);
            for (FunnelDefinition other : funnels) {
                if (other.name.equals(f.name)) throw error(entry, "the name " + f.name + " is used twice");
            }
            funnels.add(f);
        }
        return funnels;
    }

    static FunnelDefinition parse(String entry) {
        String name = null;
        String[] steps = null;
        Long within = null;
        String by = null;
        for (String part : entry.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw error(entry, "'" + part + "' is not key=value");
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            switch (key) {
                case "name":
                    name = value;
                    break;
                case "steps":
                    steps = Arrays.stream(value.split(">")).map(String::trim).toArray(String[]::new);
                    break;
                case "within":
                    try {
                        within = Durations.parseMillis(value);
                    } catch (IllegalArgumentException e) {
                        throw error(entry, "within '" + value + "' is not a duration such as 30min");
                    }
                    break;
                case "by":
                    by = value;
                    break;
                default:
                    throw error(entry, "unknown field '" + key + "' (allowed: name, steps, within, by)");
            }
        }
        if (name == null || name.isEmpty()) throw error(entry, "name is missing");
        if (steps == null || steps.length < 2 || Arrays.stream(steps).anyMatch(String::isEmpty))
            throw error(entry, "steps needs two or more event names, e.g. steps=signup>purchase");
        if (within == null || within <= 0) throw error(entry, "within is missing or not positive");
        return new FunnelDefinition(name, steps, within, by);
    }

    private static ConfigException error(String entry, String problem) {
        return new ConfigException(VigilOptions.FUNNELS.key() + ": '" + entry + "': " + problem);
    }

    /** The index of {@code eventName} among the steps, or -1. */
    int stepOf(String eventName) {
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].equals(eventName)) return i;
        }
        return -1;
    }
}
