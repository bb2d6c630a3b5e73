package dev.vigil.runtime.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The validated configuration of one job run. Layers, later wins: option defaults, the YAML file,
 * environment variables ({@code VIGIL_} + key upper-cased, dots and dashes as underscores, e.g.
 * {@code VIGIL_KAFKA_BOOTSTRAP_SERVERS}), then {@code --set key=value}. Any problem stops start-up
 * with a {@link ConfigException} that names the key and the allowed values.
 */
public final class VigilConfig {
    private final Map<String, Object> values;

    private VigilConfig(Map<String, Object> values) {
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigOption<T> option) {
        return (T) values.get(option.key());
    }

    /** Reads {@code --config FILE} and {@code --set key=value} from the job's arguments. */
    public static VigilConfig fromArgs(String[] args, Map<String, String> env) {
        Path file = null;
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else if (args[i].equals("--set") && i + 1 < args.length) {
                sets.add(args[++i]);
            } else {
                throw new ConfigException(
                        "unknown argument '" + args[i] + "' (allowed: --config FILE, --set key=value)");
            }
        }
        String yaml = "";
        if (file != null) {
            try {
                yaml = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException("--config: cannot read " + file + ": " + e.getMessage());
            }
        }
        return load(yaml, sets, env);
    }

    /** Loads and checks every option; a {@link ConfigException} lists every problem found, not just the first. */
    public static VigilConfig load(String yaml, List<String> sets, Map<String, String> env) {
        Map<String, String> raw = new HashMap<>();
        flattenYaml(yaml, raw);
        for (ConfigOption<?> o : VigilOptions.all()) {
            String v = env.get(envName(o.key()));
            if (v != null) raw.put(o.key(), v);
        }
        List<String> problems = new ArrayList<>();
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                problems.add("--set expects key=value, got '" + set + "'");
                continue;
            }
            raw.put(set.substring(0, eq).trim(), set.substring(eq + 1));
        }
        for (String key : new java.util.TreeSet<>(raw.keySet())) {
            if (key.equals("state.rocksdb-incremental")) {
                problems.add("state.rocksdb-incremental: replaced by state.<job>.backend (rocksdb or hashmap) per job, "
                        + "e.g. state: {errors: {backend: hashmap}}; remove it (docs/configuration.md)");
            } else if (VigilOptions.find(key) == null) {
                problems.add("unknown key '" + key + "'" + suggestion(key)
                        + "; every option is listed in docs/configuration.md");
            }
        }
        Map<String, Object> values = new HashMap<>();
        for (ConfigOption<?> o : VigilOptions.all()) {
            String v = raw.get(o.key());
            try {
                values.put(o.key(), v == null ? o.defaultValue() : o.parse(v));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
                values.put(o.key(), o.defaultValue());
            }
        }
        VigilConfig config = new VigilConfig(values);
        if (problems.isEmpty()) config.checkCombinations(problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return config;
    }

    /** Rules that involve more than one option. */
    private void checkCombinations(List<String> problems) {
        for (String job : VigilOptions.WINDOWED_JOBS) {
            long size = get(VigilOptions.<Long>window(job, "size"));
            long slide = get(VigilOptions.<Long>window(job, "slide"));
            if (get(VigilOptions.<VigilOptions.WindowType>window(job, "type")) == VigilOptions.WindowType.SLIDING
                    && slide > size) {
                problems.add("windows." + job + ".slide: " + slide + " ms is larger than windows." + job + ".size ("
                        + size + " ms) (allowed: a slide <= the size)");
            } else if (size % slide != 0
                    && get(VigilOptions.<VigilOptions.WindowType>window(job, "type"))
                            == VigilOptions.WindowType.SLIDING) {
                problems.add("windows." + job + ".slide: the size (" + size + " ms) must be a multiple of the slide ("
                        + slide + " ms) (allowed: a divisor of the size)");
            }
        }
        VigilOptions.SecurityProtocol protocol = get(VigilOptions.KAFKA_SECURITY_PROTOCOL);
        if (protocol.name().startsWith("SASL")
                && (get(VigilOptions.KAFKA_SASL_USERNAME).isEmpty()
                        || get(VigilOptions.KAFKA_SASL_PASSWORD_FILE).isEmpty())) {
            problems.add(
                    "kafka.sasl.username and kafka.sasl.password-file are required when kafka.security.protocol is "
                            + protocol.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }

    static String envName(String key) {
        return "VIGIL_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String suggestion(String key) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (ConfigOption<?> o : VigilOptions.all()) {
            int d = distance(key, o.key());
            if (d < bestScore) {
                bestScore = d;
                best = o.key();
            }
        }
        return best != null && bestScore <= Math.max(2, key.length() / 4) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(
                        Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static void flattenYaml(String yaml, Map<String, String> out) {
        if (yaml.isBlank()) return;
        Object root;
        try (Reader r = new java.io.StringReader(yaml)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("the config file is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null) return;
        if (!(root instanceof Map)) throw new ConfigException("the config file must be a YAML mapping of options");
        flatten("", (Map<?, ?>) root, out);
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map) {
                flatten(key + ".", (Map<?, ?>) v, out);
            } else if (v instanceof List) {
                List<String> items = new ArrayList<>();
                for (Object item : (List<?>) v) items.add(String.valueOf(item));
                out.put(key, String.join(",", items));
            } else {
                out.put(key, v == null ? "" : String.valueOf(v));
            }
        }
    }
}
