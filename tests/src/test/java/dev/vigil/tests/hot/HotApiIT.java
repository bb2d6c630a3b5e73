package dev.vigil.tests.hot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.hotapi.HotApi;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.hot.HotTierReader;
import dev.vigil.runtime.sinks.hot.HotTierSettings;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.json.EventJson;
import io.javalin.Javalin;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hot tier's read API on the real Redis: auth, one request across services, filters, and every bad parameter answered 400. */
class HotApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "test-token-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<Event> EVENTS = new ArrayList<>();
    private static String prefix;
    private static HotTierReader reader;
    private static Javalin app;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        prefix = "api-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        // one request through gateway -> checkout -> payments (which fails), and unrelated traffic
        String[][] request = {
            {"gateway", "INFO"},
            {"gateway", "INFO"},
            {"checkout", "INFO"},
            {"checkout", "WARN"},
            {"payments", "INFO"},
            {"payments", "ERROR"}
        };
        for (int i = 0; i < request.length; i++)
            EVENTS.add(log(request[i][0], "r" + i, 1_764_460_800_000L + i * 10, "req-api-1", request[i][1]));
        for (int i = 0; i < 30; i++)
            EVENTS.add(log(
                    i % 2 == 0 ? "checkout" : "search",
                    "o" + i,
                    1_764_460_800_500L + i,
                    "req-other-" + i,
                    i % 5 == 0 ? "ERROR" : "INFO"));
        VigilConfig config = HotTierFixtures.config(prefix, "");
        HotTierFixtures.write(config, EVENTS);
        reader = new HotTierReader(HotTierSettings.of(config));
        app = HotApi.create(reader, TOKEN).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        app.stop();
        reader.close();
    }

    @Test
    void everyCallButHealthNeedsTheToken() throws Exception {
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
        assertThat(get("/logs", null).statusCode()).isEqualTo(401);
        assertThat(get("/requests/req-api-1", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/requests/req-api-1", "Bearer " + TOKEN + "x").statusCode())
                .isEqualTo(401);
        assertThat(get("/requests/req-api-1", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestComesBackWholeAcrossServicesWithItsHops() throws Exception {
        HttpResponse<String> r = get("/requests/req-api-1", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        List<JsonNode> expected = new ArrayList<>();
        for (Event e : EVENTS.subList(0, 6)) expected.add(JSON.readTree(EventJson.toBytes(e)));
        assertThat(body.get("events")).containsExactlyElementsOf(expected);
        assertThat(body.get("hops").toString())
                .isEqualTo(
                        "[{\"service\":\"gateway\",\"start\":1764460800000,\"events\":2,\"end\":1764460800010},"
                                + "{\"service\":\"checkout\",\"start\":1764460800020,\"events\":2,\"end\":1764460800030},"
                                + "{\"service\":\"payments\",\"start\":1764460800040,\"events\":2,\"end\":1764460800050,\"error\":true}]");
        assertThat(get("/requests/req-nobody-sent", "Bearer " + TOKEN).statusCode())
                .isEqualTo(404);
    }

    @Test
    void logsFilterByServiceLevelAndText() throws Exception {
        JsonNode errors = JSON.readTree(get("/logs?service=checkout,payments&level=error&since=24h", "Bearer " + TOKEN)
                        .body())
                .get("events");
        List<String> ids = new ArrayList<>();
        for (JsonNode e : errors) ids.add(e.get("event_id").asText());
        // checkout's errors among the unrelated traffic (o0, o10, o20) and payments' one, in event-time order
        assertThat(ids).containsExactly("r5", "o0", "o10", "o20");
        JsonNode text = JSON.readTree(get("/logs?grep=STEP%20o2%20&since=24h&limit=5", "Bearer " + TOKEN)
                        .body())
                .get("events");
        assertThat(text).hasSize(1);
        assertThat(text.get(0).get("event_id").asText()).isEqualTo("o2");
    }

    @Test
    void badParametersAre400WithTheReasonAndReachNoRedisCommand() throws Exception {
        long keys;
        try (StatefulRedisConnection<String, String> c = redis()) {
            keys = c.sync().dbsize();
        }
        Map<String, String> bad = Map.of(
                "/logs?limit=0",
                "limit must be an integer 1..1000",
                "/logs?limit=ten",
                "limit must be an integer 1..1000",
                "/logs?since=25h",
                "since must be more than 0 and at most 24h",
                "/logs?since=yesterday",
                "since 'yesterday' is not a duration (e.g. 30s, 10min, 2h)",
                "/logs?service=*",
                "service '*' is not a valid service name",
                "/logs?level=ERROR%0D%0AFLUSHALL",
                "level 'ERROR??FLUSHALL' is not a valid level name",
                "/logs?service=checkout%20FLUSHALL",
                "service 'checkout FLUSHALL' is not a valid service name",
                "/logs?grep=",
                "grep must be 1..256 characters",
                "/requests/a%20b",
                "correlation_id must be 1..128 printable ASCII characters",
                "/requests/" + "x".repeat(129),
                "correlation_id must be 1..128 printable ASCII characters");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            HttpResponse<String> r = get(b.getKey(), "Bearer " + TOKEN);
            assertThat(r.statusCode()).as(b.getKey()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText())
                    .as(b.getKey())
                    .isEqualTo(b.getValue());
        }
        // a pattern character is a literal key name, never a pattern or a command
        assertThat(get("/requests/*", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
        assertThat(get("/requests/req-api-1%0D%0AFLUSHALL", "Bearer " + TOKEN).statusCode())
                .isEqualTo(400);
        try (StatefulRedisConnection<String, String> c = redis()) {
            assertThat(c.sync().dbsize()).isGreaterThanOrEqualTo(keys);
            assertThat(c.sync().llen(prefix + "request:req-api-1")).isEqualTo(6);
        }
    }

    private static StatefulRedisConnection<String, String> redis() {
        return HotTierFixtures.redis().connect();
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (authorization != null) r.header("Authorization", authorization);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Event log(String service, String id, long timestamp, String correlationId, String level) {
        return HotTierFixtures.log(service, id, timestamp, correlationId, level, "step " + id + " of " + correlationId);
    }
}
