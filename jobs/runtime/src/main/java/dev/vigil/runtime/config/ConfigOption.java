package dev.vigil.runtime.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration option: its key, type, default, allowed values and documentation, declared once
 * in {@link VigilOptions}. Parsing and validation messages name the key and what is allowed.
 */
public final class ConfigOption<T> {
    private final String key;
    private final String type;
    private final T defaultValue;
    private final String description;
    private final List<String> allowed;
    private final Function<String, T> parser;
    private final Function<T, String> check;

    private ConfigOption(
            String key,
            String type,
            T defaultValue,
            String description,
            List<String> allowed,
            Function<String, T> parser,
            Function<T, String> check) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.allowed = allowed;
        this.parser = parser;
        this.check = check;
    }

    public String key() {
        return key;
    }

    public String type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public List<String> allowed() {
        return allowed;
    }

    /** Parses and checks a raw value; throws {@link ConfigException} naming the key and the allowed values. */
    T parse(String raw) {
        T value;
        try {
            value = parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(key + ": '" + raw + "' is not a valid " + type + allowedHint());
        }
        String problem = check == null ? null : check.apply(value);
        if (problem != null) {
            throw new ConfigException(key + ": " + problem + allowedHint());
        }
        return value;
    }

    private String allowedHint() {
        return allowed.isEmpty() ? "" : " (allowed: " + String.join(", ", allowed) + ")";
    }

    // ---- builders ---------------------------------------------------------------------------------

    public static Builder key(String key) {
        return new Builder(key);
    }

    /** Starts an option declaration; finish with one of the typed methods. */
    public static final class Builder {
        private final String key;
        private String description = "";

        private Builder(String key) {
            this.key = key;
        }

        public Builder doc(String description) {
            this.description = description;
            return this;
        }

        public ConfigOption<String> string(String defaultValue) {
            return new ConfigOption<>(key, "string", defaultValue, description, List.of(), s -> s, null);
        }

        /** A string matching {@code regex} (checked once at start-up, never on a hot path); {@code allowed} says it in words. */
        public ConfigOption<String> pattern(String defaultValue, String regex, String allowed) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
            return new ConfigOption<>(
                    key,
                    "string",
                    defaultValue,
                    description,
                    List.of(allowed),
                    s -> s,
                    s -> p.matcher(s).matches() ? null : "'" + s + "' is not allowed");
        }

        public ConfigOption<String> nonEmptyString(String defaultValue) {
            return new ConfigOption<>(
                    key,
                    "string",
                    defaultValue,
                    description,
                    List.of(),
                    s -> s,
                    s -> s.isEmpty() ? "must not be empty" : null);
        }

        public ConfigOption<List<String>> list(List<String> defaultValue) {
            return new ConfigOption<>(
                    key,
                    "list of strings",
                    defaultValue,
                    description,
                    List.of(),
                    s -> s.isEmpty() ? List.of() : List.of(s.split("\\s*,\\s*")),
                    // An option that is empty by default (alerting.teams) may be set empty; one with entries may not
                    // lose them all.
                    l -> l.isEmpty() && !defaultValue.isEmpty() ? "must list at least one value" : null);
        }

        public ConfigOption<Integer> integer(int defaultValue, int min, int max) {
            return new ConfigOption<>(
                    key,
                    "integer",
                    defaultValue,
                    description,
                    List.of(min + ".." + max),
                    Integer::parseInt,
                    v -> v < min || v > max ? v + " is out of range" : null);
        }

        public ConfigOption<Double> fraction(double defaultValue) {
            return new ConfigOption<>(
                    key,
                    "number",
                    defaultValue,
                    description,
                    List.of("0.0..1.0"),
                    Double::parseDouble,
                    v -> !(v >= 0.0 && v <= 1.0) ? v + " is out of range" : null);
        }

        public ConfigOption<Double> decimal(double defaultValue, double min, double max) {
            return new ConfigOption<>(
                    key,
                    "number",
                    defaultValue,
                    description,
                    List.of(min + ".." + max),
                    Double::parseDouble,
                    v -> !(v >= min && v <= max) ? v + " is out of range" : null);
        }

        public ConfigOption<Boolean> bool(boolean defaultValue) {
            return new ConfigOption<>(
                    key,
                    "boolean",
                    defaultValue,
                    description,
                    List.of("true", "false"),
                    s -> {
                        if (s.equals("true")) return true;
                        if (s.equals("false")) return false;
                        throw new IllegalArgumentException(s);
                    },
                    null);
        }

        /** A duration such as 500ms, 10s, 5min, 1h, 7d; {@code allowZero} for "off" values. */
        public ConfigOption<Long> duration(String defaultValue, boolean allowZero) {
            return new ConfigOption<>(
                    key,
                    "duration",
                    Durations.parseMillis(defaultValue),
                    description,
                    List.of(
                            allowZero
                                    ? ">= 0, e.g. 0, 500ms, 10s, 5min, 1h, 7d"
                                    : "> 0, e.g. 500ms, 10s, 5min, 1h, 7d"),
                    Durations::parseMillis,
                    v -> v < 0 || (!allowZero && v == 0) ? "must be " + (allowZero ? ">= 0" : "> 0") : null);
        }

        public <E extends Enum<E>> ConfigOption<E> choice(Class<E> type, E defaultValue) {
            List<String> names = new java.util.ArrayList<>();
            for (E e : type.getEnumConstants())
                names.add(e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            return new ConfigOption<>(
                    key,
                    "choice",
                    defaultValue,
                    description,
                    names,
                    s -> Enum.valueOf(type, s.toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                    null);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigOption && ((ConfigOption<?>) o).key.equals(key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key);
    }
}
