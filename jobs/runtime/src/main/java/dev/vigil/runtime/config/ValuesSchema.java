package dev.vigil.runtime.config;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sections of the Helm chart's {@code values.schema.json} that are Vigil options as they are
 * ({@code sampling}, {@code windows}, {@code detection}, {@code alerting}, {@code hot-tier}), generated from
 * {@link VigilOptions}: every option the jobs accept there can be set in the chart, and a value the jobs
 * would refuse fails {@code helm install}. The rest of the schema (image, jobs, secrets) is the chart's own.
 * Regenerate: {@code java -cp ... dev.vigil.runtime.config.ValuesSchema helm/vigil/values.schema.json}.
 */
public final class ValuesSchema {
    public static final List<String> SECTIONS = List.of("sampling", "windows", "detection", "alerting", "hot-tier");
    /** Set by the chart from a mounted Secret, never a value. */
    static final String CHART_SET = "alerting.signing-key-file";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DURATION = "^[0-9]+(" + Durations.UNITS + ")$";
    private static final String DURATION_OR_ZERO = "^(0|[0-9]+(" + Durations.UNITS + "))$";

    private ValuesSchema() {}

    /** The whole schema file with the generated sections replaced; everything else kept as it is. */
    public static String render(String schemaFile) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(schemaFile);
        ObjectNode properties = root.with("properties");
        for (String section : SECTIONS) properties.set(section, object());
        for (ConfigOption<?> o : VigilOptions.all()) {
            String[] parts = o.key().split("\\.");
            if (!SECTIONS.contains(parts[0]) || o.key().equals(CHART_SET)) continue;
            ObjectNode node = (ObjectNode) properties.get(parts[0]);
            for (int i = 1; i < parts.length - 1; i++) {
                ObjectNode props = node.with("properties");
                if (!props.has(parts[i])) props.set(parts[i], object());
                node = (ObjectNode) props.get(parts[i]);
            }
            node.with("properties").set(parts[parts.length - 1], option(o));
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(printer).writeValueAsString(root) + "\n";
    }

    private static ObjectNode object() {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "object");
        n.put("additionalProperties", false);
        n.putObject("properties");
        return n;
    }

    static ObjectNode option(ConfigOption<?> o) {
        ObjectNode n = JSON.createObjectNode();
        switch (o.type()) {
            case "integer", "number" -> {
                n.put("type", o.type());
                String[] range = o.allowed().get(0).split("\\.\\.");
                if (o.type().equals("integer")) {
                    n.put("minimum", Long.parseLong(range[0]));
                    n.put("maximum", Long.parseLong(range[1]));
                } else {
                    n.put("minimum", Double.parseDouble(range[0]));
                    n.put("maximum", Double.parseDouble(range[1]));
                }
            }
            case "boolean" -> n.put("type", "boolean");
            case "duration" -> {
                n.put("type", "string");
                n.put("pattern", o.allowed().get(0).startsWith(">=") ? DURATION_OR_ZERO : DURATION);
            }
            case "choice" -> {
                var values = n.putArray("enum");
                o.allowed().forEach(values::add);
            }
            case "list of strings" -> {
                n.put("type", "array");
                n.putObject("items").put("type", "string");
            }
            default -> n.put("type", "string");
        }
        n.put("description", o.description());
        return n;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Files.writeString(file, render(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
