package dev.vigil.tests.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A real Alertmanager (the stack's Debian binary) of the test's own, running Vigil's routing config
 * from {@code deploy/alertmanager/alertmanager.yml} with every webhook pointed at the test's
 * receiver and grouping timers shortened to a second.
 */
public final class PrivateAlertmanager implements AutoCloseable {
    private final Process process;
    private final int port;

    private PrivateAlertmanager(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static PrivateAlertmanager start(Path dir, String webhookBase) throws Exception {
        return start(dir, webhookBase, freePort());
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts on {@code port}, e.g. one a job was already told to use while nothing listened there. */
    public static PrivateAlertmanager start(Path dir, String webhookBase, int port) throws Exception {
        Map<String, Object> config;
        try (var in = Files.newBufferedReader(LocalStack.repoRoot().resolve("deploy/alertmanager/alertmanager.yml"))) {
            config = new Yaml().load(in);
        }
        rewriteRoute(asMap(config.get("route")));
        for (Object r : (List<?>) config.get("receivers")) {
            Map<String, Object> receiver = asMap(r);
            for (Object w : (List<?>) receiver.get("webhook_configs"))
                asMap(w).put("url", webhookBase + "/" + receiver.get("name"));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.createDirectories(dir.resolve("data"));
        Path file = dir.resolve("alertmanager.yml");
        Files.writeString(file, new Yaml(options).dump(config));
        Process p = new ProcessBuilder(
                        "/usr/bin/prometheus-alertmanager",
                        "--config.file=" + file,
                        "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        PrivateAlertmanager am = new PrivateAlertmanager(p, port);
        am.awaitReady();
        return am;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // starting
            }
            if (!process.isAlive()) throw new IllegalStateException("alertmanager exited with " + process.exitValue());
            Thread.sleep(200);
        }
        throw new IllegalStateException("alertmanager not ready on port " + port);
    }

    @SuppressWarnings("unchecked")
    private static void rewriteRoute(Map<String, Object> route) {
        if (route.containsKey("group_wait") || route.containsKey("receiver")) route.put("group_wait", "1s");
        route.put("group_interval", "1s");
        Object children = route.get("routes");
        if (children != null) for (Object c : (List<Object>) children) rewriteRoute(asMap(c));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }
}
