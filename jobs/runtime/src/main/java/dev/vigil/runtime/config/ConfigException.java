package dev.vigil.runtime.config;

/** A configuration problem found at start-up; the message names the key and the allowed values. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
