package dev.vigil.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The config `./vigil demo` writes (a heredoc in deploy/local/demo.sh) loads against the option
 * declarations: CI never runs the demo, so a renamed or removed option it still sets, or a value
 * an option no longer accepts, would otherwise first show when a new user runs it.
 */
class DemoConfigTest {
    /** The demo's shell variables, with values of the shape the local stack gives them. */
    private static final Map<String, String> STACK = Map.ofEntries(
            Map.entry("VIGIL_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
            Map.entry("TOPIC_PREFIX", "vigil."),
            Map.entry("SECRETS_DIR", "/var/lib/vigil/secrets"),
            Map.entry("VIGIL_PG_URL", "jdbc:postgresql://127.0.0.1:5432/vigil"),
            Map.entry("VIGIL_PG_USER", "vigil"),
            Map.entry("VIGIL_PG_PASSWORD_FILE", "/var/lib/vigil/secrets/pg-password"),
            Map.entry("VIGIL_ES_URL", "http://127.0.0.1:9200"),
            Map.entry("VIGIL_S3_BUCKET", "vigil-archive"),
            Map.entry("VIGIL_REDIS_URI", "redis://127.0.0.1:6379"),
            Map.entry("VIGIL_REDIS_PASSWORD_FILE", "/var/lib/vigil/secrets/redis-password"),
            Map.entry("VIGIL_ALERTMANAGER_URL", "http://127.0.0.1:9093"),
            Map.entry("DATA_DIR", "/var/lib/vigil/data"));

    @Test
    void theDemosConfigLoadsWithEveryKeyDeclared() throws IOException {
        String script = Files.readString(repoRoot().resolve("deploy/local/demo.sh"));
        Matcher heredoc =
                Pattern.compile("<<YAML\\n(.*?)\\nYAML\\n", Pattern.DOTALL).matcher(script);
        assertThat(heredoc.find())
                .as("demo.sh writes its config in a <<YAML heredoc")
                .isTrue();
        Matcher variable = Pattern.compile("\\$([A-Z_][A-Z0-9_]*)").matcher(heredoc.group(1));
        StringBuilder yaml = new StringBuilder();
        while (variable.find()) {
            String value = STACK.get(variable.group(1));
            assertThat(value)
                    .as("demo.sh's config uses $%s; add it to this test", variable.group(1))
                    .isNotNull();
            variable.appendReplacement(yaml, Matcher.quoteReplacement(value));
        }
        variable.appendTail(yaml);

        VigilConfig config = VigilConfig.load(yaml.toString(), List.of(), Map.of());
        assertThat(config.get(VigilOptions.KAFKA_TOPIC_PREFIX)).isEqualTo("vigil.");
        assertThat(config.get(VigilOptions.FUNNELS)).hasSize(1);
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("vigil")) && Files.isDirectory(p.resolve("helm"))) return p;
        }
        throw new IllegalStateException("repository root not found");
    }
}
