package dev.vigil.jobs.errors.functions;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.StackFrame;
import dev.vigil.schema.parse.ContentHash;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Puts an error into its group. Rules, in the configured order, first that applies wins:
 * {@code producer} (the event's own fingerprint), {@code stack} (service, error type and the top
 * in-app frames, without line numbers so a deploy does not split groups), {@code message} (the
 * service's message template for the error type, mined online by {@link TemplateMiner} from the
 * normalised messages; always applies).
 */
public final class ErrorFingerprinter implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Rule {
        PRODUCER,
        STACK,
        MESSAGE;

        /** The name {@code groupedBy} and the config use. */
        final String label = name().toLowerCase(Locale.ROOT);
    }

    private final Rule[] precedence;
    private final int frames;
    private final TemplateMiner miner;

    public ErrorFingerprinter(List<Rule> precedence, int frames, int maxTemplates) {
        List<Rule> rules = new ArrayList<>(precedence);
        if (!rules.contains(Rule.MESSAGE)) rules.add(Rule.MESSAGE); // every error needs a group
        this.precedence = rules.toArray(new Rule[0]);
        this.frames = frames;
        this.miner = new TemplateMiner(TemplateMiner.DEFAULT_SIMILARITY, maxTemplates);
    }

    public static ErrorFingerprinter from(VigilConfig config) {
        List<Rule> rules = new ArrayList<>();
        for (String name : config.get(VigilOptions.ERRORS_PRECEDENCE)) {
            try {
                rules.add(Rule.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(VigilOptions.ERRORS_PRECEDENCE.key() + ": unknown rule '" + name
                        + "' (allowed: producer, stack, message)");
            }
        }
        return new ErrorFingerprinter(
                rules, config.get(VigilOptions.ERRORS_FRAMES), config.get(VigilOptions.ERRORS_MAX_GROUPS));
    }

    /**
     * Sets {@code error.groupId}, {@code error.groupedBy} and, for the message rule, {@code error.template}.
     *
     * @param templates the service's message templates
     * @param now event time, for the templates' least-recently-seen eviction
     */
    public void assign(String service, ErrorEvent error, TemplateMiner.Store templates, long now) throws Exception {
        for (Rule rule : precedence) {
            if (rule == Rule.MESSAGE) {
                String normalized = MessageNormalizer.normalize(error.message);
                String type = error.errorType == null ? "" : error.errorType;
                TemplateMiner.Template t = miner.match(
                        templates,
                        type,
                        normalized,
                        "message\u0000" + (service == null ? "" : service) + "\u0000" + type + "\u0000" + normalized,
                        now);
                error.groupId = t.id;
                error.groupedBy = "message";
                error.template = t.text();
                return;
            }
            String key = key(rule, service, error);
            if (key != null) {
                error.groupId = ContentHash.hex64(key);
                error.groupedBy = rule.label;
                return;
            }
        }
    }

    /** The text a rule hashes, or null when the rule does not apply to this error. */
    private String key(Rule rule, String service, ErrorEvent e) {
        String svc = service == null ? "" : service;
        String type = e.errorType == null ? "" : e.errorType;
        switch (rule) {
            case PRODUCER:
                return e.fingerprint == null || e.fingerprint.isEmpty()
                        ? null
                        : "producer\u0000" + svc + "\u0000" + e.fingerprint;
            case STACK: {
                if (e.frames == null) return null;
                StringBuilder sb = new StringBuilder(128)
                        .append("stack\u0000")
                        .append(svc)
                        .append('\u0000')
                        .append(type);
                int used = 0;
                for (StackFrame f : e.frames) {
                    if (f == null || !f.inApp) continue;
                    sb.append('\u0000')
                            .append(f.module)
                            .append(':')
                            .append(f.function)
                            .append(':')
                            .append(f.file);
                    if (++used == frames) break;
                }
                return used == 0 ? null : sb.toString();
            }
            default:
                throw new IllegalStateException(rule.name());
        }
    }
}
