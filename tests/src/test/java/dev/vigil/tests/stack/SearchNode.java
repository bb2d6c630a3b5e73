package dev.vigil.tests.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One single-node Elasticsearch or OpenSearch of the search matrix ({@code deploy/local/search-matrix.sh},
 * provisioned by {@code ./vigil test}), started from its distribution as the stack's Elasticsearch user on
 * a free loopback port with its own data folder, and stopped and removed on close. The stack's own
 * Elasticsearch 7.17 is {@link #stack()}.
 */
public final class SearchNode implements AutoCloseable {
    /** One installed distribution: name (elasticsearch, opensearch), version, home, the JDK it runs on. */
    public record Distribution(String name, String version, Path home, Path java) {
        @Override
        public String toString() {
            return name + " " + version;
        }
    }

    private final String url;
    private final Path dir;
    private final Distribution distribution;
    private final int port;
    private final int transport;
    private String pid;

    private SearchNode(String url, Path dir, Distribution distribution, int port, int transport) {
        this.url = url;
        this.dir = dir;
        this.distribution = distribution;
        this.port = port;
        this.transport = transport;
    }

    public String url() {
        return url;
    }

    /** The stack's own node; closing it does nothing. */
    public static SearchNode stack() {
        return new SearchNode(LocalStack.get("VIGIL_ES_URL"), null, null, 0, 0);
    }

    /** What ./vigil test installed; fails with the fix when the matrix was not provisioned. */
    public static List<Distribution> matrix() throws IOException {
        Path env = LocalStack.repoRoot().resolve(".vigil/search-matrix.env");
        if (!Files.exists(env)) {
            throw new IllegalStateException(
                    env + " is missing: ./vigil test provisions the search matrix (Elasticsearch 8/9, OpenSearch 2/3)");
        }
        List<Distribution> out = new ArrayList<>();
        for (String line : Files.readAllLines(env)) {
            String[] f = line.trim().split(" ");
            if (f.length == 4) out.add(new Distribution(f[0], f[1], Path.of(f[2]), Path.of(f[3])));
        }
        return out;
    }

    public static SearchNode start(Distribution d) throws Exception {
        int port;
        int transport;
        try (ServerSocket a = new ServerSocket(0);
                ServerSocket b = new ServerSocket(0)) {
            port = a.getLocalPort();
            transport = b.getLocalPort();
        }
        Path dir = d.home()
                .getParent()
                .resolve("node-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("logs"));
        run(List.of("chown", "-R", LocalStack.get("VIGIL_ES_USER"), dir.toString()));
        SearchNode node = new SearchNode("http://127.0.0.1:" + port, dir, d, port, transport);
        try {
            node.launch();
        } catch (Exception e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** Stops the node (SIGTERM, as an orderly shutdown) and starts it again on the same ports and data. */
    public void restart() throws Exception {
        if (dir == null)
            throw new UnsupportedOperationException(
                    "the stack's node restarts with ./vigil stack stop|start elasticsearch");
        stop();
        Files.deleteIfExists(dir.resolve("node.pid"));
        launch();
    }

    private void launch() throws Exception {
        Distribution d = distribution;
        String prefix = d.name().equals("opensearch") ? "OPENSEARCH" : "ES";
        List<String> command = new ArrayList<>(List.of(
                "runuser",
                "-u",
                LocalStack.get("VIGIL_ES_USER"),
                "--",
                "env",
                prefix + "_JAVA_HOME=" + d.java(),
                "JAVA_HOME=" + d.java(),
                prefix + "_JAVA_OPTS=-Xms512m -Xmx512m",
                d.home().resolve("bin/" + d.name()).toString(),
                "-d",
                "-p",
                dir.resolve("node.pid").toString(),
                "-Ecluster.name=matrix",
                "-Enode.name=matrix",
                "-Ediscovery.type=single-node",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + port,
                "-Etransport.port=" + transport,
                "-Epath.data=" + dir.resolve("data"),
                "-Epath.logs=" + dir.resolve("logs"),
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        // Elasticsearch 8+ ships X-Pack security in its integ-test zip and turns TLS on by default.
        if (d.name().equals("elasticsearch") && !d.version().startsWith("7."))
            command.add("-Expack.security.enabled=false");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("start.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(d + " did not start: " + Files.readString(dir.resolve("start.log")));
        }
        // The daemon writes its pid file a moment after the launcher returns.
        Path pidFile = dir.resolve("node.pid");
        for (int i = 0;
                i < 240 && (!Files.exists(pidFile) || Files.readString(pidFile).isBlank());
                i++) Thread.sleep(250);
        if (!Files.exists(pidFile))
            throw new IllegalStateException(d + " wrote no pid file: " + Files.readString(dir.resolve("start.log")));
        pid = Files.readString(pidFile).trim();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Http.getText(url + "/_cluster/health?wait_for_status=yellow&timeout=1s")
                        .contains("\"status\"")) return;
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(d + " did not become healthy; read " + dir.resolve("logs"));
    }

    private void stop() throws Exception {
        if (pid == null) return;
        run(List.of("kill", pid));
        for (int i = 0; i < 120 && Files.exists(Path.of("/proc/" + pid)); i++) Thread.sleep(250);
        if (Files.exists(Path.of("/proc/" + pid))) run(List.of("kill", "-9", pid));
        pid = null;
    }

    @Override
    public void close() throws Exception {
        if (dir == null) return;
        stop();
        run(List.of("rm", "-rf", dir.toString()));
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0)
            throw new IllegalStateException(command + " failed: " + out);
    }
}
