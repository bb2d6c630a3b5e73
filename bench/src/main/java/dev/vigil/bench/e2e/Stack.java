package dev.vigil.bench.e2e;

import dev.vigil.runtime.config.VigilConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The local stack's endpoints (from ./vigil stack env) and the job config the benchmark runs with. */
final class Stack {
    final String kafka = env("VIGIL_KAFKA_BOOTSTRAP");
    final String pgUrl = env("VIGIL_PG_URL");
    final String pgUser = env("VIGIL_PG_USER");
    final String pgPasswordFile = env("VIGIL_PG_PASSWORD_FILE");
    final String esUrl = env("VIGIL_ES_URL");
    final String s3Endpoint = env("VIGIL_S3_ENDPOINT");
    final String s3Bucket = env("VIGIL_S3_BUCKET");
    final String s3AccessKey = read(env("VIGIL_S3_ACCESS_KEY_FILE"));
    final String s3SecretKey = read(env("VIGIL_S3_SECRET_KEY_FILE"));
    final String redisUri = env("VIGIL_REDIS_URI");
    final String redisPasswordFile = env("VIGIL_REDIS_PASSWORD_FILE");

    String pgPassword() {
        return read(pgPasswordFile);
    }

    /**
     * Config of one run: its topic prefix, bounded or not, and the benchmark's window settings, then any
     * overrides given as {@code -Dvigil.bench.set=key=value,key=value} (to compare settings).
     */
    VigilConfig config(String prefix, Path work, boolean bounded, String extraYaml) {
        try {
            Path key = work.resolve("masking-key");
            Files.createDirectories(work);
            if (!Files.exists(key)) Files.writeString(key, "bench-masking-key-0123456789abcdef");
            Path signingKey = work.resolve("alert-signing-key");
            if (!Files.exists(signingKey))
                Files.writeString(signingKey, "bench-alert-signing-key-0123456789abcdef0123");
            return VigilConfig.load(
                    "alerting.signing-key-file: \"" + signingKey + "\"\n"
                            + """
                    kafka: {bootstrap-servers: "%s", topic-prefix: "%s", starting-offsets: earliest, bounded: %s}
                    masking: {hmac-key-env: VIGIL_BENCH_UNSET, hmac-key-file: "%s"}
                    timescaledb: {url: "%s", username: "%s", password-file: "%s"}
                    elasticsearch: {hosts: ["%s"]}
                    s3: {archive-path: "s3://%s/%sarchive"}
                    checkpoint: {interval: 5s, storage: "file://%s"}
                    parallelism: 2
                    """.formatted(
                                            kafka,
                                            prefix,
                                            bounded,
                                            key,
                                            pgUrl,
                                            pgUser,
                                            pgPasswordFile,
                                            esUrl,
                                            s3Bucket,
                                            prefix.replace('.', '/'),
                                            work.resolve("checkpoints"))
                            + extraYaml,
                    sets(),
                    Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> sets() {
        String sets = System.getProperty("vigil.bench.set", "");
        return sets.isEmpty() ? List.of() : List.of(sets.split(","));
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty())
            throw new IllegalStateException(name + " is not set: run through ./vigil bench, which starts the stack");
        return v;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
