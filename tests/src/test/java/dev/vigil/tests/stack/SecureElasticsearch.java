package dev.vigil.tests.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second Elasticsearch node from the stack's distribution with its security module on: HTTPS with
 * the local CA's node certificate, basic authentication, a {@code vigil_writer} user limited to
 * {@code vigil-*} indices. Its folder lives next to the stack's node (owned by the ES user) and is
 * removed on close.
 */
public final class SecureElasticsearch implements AutoCloseable {
    public static final int PORT = 9201;
    public static final String WRITER = "vigil_writer";

    private final Path dir;
    private final String elasticPassword;
    private final HttpClient client;

    private SecureElasticsearch(Path dir, String elasticPassword, HttpClient client) {
        this.dir = dir;
        this.elasticPassword = elasticPassword;
        this.client = client;
    }

    public String url() {
        return "https://127.0.0.1:" + PORT;
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public static SecureElasticsearch start(String writerPassword) throws Exception {
        Path home = Path.of(LocalStack.get("VIGIL_ES_HOME"));
        String user = LocalStack.get("VIGIL_ES_USER");
        Path tls = Path.of(LocalStack.get("VIGIL_TLS_DIR"));
        String keystorePassword = Files.readString(Path.of(LocalStack.get("VIGIL_TLS_KEYSTORE_PASSWORD_FILE")))
                .trim();
        String elasticPassword = "el-" + UUID.randomUUID();
        Path dir = home.getParent()
                .resolve("secure-" + UUID.randomUUID().toString().substring(0, 8));
        Path config = dir.resolve("config");
        copyTree(home.resolve("config"), config);
        Files.delete(config.resolve("elasticsearch.keystore"));
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("logs"));
        Files.copy(
                tls.resolve("elasticsearch-node.p12"), config.resolve("node.p12"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(config.resolve("elasticsearch.yml"), """
                cluster.name: vigil-secure
                node.name: vigil-secure
                discovery.type: single-node
                network.host: 127.0.0.1
                http.port: %d
                transport.port: %d
                path.data: %s
                path.logs: %s
                cluster.routing.allocation.disk.threshold_enabled: false
                xpack.security.enabled: true
                xpack.security.http.ssl.enabled: true
                xpack.security.http.ssl.keystore.path: node.p12
                """.formatted(
                        PORT, PORT + 100, dir.resolve("data"), dir.resolve("logs")));
        // File realm: the thin distribution lacks the analysis module the native realm's .security index needs.
        Files.writeString(config.resolve("roles.yml"), """
                %s:
                  cluster: [monitor, manage_index_templates]
                  indices:
                    - names: ['vigil-*']
                      privileges: [all]
                """.formatted(WRITER));
        run(List.of("chown", "-R", user, dir.toString()), null);
        List<String> asEs = List.of(
                "runuser",
                "-u",
                user,
                "--",
                "env",
                "ES_PATH_CONF=" + config,
                "ES_JAVA_HOME=" + LocalStack.get("VIGIL_ES_JAVA_HOME"));
        run(concat(asEs, home.resolve("bin/elasticsearch-keystore").toString(), "create"), null);
        run(
                concat(
                        asEs,
                        home.resolve("bin/elasticsearch-keystore").toString(),
                        "add",
                        "--stdin",
                        "xpack.security.http.ssl.keystore.secure_password"),
                keystorePassword);
        run(
                concat(
                        asEs,
                        home.resolve("bin/elasticsearch-keystore").toString(),
                        "add",
                        "--stdin",
                        "bootstrap.password"),
                elasticPassword);
        // the password is typed (twice) on stdin, never passed as an argument
        run(
                concat(asEs, home.resolve("bin/elasticsearch-users").toString(), "useradd", WRITER, "-r", WRITER),
                writerPassword + "\n" + writerPassword);
        // -d daemonises; its output goes to a file, or the daemon would hold our pipe open
        Process start = new ProcessBuilder(concat(
                        asEs,
                        home.resolve("bin/elasticsearch").toString(),
                        "-d",
                        "-p",
                        dir.resolve("es.pid").toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("start.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!start.waitFor(2, TimeUnit.MINUTES) || start.exitValue() != 0) {
            throw new IllegalStateException(
                    "the secure Elasticsearch node did not start: " + Files.readString(dir.resolve("start.log")));
        }

        SecureElasticsearch es = new SecureElasticsearch(
                dir,
                elasticPassword,
                HttpClient.newBuilder()
                        .sslContext(LocalTls.trustingLocalCa())
                        .connectTimeout(Duration.ofSeconds(5))
                        .build());
        try {
            es.awaitHealthy(Duration.ofMinutes(2));
        } catch (RuntimeException | InterruptedException e) {
            es.close();
            throw e;
        }
        return es;
    }

    /** An HTTPS request with basic auth; returns status and body. */
    public HttpResponse<String> request(String method, String path, String user, String password, String json)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As the superuser, expecting success. */
    public JsonNode admin(String method, String path, String json) throws Exception {
        HttpResponse<String> r = request(method, path, "elastic", elasticPassword, json);
        if (r.statusCode() / 100 != 2)
            throw new IllegalStateException(method + " " + path + " answered HTTP " + r.statusCode() + ": " + r.body());
        return Http.JSON.readTree(r.body());
    }

    public String elasticPassword() {
        return elasticPassword;
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (request(
                                        "GET",
                                        "/_cluster/health?wait_for_status=yellow&timeout=1s",
                                        "elastic",
                                        elasticPassword,
                                        null)
                                .statusCode()
                        == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException(
                "the secure Elasticsearch node did not come up; its logs are kept in tests/target/secure-elasticsearch-logs");
    }

    /** Stops the node, keeps its logs under tests/target for a look after a failure, removes its folder. */
    @Override
    public void close() throws Exception {
        Path pidFile = dir.resolve("es.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(p -> {
                p.destroy();
                p.onExit()
                        .orTimeout(60, TimeUnit.SECONDS)
                        .exceptionally(e -> {
                            p.destroyForcibly();
                            return p;
                        })
                        .join();
            });
        }
        copyTree(dir.resolve("logs"), LocalStack.repoRoot().resolve("tests/target/secure-elasticsearch-logs"));
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    /** Runs a set-up command; {@code stdin} (a secret) is written to it, never put on its command line. */
    private static void run(List<String> command, String stdin) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(
                            " ", command.subList(Math.max(0, command.size() - 3), command.size()))
                    + " failed: " + out);
        }
    }
}
