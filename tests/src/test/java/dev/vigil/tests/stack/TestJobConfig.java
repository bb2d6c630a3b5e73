package dev.vigil.tests.stack;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.timescale.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Job configuration for a test run against the local stack: its own topic prefix, credentials in
 * files under the test's temp folder, fast checkpoints, parallelism 1; plus the test's own YAML.
 * Applies the TimescaleDB migrations.
 */
public final class TestJobConfig {
    private TestJobConfig() {}

    public static VigilConfig create(String topicPrefix, Path tmp, String extraYaml) throws IOException {
        VigilConfig config = VigilConfig.load(yaml(topicPrefix, tmp, extraYaml), List.of(), Map.of());
        Migrations.apply(config);
        return config;
    }

    /** The same configuration as a file, for a job jar submitted to the standalone cluster. */
    public static Path file(String topicPrefix, Path tmp, String extraYaml) throws IOException {
        return Files.writeString(tmp.resolve("vigil.yaml"), yaml(topicPrefix, tmp, extraYaml));
    }

    /**
     * The alert signing key every job of a test run shares, as a top-level YAML line (a flat key, so it
     * never collides with a test's own {@code alerting:} section).
     */
    public static String signingKeyYaml(Path tmp) throws IOException {
        Path key = tmp.resolve("alert-signing-key");
        if (!Files.exists(key)) Files.writeString(key, "test-alert-signing-key-0123456789abcdef0123456789");
        return "alerting.signing-key-file: \"" + key + "\"\n";
    }

    private static String yaml(String topicPrefix, Path tmp, String extraYaml) throws IOException {
        Path pg = Files.writeString(tmp.resolve("pg-password"), LocalStack.pgPassword());
        Path key = Files.writeString(tmp.resolve("masking-key"), "test-masking-key-0123456789");
        return signingKeyYaml(tmp)
                + """
                kafka: {bootstrap-servers: "%s", topic-prefix: "%s", starting-offsets: earliest}
                masking: {hmac-key-env: VIGIL_TEST_NO_SUCH_VARIABLE, hmac-key-file: "%s"}
                timescaledb: {url: "%s", username: "%s", password-file: "%s"}
                elasticsearch: {hosts: ["%s"]}
                checkpoint: {interval: 1s, storage: "file://%s"}
                parallelism: 1
                """.formatted(
                                LocalStack.kafkaBootstrap(),
                                topicPrefix,
                                key,
                                LocalStack.pgUrl(),
                                LocalStack.pgUser(),
                                pg,
                                LocalStack.esUrl(),
                                tmp.resolve("checkpoints"))
                + extraYaml;
    }
}
