package dev.vigil.jobs.errors.functions;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.StackFrame;
import dev.vigil.schema.parse.ContentHash;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts an error into its group. Rules, in the configured order, first that applies wins:
 * {@code producer} (the event's own fingerprint), {@code stack} (service, error type and the top
 * in-app frames by their {@link FrameNames names}, without line numbers, so a restart or a deploy does
 * not split groups), {@code message} (the service's message template for the error type, mined online by
 * {@link TemplateMiner} from the normalised messages; always applies).
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
    private final int maxGroups;
    private final TemplateMiner miner;

    public ErrorFingerprinter(List<Rule> precedence, int frames, int maxGroups) {
        List<Rule> rules = new ArrayList<>(precedence);
        if (!rules.contains(Rule.MESSAGE)) rules.add(Rule.MESSAGE); // every error needs a group
        this.precedence = rules.toArray(new Rule[0]);
        this.frames = frames;
        this.maxGroups = maxGroups;
        this.miner = new TemplateMiner(TemplateMiner.DEFAULT_SIMILARITY, maxGroups);
    }

    /**
     * A service's stack groups: the group ID of each stack (its frames' names hashed) as first assigned. A group's
     * ID is the hash of its first occurrence's frames as they came, which is what the stack rule used before
     * frames were named without their generated parts: after that upgrade a group keeps its ID and is not
     * announced again, and the stacks that differ from it only in those parts join it.
     */
    public interface StackGroups {
        /** @param stack the hash of a stack's frames by their names */
        String get(long stack) throws Exception;

        void put(long stack, String groupId) throws Exception;

        /** How many stacks it holds, counted up to {@code atMost}. */
        int size(int atMost) throws Exception;
    }

    /** Stack groups in memory: the backtest's and the tests'. */
    public static final class MapStackGroups implements StackGroups {
        private final Map<Long, String> groups = new HashMap<>();

        @Override
        public String get(long stack) {
            return groups.get(stack);
        }

        @Override
        public void put(long stack, String groupId) {
            groups.put(stack, groupId);
        }

        @Override
        public int size(int atMost) {
            return Math.min(groups.size(), atMost);
        }
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
     * @param stacks the service's stack groups
     * @param now event time, for the templates' least-recently-seen eviction
     */
    public void assign(String service, ErrorEvent error, TemplateMiner.Store templates, StackGroups stacks, long now)
            throws Exception {
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
            String id = rule == Rule.PRODUCER ? producerGroup(service, error) : stackGroup(service, error, stacks);
            if (id != null) {
                error.groupId = id;
                error.groupedBy = rule.label;
                return;
            }
        }
    }

    private static String producerGroup(String service, ErrorEvent e) {
        if (e.fingerprint == null || e.fingerprint.isEmpty()) return null;
        return ContentHash.hex64("producer\u0000" + (service == null ? "" : service) + "\u0000" + e.fingerprint);
    }

    /** The group of the error's stack, or null when it has no in-app frame. */
    private String stackGroup(String service, ErrorEvent e, StackGroups stacks) throws Exception {
        String named = stackKey(service, e, true);
        if (named == null) return null;
        long stack = ContentHash.hash64(named);
        String id = stacks.get(stack);
        if (id != null) return id;
        id = ContentHash.hex64(stackKey(service, e, false));
        // at most as many stacks as groups (a producer with a random frame per error must not grow the state)
        if (stacks.size(maxGroups) < maxGroups) stacks.put(stack, id);
        return id;
    }

    /**
     * The text the stack rule hashes, or null without an in-app frame: service, error type and the top in-app
     * frames, by their {@link FrameNames names} or ({@code named} false) as they came.
     */
    private String stackKey(String service, ErrorEvent e, boolean named) {
        if (e.frames == null) return null;
        StringBuilder sb = new StringBuilder(128)
                .append("stack\u0000")
                .append(service == null ? "" : service)
                .append('\u0000')
                .append(e.errorType == null ? "" : e.errorType);
        int used = 0;
        for (StackFrame f : e.frames) {
            if (f == null || !f.inApp) continue;
            sb.append('\u0000')
                    .append(named ? FrameNames.module(f.module) : f.module)
                    .append(':')
                    .append(named ? FrameNames.function(f.function) : f.function)
                    .append(':')
                    .append(named ? FrameNames.file(f.file) : f.file);
            if (++used == frames) break;
        }
        return used == 0 ? null : sb.toString();
    }
}
