package dev.vigil.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads credentials from files or the environment; never from the config, never logged. */
public final class Secrets {
    private Secrets() {}

    /** The trimmed content of {@code file}, or "" when no file is configured. */
    public static String fromFile(String file, String key) {
        if (file == null || file.isEmpty()) return "";
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new ConfigException(
                    key + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The environment variable named {@code envName}, else the content of {@code file}, else null. */
    public static byte[] fromEnvOrFile(Map<String, String> env, String envName, String file, String key) {
        String v = env.get(envName);
        if (v == null || v.isEmpty()) v = fromFile(file, key);
        return v == null || v.isEmpty() ? null : v.getBytes(StandardCharsets.UTF_8);
    }
}
