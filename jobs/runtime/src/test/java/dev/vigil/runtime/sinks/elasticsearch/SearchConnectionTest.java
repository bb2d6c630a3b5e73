package dev.vigil.runtime.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a writer's client sends: the credentials from their files (basic auth or an API key), read
 * when the client opens, and never part of the serialised sink. The thin Elasticsearch distributions
 * here cannot issue API keys (no security index), so the header is checked against a plain HTTP server.
 */
class SearchConnectionTest {
    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null) {
                // as Elasticsearch does: challenge first, the client answers with its credentials
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"security\"");
                exchange.sendResponseHeaders(401, -1);
            } else {
                authorizations.add(auth);
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void anApiKeyFromItsFileIsSentAndNotSerialised(@TempDir Path tmp) throws Exception {
        Path key = Files.writeString(
                tmp.resolve("api-key"), "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==\n");
        SearchConnection c = SearchConnection.of(VigilConfig.load(
                "elasticsearch: {hosts: [\"" + url() + "\"], api-key-file: \"" + key + "\"}", List.of(), Map.of()));
        try (RestClient client = c.open()) {
            assertThat(SearchConnection.exchange(client, "GET", "/", null).ok()).isTrue();
        }
        assertThat(authorizations)
                .containsExactly("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
        assertThat(serialised(c)).doesNotContain("VnVhQ2ZHY0JDZGJr").contains(key.toString());
    }

    @Test
    void basicAuthFromAPasswordFileAnswersTheChallenge(@TempDir Path tmp) throws Exception {
        Path password = Files.writeString(tmp.resolve("pw"), "s3cret-pw\n");
        SearchConnection c = SearchConnection.of(VigilConfig.load(
                "elasticsearch: {hosts: [\"" + url() + "\"], username: vigil, password-file: \"" + password + "\"}",
                List.of(),
                Map.of()));
        try (RestClient client = c.open()) {
            assertThat(SearchConnection.exchange(client, "GET", "/", null).ok()).isTrue();
        }
        assertThat(authorizations)
                .containsExactly("Basic "
                        + Base64.getEncoder().encodeToString("vigil:s3cret-pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(serialised(c)).doesNotContain("s3cret-pw");
    }

    @Test
    void badSettingsNameTheKey(@TempDir Path tmp) throws Exception {
        Path key = Files.writeString(tmp.resolve("k"), "x");
        assertThatThrownBy(() -> SearchConnection.of(VigilConfig.load(
                        "elasticsearch: {username: a, api-key-file: \"" + key + "\"}", List.of(), Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("elasticsearch.username and elasticsearch.api-key-file");
        assertThatThrownBy(() -> SearchConnection.of(
                        VigilConfig.load("elasticsearch: {hosts: [\"127.0.0.1:9200\"]}", List.of(), Map.of())))
                .hasMessageContaining("elasticsearch.hosts: '127.0.0.1:9200' is not an http:// or https:// URL");
        assertThatThrownBy(() -> SearchConnection.of(
                        VigilConfig.load("elasticsearch: {tls: {ca-file: /nonexistent.pem}}", List.of(), Map.of())))
                .hasMessage("elasticsearch.tls.ca-file: cannot read /nonexistent.pem");
    }

    private static String serialised(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
