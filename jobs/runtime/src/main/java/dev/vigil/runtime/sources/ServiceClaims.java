package dev.vigil.runtime.sources;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which services each input topic may carry ({@code kafka.topic-services}). Kafka does not tell a
 * consumer who produced a record, but with one topic per producer team and ACLs that let only that
 * team's user write it, the topic is the producer's identity, and this is what it may claim.
 */
public final class ServiceClaims implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Full topic name (prefix included) to the allowed services; a pattern ending in '*' matches a prefix. */
    private final Map<String, String[]> allowed;

    ServiceClaims(Map<String, String[]> allowed) {
        this.allowed = allowed;
    }

    public static ServiceClaims from(VigilConfig config) {
        String prefix = config.get(VigilOptions.KAFKA_TOPIC_PREFIX);
        Map<String, String[]> allowed = new HashMap<>();
        for (String entry : config.get(VigilOptions.KAFKA_TOPIC_SERVICES)) {
            int eq = entry.indexOf('=');
            List<String> services = new ArrayList<>();
            if (eq > 0) {
                for (String s : entry.substring(eq + 1).split(";")) if (!s.isBlank()) services.add(s.trim());
            }
            if (eq <= 0 || services.isEmpty()) {
                throw new ConfigException(VigilOptions.KAFKA_TOPIC_SERVICES.key() + ": '" + entry
                        + "' is not TOPIC=SERVICE[;SERVICE...] (e.g. team-a.agent-logs=checkout;payments-*)");
            }
            if (allowed.put(prefix + entry.substring(0, eq).trim(), services.toArray(new String[0])) != null) {
                throw new ConfigException(VigilOptions.KAFKA_TOPIC_SERVICES.key() + ": the topic "
                        + entry.substring(0, eq).trim() + " is listed twice");
            }
        }
        return new ServiceClaims(allowed);
    }

    /** Whether an event on {@code topic} may name {@code service}. */
    public boolean allows(String topic, String service) {
        String[] patterns = allowed.get(topic);
        if (patterns == null) return true;
        for (String p : patterns) {
            if (p.endsWith("*") ? service.startsWith(p.substring(0, p.length() - 1)) : service.equals(p)) return true;
        }
        return false;
    }
}
