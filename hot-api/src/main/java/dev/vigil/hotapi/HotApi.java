package dev.vigil.hotapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.runtime.config.Durations;
import dev.vigil.runtime.sinks.hot.HotEntry;
import dev.vigil.runtime.sinks.hot.HotTierReader;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The hot tier's read API (read-only, JSON, token auth) and its page ({@code /}, static): {@code GET /logs} (recent events by service,
 * level, time and text), {@code GET /requests/{correlation_id}} (one request's events across services in
 * order, with its journey as hops) and {@code GET /healthz}. Every parameter is checked against the
 * contract's own patterns and limits (400 with a message), and reaches Redis only as a command argument.
 */
public final class HotApi {
    /** The contract's service and level names, and its correlation IDs (printable ASCII, 128 at most). */
    static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    static final Pattern LEVEL = Pattern.compile("[A-Za-z]{1,16}");
    static final Pattern CORRELATION_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
    static final long MAX_SINCE_MS = 24 * 3_600_000L;
    static final int MAX_LIMIT = 1_000;
    static final int MAX_GREP = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    private HotApi() {}

    /** The app, not yet started; {@code token} is what {@code Authorization: Bearer} must carry. */
    public static Javalin create(HotTierReader reader, String token) {
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.defaultContentType = "application/json";
            // the page (plain HTML, CSS and JavaScript); it asks the API with the token from its URL fragment
            config.staticFiles.add("/public", Location.CLASSPATH);
        });
        Handler authorized = ctx -> {
            String header = ctx.header("Authorization");
            // constant-time: the answer's timing says nothing about the token
            if (header == null || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
                ctx.header("WWW-Authenticate", "Bearer");
                throw new ApiError(401, "missing or wrong token (Authorization: Bearer <token>)");
            }
        };
        app.before("/logs", authorized);
        app.before("/requests/*", authorized);
        app.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
        app.exception(
                Exception.class,
                (e, ctx) -> error(
                        ctx,
                        503,
                        "the hot tier cannot be read now (" + e.getClass().getSimpleName() + ")"));
        app.get("/healthz", ctx -> {
            reader.ping();
            ctx.result("{\"status\":\"ok\"}");
        });
        app.get("/logs", ctx -> logs(reader, ctx));
        app.get("/requests/{correlationId}", ctx -> request(reader, ctx));
        return app;
    }

    private static void logs(HotTierReader reader, Context ctx) throws Exception {
        Set<String> services = names(ctx.queryParam("service"), SERVICE, "service");
        Set<String> levels = names(ctx.queryParam("level"), LEVEL, "level");
        long since = since(ctx.queryParam("since"));
        int limit = limit(ctx.queryParam("limit"));
        String grep = ctx.queryParam("grep");
        if (grep != null && (grep.isEmpty() || grep.length() > MAX_GREP))
            throw new ApiError(400, "grep must be 1.." + MAX_GREP + " characters");
        String text = grep == null ? null : grep.toLowerCase(Locale.ROOT);
        Set<String> upper = new LinkedHashSet<>();
        for (String l : levels) upper.add(l.toUpperCase(Locale.ROOT));
        Predicate<HotEntry> filter = e -> (services.isEmpty() || services.contains(e.service()))
                && (upper.isEmpty()
                        || (e.level() != null && upper.contains(e.level().toUpperCase(Locale.ROOT))))
                && (text == null || e.message().toLowerCase(Locale.ROOT).contains(text));
        List<HotEntry> events =
                reader.recent(reader.streams(services), System.currentTimeMillis() - since, limit, filter);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode out = body.putArray("events");
        for (HotEntry e : events) out.add(JSON.readTree(e.json()));
        ctx.result(JSON.writeValueAsString(body));
    }

    private static void request(HotTierReader reader, Context ctx) throws Exception {
        String id = ctx.pathParam("correlationId");
        if (!CORRELATION_ID.matcher(id).matches())
            throw new ApiError(400, "correlation_id must be 1..128 printable ASCII characters");
        List<HotEntry> events = reader.request(id);
        if (events.isEmpty())
            throw new ApiError(404, "no events of this request in the hot tier (it keeps the last hours only)");
        ObjectNode body = JSON.createObjectNode();
        body.put("correlation_id", id);
        ArrayNode hops = body.putArray("hops");
        ObjectNode hop = null;
        for (HotEntry e : events) {
            if (hop == null || !hop.get("service").asText().equals(e.service())) {
                hop = hops.addObject();
                hop.put("service", e.service());
                hop.put("start", e.timestamp());
                hop.put("events", 0);
            }
            hop.put("end", e.timestamp());
            hop.put("events", hop.get("events").asInt() + 1);
            if (e.level() != null
                    && (e.level().equalsIgnoreCase("ERROR") || e.level().equalsIgnoreCase("FATAL")))
                hop.put("error", true);
        }
        ArrayNode out = body.putArray("events");
        for (HotEntry e : events) out.add(JSON.readTree(e.json()));
        ctx.result(JSON.writeValueAsString(body));
    }

    private static Set<String> names(String csv, Pattern pattern, String what) {
        Set<String> names = new LinkedHashSet<>();
        if (csv == null) return names;
        for (String n : csv.split(",", -1)) {
            if (!pattern.matcher(n).matches())
                throw new ApiError(400, what + " '" + printable(n) + "' is not a valid " + what + " name");
            names.add(n);
        }
        if (names.size() > 50) throw new ApiError(400, "at most 50 values of " + what);
        return names;
    }

    private static long since(String v) {
        if (v == null) return 10 * 60_000L;
        long ms;
        try {
            ms = Durations.parseMillis(v);
        } catch (RuntimeException e) {
            throw new ApiError(400, "since '" + printable(v) + "' is not a duration (e.g. 30s, 10min, 2h)");
        }
        if (ms <= 0 || ms > MAX_SINCE_MS) throw new ApiError(400, "since must be more than 0 and at most 24h");
        return ms;
    }

    private static int limit(String v) {
        if (v == null) return 200;
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_LIMIT) return n;
        } catch (NumberFormatException e) {
            // below
        }
        throw new ApiError(400, "limit must be an integer 1.." + MAX_LIMIT);
    }

    /** A rejected value, quoted back without control characters and cut short. */
    private static String printable(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** An answer other than 200, with the reason for the caller. */
    static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
