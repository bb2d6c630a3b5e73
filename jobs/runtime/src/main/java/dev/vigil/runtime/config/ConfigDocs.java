package dev.vigil.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Generates {@code docs/configuration.md} from {@link VigilOptions}: run {@code main} with the output path. */
public final class ConfigDocs {
    private ConfigDocs() {}

    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n")
                .append(
                        "<!-- Generated from VigilOptions by ConfigDocs; do not edit by hand. A test fails when this file is stale. -->\n\n")
                .append(
                        "Each job reads one YAML file (`--config FILE`; nested keys or dotted keys), then environment variables ")
                .append(
                        "(`VIGIL_` + the key upper-cased with `.` and `-` as `_`, e.g. `VIGIL_KAFKA_BOOTSTRAP_SERVERS`), then ")
                .append(
                        "`--set key=value` arguments; later wins. Unknown keys, wrong types and impossible values stop the job at ")
                .append(
                        "start-up with a message naming the key and the allowed values. Durations take `ms`, `s`, `min` (or `m`), `h`, `d`. ")
                .append(
                        "Secrets are never values here: options ending in `-file` or `-env` name where to read them.\n\n")
                .append("| key | type | default | allowed | description |\n|---|---|---|---|---|\n");
        for (ConfigOption<?> o : VigilOptions.all()) {
            md.append("| `")
                    .append(o.key())
                    .append("` | ")
                    .append(o.type())
                    .append(" | ")
                    .append(format(o))
                    .append(" | ")
                    .append(String.join(", ", o.allowed()))
                    .append(" | ")
                    .append(o.description())
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String format(ConfigOption<?> o) {
        Object d = o.defaultValue();
        if (d instanceof List)
            return ((List<?>) d).isEmpty() ? "(unset)" : "`" + String.join(",", (List<String>) d) + "`";
        if (o.type().equals("duration")) return "`" + d + "ms`";
        if (d instanceof Enum)
            return "`" + ((Enum<?>) d).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "`";
        return String.valueOf(d).isEmpty() ? "(empty)" : "`" + d + "`";
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), render(), StandardCharsets.UTF_8);
    }
}
