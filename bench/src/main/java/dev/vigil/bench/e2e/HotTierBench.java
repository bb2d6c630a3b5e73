package dev.vigil.bench.e2e;

import dev.vigil.hotapi.HotApi;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.hot.HotEntry;
import dev.vigil.runtime.sinks.hot.HotTierReader;
import dev.vigil.runtime.sinks.hot.HotTierSettings;
import io.javalin.Javalin;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * After the hot-tier sink run: checks that Redis holds what the run wrote (the throughput counts nothing
 * dropped), then times one request's events against everything in Redis: the read itself, and
 * {@code GET /requests/{id}} of the read API over HTTP (one client, sequential calls).
 */
final class HotTierBench {
    private HotTierBench() {}

    /**
     * Watches Redis' own count of XADD calls (INFO commandstats, every 10 ms) while a round runs: the time from
     * its first to its {@code events}-th append is what Redis applied, independent of the source and the job's end.
     */
    static AppliedWatch watchApplied(VigilConfig config, long events) {
        AppliedWatch w = new AppliedWatch(events);
        w.thread = new Thread(
                () -> {
                    try (HotTierReader reader = new HotTierReader(HotTierSettings.of(config))) {
                        long base = reader.commandCalls("xadd");
                        long deadline = System.nanoTime() + 120_000_000_000L;
                        long changed = System.nanoTime();
                        while (System.nanoTime() < deadline) {
                            long done = reader.commandCalls("xadd") - base;
                            long now = System.nanoTime();
                            if (done > w.applied) {
                                w.applied = done;
                                w.last = now;
                                changed = now;
                            }
                            if (done > 0 && w.first == 0) w.first = now;
                            // all applied, or nothing more for 10 s: the rest was dropped by the sink
                            if (done >= events || (done > 0 && now - changed > 10_000_000_000L)) return;
                            Thread.sleep(10);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "hot-tier-applied");
        w.thread.start();
        return w;
    }

    static final class AppliedWatch {
        private final long events;
        private Thread thread;
        private volatile long first;
        private volatile long last;
        private volatile long applied;

        private AppliedWatch(long events) {
            this.events = events;
        }

        String result() {
            try {
                thread.join(130_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (applied == 0 || last == first) return "none";
            return String.format(
                    "%,d of %,d applied (%,d dropped) at %,.0f events/s",
                    applied, events, events - applied, applied / ((last - first) / 1e9));
        }
    }

    /** Deletes what a bench run wrote under its key prefix, so the stack's Redis is left as it was. */
    static void clear(Stack stack, String keyPrefix) throws java.io.IOException {
        RedisURI uri = RedisURI.create(stack.redisUri);
        uri.setCredentialsProvider(new StaticCredentialsProvider(
                null,
                java.nio.file.Files.readString(java.nio.file.Path.of(stack.redisPasswordFile))
                        .trim()
                        .toCharArray()));
        RedisClient client = RedisClient.create();
        try (StatefulRedisConnection<String, String> c = client.connect(uri)) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = c.sync()
                        .scan(cursor, ScanArgs.Builder.matches(keyPrefix + "*").limit(1_000));
                if (!page.getKeys().isEmpty()) c.sync().unlink(page.getKeys().toArray(new String[0]));
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }

    private static void api(HotTierReader reader, long events) {
        String token = "bench-" + UUID.randomUUID();
        Javalin app = HotApi.create(reader, token).start("127.0.0.1", 0);
        try {
            HttpClient http = HttpClient.newHttpClient();
            long[] nanos = new long[2_000];
            int ok = 0;
            for (int i = -200; i < nanos.length; i++) { // the first 200 warm the server up
                String cid = "req-" + (1 + (Math.abs(i) * 7919L) % (events / 4 - 1));
                HttpRequest get = HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + app.port() + "/requests/" + cid))
                        .header("Authorization", "Bearer " + token)
                        .build();
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (i < 0) continue;
                nanos[i] = System.nanoTime() - t0;
                if (r.statusCode() == 200) ok++;
            }
            Arrays.sort(nanos);
            EndToEndBench.log(String.format(
                    "hot tier read API: GET /requests/{id} x %,d (%,d answered 200): p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                    nanos.length,
                    ok,
                    nanos[nanos.length / 2] / 1e6,
                    nanos[nanos.length * 99 / 100] / 1e6,
                    nanos[nanos.length - 1] / 1e6));
        } catch (Exception e) {
            throw new IllegalStateException("the read API benchmark failed", e);
        } finally {
            app.stop();
        }
    }

    static void report(VigilConfig config, long events) {
        HotTierSettings settings = HotTierSettings.of(config);
        try (HotTierReader reader = new HotTierReader(settings)) {
            List<String> streams = reader.streams(Set.of());
            long kept = 0;
            for (String s : streams) kept += reader.length(s);
            long[] nanos = new long[2_000];
            int found = 0;
            for (int i = 0; i < nanos.length; i++) {
                String cid =
                        "req-" + (1 + (i * 7919L) % (events / 4 - 1)); // req-0 has 3 events (the sequence starts at 1)
                long t0 = System.nanoTime();
                List<HotEntry> request = reader.request(cid);
                nanos[i] = System.nanoTime() - t0;
                if (request.size() == 4) found++;
            }
            Arrays.sort(nanos);
            EndToEndBench.log(String.format(
                    "hot tier: %,d events written, %,d in %d streams (capped at %,d each); "
                            + "request lookup (4 events, %,d requests of %,d found whole): p50 %.2f ms, p99 %.2f ms",
                    events,
                    kept,
                    streams.size(),
                    config.get(dev.vigil.runtime.config.VigilOptions.HOT_TIER_STREAM_MAX_LENGTH),
                    found,
                    nanos.length,
                    nanos[nanos.length / 2] / 1e6,
                    nanos[nanos.length * 99 / 100] / 1e6));
            api(reader, events);
        }
    }
}
