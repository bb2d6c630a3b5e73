package dev.vigil.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart's default values for Vigil options are the options' declared defaults: a value the chart
 * ships that differs from the code's default is drift (a job behaves differently on Kubernetes than
 * in every test), unless it is one of the deliberate in-cluster settings listed here with its reason.
 */
class ChartValuesTest {
    /** Chart values that differ from the code on purpose. */
    private static final Map<String, String> IN_CLUSTER = Map.of(
            "alerting.alertmanager-url",
            "the Prometheus Operator's Alertmanager service, not the local stack's loopback one");

    @Test
    void everyVigilOptionTheChartSetsHasItsDeclaredDefault() throws IOException {
        Map<String, Object> values = new Yaml().load(Files.readString(repoRoot().resolve("helm/vigil/values.yaml")));
        Map<String, Object> leaves = new TreeMap<>();
        for (String section : ValuesSchema.SECTIONS) flatten(section, values.get(section), leaves);
        assertThat(leaves)
                .as("the chart sets the windows of every job")
                .containsKeys(VigilOptions.WINDOWED_JOBS.stream()
                        .map(j -> "windows." + j + ".size")
                        .toArray(String[]::new));

        VigilConfig chart = VigilConfig.load(new Yaml().dump(subtree(values)), List.of(), Map.of());
        Map<String, String> differing = new TreeMap<>();
        for (String key : leaves.keySet()) {
            ConfigOption<?> option = VigilOptions.all().stream()
                    .filter(o -> o.key().equals(key))
                    .findFirst()
                    .orElse(null);
            assertThat(option)
                    .as("values.yaml sets %s, which no option declares", key)
                    .isNotNull();
            Object shipped = chart.get(option);
            if (!shipped.equals(option.defaultValue()) && !IN_CLUSTER.containsKey(key)) {
                differing.put(key, "chart " + leaves.get(key) + ", code " + option.defaultValue());
            }
        }
        assertThat(differing)
                .as("chart defaults that differ from the declared ones (VigilOptions)")
                .isEmpty();
    }

    /** The chart's own elasticsearch.fieldNames offers what the option allows, defaulting as the code does. */
    @Test
    @SuppressWarnings("unchecked")
    void theChartsFieldNamesAreTheOptionsChoices() throws IOException {
        Map<String, Object> values = new Yaml().load(Files.readString(repoRoot().resolve("helm/vigil/values.yaml")));
        Object shipped = ((Map<String, Object>) values.get("elasticsearch")).get("fieldNames");
        assertThat(shipped).isEqualTo(VigilOptions.ES_FIELD_NAMES.allowed().get(0));
        assertThat(VigilConfig.load("elasticsearch.field-names: " + shipped, List.of(), Map.of())
                        .get(VigilOptions.ES_FIELD_NAMES))
                .isEqualTo(VigilOptions.ES_FIELD_NAMES.defaultValue());
        var schema = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(repoRoot().resolve("helm/vigil/values.schema.json").toFile())
                .at("/properties/elasticsearch/properties/fieldNames/enum");
        List<String> offered = new java.util.ArrayList<>();
        schema.forEach(n -> offered.add(n.asText()));
        assertThat(offered).isEqualTo(VigilOptions.ES_FIELD_NAMES.allowed());
    }

    /**
     * A job on the heap state backend keeps its state in the TaskManager's heap, so the chart gives it little managed
     * (off-heap) memory; a job on RocksDB keeps Flink's share for RocksDB.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theChartSizesEachJobsMemoryForItsStateBackend() throws IOException {
        Map<String, Object> values = new Yaml().load(Files.readString(repoRoot().resolve("helm/vigil/values.yaml")));
        Map<String, Object> jobs = (Map<String, Object>) values.get("jobs");
        assertThat(jobs.keySet()).containsExactlyInAnyOrderElementsOf(VigilOptions.STATEFUL_JOBS);
        for (String job : VigilOptions.STATEFUL_JOBS) {
            Map<String, Object> taskManager =
                    (Map<String, Object>) ((Map<String, Object>) jobs.get(job)).get("taskManager");
            Number fraction = (Number) taskManager.get("managedFraction");
            if (VigilOptions.stateBackend(job).defaultValue() == VigilOptions.StateBackend.HASHMAP) {
                assertThat(fraction).as(job + ": managed memory fraction").isNotNull();
                assertThat(fraction.doubleValue())
                        .as(job + ": managed memory fraction")
                        .isLessThanOrEqualTo(0.1);
            } else {
                assertThat(fraction)
                        .as(job + " keeps Flink's managed memory for RocksDB")
                        .isNull();
            }
        }
    }

    private static Map<String, Object> subtree(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String section : ValuesSchema.SECTIONS)
            if (values.get(section) != null) out.put(section, values.get(section));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, Object> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) flatten(prefix + "." + e.getKey(), e.getValue(), out);
        } else if (node != null) {
            out.put(prefix, node);
        }
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("vigil")) && Files.isDirectory(p.resolve("helm"))) return p;
        }
        throw new IllegalStateException("repository root not found");
    }
}
