package dev.vigil.runtime.sinks.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.runtime.config.Secrets;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Installs Vigil's index templates (explicit mappings, alias per family of daily indices) before a
 * job writes. The templates live as JSON resources under {@code elasticsearch/}; installing is
 * idempotent.
 */
public final class IndexTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexTemplates() {}

    /** Adds the configured basic-auth header, if any, to a request to Elasticsearch. */
    public static void basicAuth(VigilConfig config, HttpRequest.Builder request) {
        String user = config.get(VigilOptions.ES_USERNAME);
        if (!user.isEmpty()) {
            String password = Secrets.fromFile(config.get(VigilOptions.ES_PASSWORD_FILE), VigilOptions.ES_PASSWORD_FILE.key());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The template with the configured shards and replicas (the resources hold the mappings, config the sizing). */
    static String withSizing(byte[] template, int shards, int replicas) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(template);
        ObjectNode settings = root.with("template").with("settings");
        settings.put("number_of_shards", shards);
        settings.put("number_of_replicas", replicas);
        return JSON.writeValueAsString(root);
    }

    public static void install(VigilConfig config, String name) {
        String body;
        try (InputStream in = IndexTemplates.class.getResourceAsStream("/elasticsearch/" + name + ".template.json")) {
            if (in == null) throw new IllegalArgumentException("no index template resource " + name);
            body = withSizing(in.readAllBytes(), config.get(VigilOptions.ES_SHARDS), config.get(VigilOptions.ES_REPLICAS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = config.get(VigilOptions.ES_HOSTS).get(0);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/_index_template/" + name))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        basicAuth(config, request);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("installing index template " + name + " failed: HTTP " + response.statusCode()
                        + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Elasticsearch at " + base + " to install template " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
