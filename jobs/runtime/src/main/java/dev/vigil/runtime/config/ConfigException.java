package dev.vigil.runtime.config;

import java.util.List;

/** Configuration problems found at start-up; each names the key and the allowed values or the fix. */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(String message) {
        this(List.of(message));
    }

    /** Every problem found in one pass, so an operator fixes them all at once rather than one per start. */
    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
