package dev.vigil.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.runtime.config.VigilConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.fs.FileSystem;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

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
    final String alertmanagerUrl = env("VIGIL_ALERTMANAGER_URL");

    String pgPassword() {
        return read(pgPasswordFile);
    }

    /**
     * Config of one run: its topic prefix, bounded or not, and the benchmark's window settings, then any
     * overrides given as {@code -Dvigil.bench.set=key=value,key=value} (to compare settings).
     */
    VigilConfig config(String prefix, Path work, boolean bounded, String extraYaml) {
        return config(prefix, prefix, work, bounded, extraYaml);
    }

    /** The same, with the run's indices and archive under {@code storePrefix} (to write its events a second time). */
    VigilConfig config(String prefix, String storePrefix, Path work, boolean bounded, String extraYaml) {
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
                    elasticsearch: {hosts: ["%s"], index-prefix: "%s"}
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
                                            indexPrefix(storePrefix),
                                            s3Bucket,
                                            storePrefix.replace('.', '/'),
                                            work.resolve("checkpoints"))
                            + extraYaml,
                    sets(),
                    Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The run's own indices: each run writes into empty indices, as a fresh deployment does, rather than into
     * daily indices that earlier runs (and the demo) filled — whose size changes what each write costs.
     */
    static String indexPrefix(String runPrefix) {
        return runPrefix.replace('.', '-');
    }

    /** Drops the indices and index templates a run created under its prefix (named one by one: 8.x and later refuse wildcards). */
    private void deleteIndices(String runPrefix) throws IOException, InterruptedException {
        String p = indexPrefix(runPrefix);
        HttpClient http = HttpClient.newHttpClient();
        String indices = http.send(
                        HttpRequest.newBuilder(URI.create(esUrl + "/_cat/indices/" + p + "*?h=index"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body()
                .trim()
                .replaceAll("\\s+", ",");
        if (!indices.isEmpty())
            http.send(
                    HttpRequest.newBuilder(URI.create(esUrl + "/" + indices))
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        String templates = http.send(
                        HttpRequest.newBuilder(URI.create(esUrl + "/_index_template/" + p + "*"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        for (JsonNode t : new ObjectMapper().readTree(templates).path("index_templates"))
            http.send(
                    HttpRequest.newBuilder(URI.create(
                                    esUrl + "/_index_template/" + t.path("name").asText()))
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Drops what a run left in the stack under its prefixes: its Kafka topics, Elasticsearch indices and
     * templates, and its archive on S3 (each run writes about 1.5 GB of topics; without this Kafka's disk grew
     * with every run). Rows the jobs wrote to TimescaleDB share the demo's tables and keys, so they stay.
     */
    void deleteRun(List<String> prefixes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(t -> prefixes.stream().anyMatch(t::startsWith))
                    .toList();
            if (!topics.isEmpty()) admin.deleteTopics(topics).all().get();
        }
        for (String p : prefixes) {
            deleteIndices(p);
            org.apache.flink.core.fs.Path archive =
                    new org.apache.flink.core.fs.Path("s3://" + s3Bucket + "/" + p.replace('.', '/'));
            FileSystem fs = archive.getFileSystem();
            if (fs.exists(archive)) fs.delete(archive, true);
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
