package dev.vigil.tests.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small JSON-over-HTTP client for the stack's REST APIs (Elasticsearch, Alertmanager, Flink). Over HTTPS it
 * trusts the stack's CA and presents the Flink client certificate, as Flink's REST API requires.
 */
public final class Http {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = client();

    private Http() {}

    private static HttpClient client() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (LocalStack.has("VIGIL_FLINK_CLIENT_KEYSTORE")) builder.sslContext(LocalTls.flinkClient());
        return builder.build();
    }

    public static JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    }

    /** A GET whose body is not JSON (a Prometheus scrape, a log page). */
    public static String getText(String url) {
        try {
            HttpResponse<String> response = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2)
                throw new IllegalStateException(url + " answered HTTP " + response.statusCode());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(url + " interrupted", e);
        }
    }

    public static JsonNode send(String method, String url, String jsonBody) {
        return send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody)),
                url);
    }

    public static JsonNode send(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> response =
                    CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        what + " answered HTTP " + response.statusCode() + ": " + response.body());
            }
            String body = response.body();
            return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }
}
