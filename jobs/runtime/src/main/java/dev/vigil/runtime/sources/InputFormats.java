package dev.vigil.runtime.sources;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.otlp.OtlpEncoding;
import dev.vigil.schema.otlp.OtlpSignal;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What each input topic carries ({@code kafka.topic-formats}): Vigil's JSON contract (every topic not listed), or
 * OTLP export requests of one signal, in protobuf or OTLP/JSON, as the OpenTelemetry Collector's Kafka exporter
 * writes them (one topic per signal).
 */
public final class InputFormats implements Serializable {
    private static final long serialVersionUID = 1L;

    /** An OTLP topic's encoding and signal. */
    public record Otlp(OtlpEncoding encoding, OtlpSignal signal) implements Serializable {}

    /** Full topic name (prefix included) to its OTLP format; topics not here carry the contract. */
    private final Map<String, Otlp> otlp;

    InputFormats(Map<String, Otlp> otlp) {
        this.otlp = otlp;
    }

    public static InputFormats from(VigilConfig config) {
        String prefix = config.get(VigilOptions.KAFKA_TOPIC_PREFIX);
        String key = VigilOptions.KAFKA_TOPIC_FORMATS.key();
        Map<String, String> seen = new HashMap<>();
        Map<String, Otlp> otlp = new HashMap<>();
        for (String entry : config.get(VigilOptions.KAFKA_TOPIC_FORMATS)) {
            int eq = entry.indexOf('=');
            String topic = eq > 0 ? entry.substring(0, eq).trim() : "";
            String format = eq > 0 ? entry.substring(eq + 1).trim().toLowerCase(Locale.ROOT) : "";
            if (topic.isEmpty() || format.isEmpty()) {
                throw new ConfigException(
                        key + ": '" + entry + "' is not TOPIC=FORMAT (e.g. otlp-logs=otlp-proto:logs)");
            }
            String before = seen.put(topic, format);
            if (before != null) {
                throw new ConfigException(key + ": the topic " + topic + " is configured twice (" + before + " and "
                        + format + "); give each topic one format");
            }
            if (format.equals("vigil")) continue;
            Otlp f = parse(format);
            if (f == null) {
                throw new ConfigException(
                        key + ": '" + format + "' for topic " + topic + " is not a format: use vigil, "
                                + "otlp-proto:SIGNAL or otlp-json:SIGNAL, SIGNAL one of logs, metrics, traces");
            }
            otlp.put(prefix + topic, f);
        }
        return new InputFormats(otlp);
    }

    private static Otlp parse(String format) {
        int colon = format.indexOf(':');
        if (colon < 0) return null;
        OtlpEncoding encoding;
        switch (format.substring(0, colon)) {
            case "otlp-proto":
                encoding = OtlpEncoding.PROTO;
                break;
            case "otlp-json":
                encoding = OtlpEncoding.JSON;
                break;
            default:
                return null;
        }
        for (OtlpSignal s : OtlpSignal.values()) {
            if (s.wireName().equals(format.substring(colon + 1))) return new Otlp(encoding, s);
        }
        return null;
    }

    /** The topic's OTLP format, or null when it carries the contract. */
    public Otlp otlp(String topic) {
        return otlp.get(topic);
    }

    /** The OTLP topics (prefix included) whose signal carries an event type the job consumes, in a stable order. */
    public List<String> otlpTopicsFor(String job) {
        Set<EventType> consumed = consumedBy(job);
        List<String> topics = new ArrayList<>();
        for (Map.Entry<String, Otlp> e : otlp.entrySet()) {
            for (EventType t : e.getValue().signal().eventTypes()) {
                if (consumed.contains(t)) {
                    topics.add(e.getKey());
                    break;
                }
            }
        }
        Collections.sort(topics);
        return topics;
    }

    /**
     * The event types a job takes from an OTLP topic; the rest of what a request holds is left to the job that
     * consumes it (a span is a journey hop for agent-logs and a timer for performance-metrics).
     */
    public static Set<EventType> consumedBy(String job) {
        switch (job) {
            case "agent-logs":
                return Set.of(EventType.AGENT_LOG);
            case "performance-metrics":
                return Set.of(EventType.PERFORMANCE_METRIC);
            case "business-events":
                return Set.of(EventType.BUSINESS_EVENT);
            case "errors":
                return Set.of(EventType.ERROR);
            default:
                return Set.of();
        }
    }
}
