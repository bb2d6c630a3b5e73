package dev.vigil.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chart's schema sections for Vigil options are generated from VigilOptions; this fails when they drift. */
class ValuesSchemaTest {
    @Test
    void theChartSchemaIsUpToDate() throws IOException {
        Path schema = repoRoot().resolve("helm/vigil/values.schema.json");
        String current = Files.readString(schema, StandardCharsets.UTF_8);
        assertThat(current)
                .as(
                        "helm/vigil/values.schema.json is stale; regenerate it with: mvn -q -pl jobs/runtime exec:java "
                                + "-Dexec.mainClass=dev.vigil.runtime.config.ValuesSchema -Dexec.args=helm/vigil/values.schema.json")
                .isEqualTo(ValuesSchema.render(current));
    }

    @Test
    void optionsBecomeSchemaTypes() {
        assertThat(ValuesSchema.option(VigilOptions.window("errors", "size")).toString())
                .startsWith("{\"type\":\"string\",\"pattern\":\"^[0-9]+(ms|s|m|min|h|d)$\"");
        assertThat(ValuesSchema.option(VigilOptions.SAMPLING_DEFAULT_RATE).toString())
                .startsWith("{\"type\":\"number\",\"minimum\":0.0,\"maximum\":1.0");
        assertThat(ValuesSchema.option(VigilOptions.ALERT_TEAMS).toString())
                .startsWith("{\"type\":\"array\",\"items\":{\"type\":\"string\"}");
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("vigil")) && Files.isDirectory(p.resolve("helm"))) return p;
        }
        throw new IllegalStateException("repository root not found");
    }
}
