package dev.vigil.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated from VigilOptions; this fails when someone forgets to regenerate it. */
class ConfigDocsTest {

    @Test
    void configurationDocIsUpToDate() throws IOException {
        Path doc = repoRoot().resolve("docs/configuration.md");
        assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                .as("docs/configuration.md is stale; regenerate it with: mvn -q -pl jobs/runtime exec:java "
                        + "-Dexec.mainClass=dev.vigil.runtime.config.ConfigDocs -Dexec.args=docs/configuration.md")
                .isEqualTo(ConfigDocs.render());
    }

    @Test
    void everyOptionIsDocumented() {
        for (ConfigOption<?> o : VigilOptions.all()) {
            assertThat(o.description()).as(o.key()).isNotBlank();
        }
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("vigil")) && Files.isDirectory(p.resolve("docs"))) return p;
        }
        throw new IllegalStateException("repository root not found");
    }
}
