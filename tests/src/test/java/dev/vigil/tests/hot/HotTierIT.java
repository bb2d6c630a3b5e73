package dev.vigil.tests.hot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.hot.HotEntry;
import dev.vigil.runtime.sinks.hot.HotTierReader;
import dev.vigil.runtime.sinks.hot.HotTierSettings;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.json.EventJson;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hot-tier sink against the stack's real Redis: streams per service, the per-request index, caps, and Redis down. */
class HotTierIT {
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void connect() {
        client = HotTierFixtures.redis();
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterAll
    static void close() {
        connection.close();
        client.shutdown();
    }

    @Test
    void eachEventGoesToItsServiceStreamAndItsRequestInOrder() throws Exception {
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        // 30 events of a, 20 of b, 10 of c; six requests, each across the three services
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String service = i < 30 ? "svc-a" : i < 50 ? "svc-b" : "svc-c";
            events.add(log(service, "e" + i, 1_764_460_800_000L + i, "r" + (i % 6), i % 3 == 0 ? "ERROR" : "INFO"));
        }
        Map<String, Long> counters = run(events, prefix, "hot-tier.max-streams: 2\n");

        assertThat(counters)
                .containsEntry("hotTierWritten", 60L)
                .containsEntry("hotTierDropped", 0L)
                .containsEntry("numRestarts", 0L);
        assertThat(redis.xlen(prefix + "logs:svc-a")).isEqualTo(30);
        assertThat(redis.xlen(prefix + "logs:svc-b")).isEqualTo(20);
        // the third service is beyond hot-tier.max-streams: it shares the overflow stream and creates no key
        assertThat(redis.exists(prefix + "logs:svc-c")).isZero();
        assertThat(redis.xlen(prefix + "logs:~overflow")).isEqualTo(10);
        assertThat(redis.zrange(prefix + "services", 0, -1)).containsExactlyInAnyOrder("svc-a", "svc-b");

        List<StreamMessage<String, String>> a =
                redis.xrange(prefix + "logs:svc-a", io.lettuce.core.Range.create("-", "+"));
        Event first = events.get(0);
        // one field, the event as JSON: readers take its IDs, time, service and level from it
        assertThat(a.get(0).getBody())
                .containsExactly(Map.entry("json", new String(EventJson.toBytes(first), StandardCharsets.UTF_8)));

        for (int r = 0; r < 6; r++) {
            String cid = "r" + r;
            List<String> expected = events.stream()
                    .filter(e -> e.correlationId.equals(cid))
                    .map(e -> new String(EventJson.toBytes(e), StandardCharsets.UTF_8))
                    .collect(Collectors.toList());
            List<String> refs = redis.lrange(prefix + "request:" + cid, 0, -1);
            // references to the stream entries, "<stream key> <entry ID>", in order of arrival
            assertThat(refs)
                    .as(cid)
                    .allMatch(ref -> ref.matches("\\Q" + prefix + "\\Elogs:(svc-a|svc-b|~overflow) \\d+-\\d+"));
            assertThat(resolve(refs)).as(cid).containsExactlyElementsOf(expected);
            assertThat(redis.pttl(prefix + "request:" + cid)).isBetween(1L, 3_600_000L);
        }
    }

    @Test
    void streamsAreCappedByLengthAndRequestsByCount() throws Exception {
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++)
            events.add(log("svc-capped", "c" + i, 1_764_460_800_000L + i, "one-request", "INFO"));
        Map<String, Long> counters =
                run(events, prefix, "hot-tier.stream-max-length: 100\nhot-tier.request-max-events: 5\n");

        assertThat(counters).containsEntry("hotTierWritten", 2_000L).containsEntry("hotTierDropped", 0L);
        // MAXLEN ~ trims whole stream nodes (100 entries each by default): at least the cap, less than a node more
        assertThat(redis.xlen(prefix + "logs:svc-capped")).isBetween(100L, 199L);
        List<String> request = redis.lrange(prefix + "request:one-request", 0, -1);
        assertThat(request).hasSize(5);
        assertThat(resolve(request.subList(4, 5)))
                .containsExactly(new String(EventJson.toBytes(events.get(1_999)), StandardCharsets.UTF_8));
    }

    /** The JSON of the stream entries a request's list refers to ("<stream key> <entry ID>" each), in the list's order. */
    private static List<String> resolve(List<String> refs) {
        List<String> jsons = new ArrayList<>();
        for (String ref : refs) {
            int space = ref.lastIndexOf(' ');
            String id = ref.substring(space + 1);
            for (StreamMessage<String, String> m :
                    redis.xrange(ref.substring(0, space), io.lettuce.core.Range.create(id, id))) {
                jsons.add(m.getBody().get("json"));
            }
        }
        return jsons;
    }

    /**
     * A request read back: its references resolved across services in event-time order, a replayed event once, an entry
     * its stream trimmed since left out, and a list element from before references (the event's JSON) still read.
     */
    @Test
    void aRequestIsReadThroughItsReferencesAndOldListsStillRead() throws Exception {
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        List<Event> events = List.of(
                log("svc-x", "x1", 1_764_460_800_003L, "req-read", "INFO"),
                log("svc-y", "y1", 1_764_460_800_001L, "req-read", "WARN"),
                log("svc-x", "x1", 1_764_460_800_003L, "req-read", "INFO"), // a replay
                log("svc-y", "y2", 1_764_460_800_002L, "req-read", "INFO"));
        VigilConfig config = HotTierFixtures.config(prefix, "");
        assertThat(HotTierFixtures.write(config, events)).containsEntry("hotTierWritten", 4L);
        String list = prefix + "request:req-read";
        assertThat(redis.llen(list)).isEqualTo(4);
        Event old = log("svc-z", "z0", 1_764_460_800_000L, "req-read", "ERROR");
        redis.lpush(list, new String(EventJson.toBytes(old), StandardCharsets.UTF_8));
        try (HotTierReader reader = new HotTierReader(HotTierSettings.of(config))) {
            assertThat(reader.request("req-read"))
                    .extracting(HotEntry::json)
                    .containsExactly(jsons(old, events.get(1), events.get(3), events.get(0)));
            // svc-y's stream trimmed to nothing: its two events are no longer kept, so the request shows the rest
            redis.xtrim(prefix + "logs:svc-y", 0);
            assertThat(reader.request("req-read"))
                    .extracting(HotEntry::json)
                    .containsExactly(jsons(old, events.get(0)));
        }
    }

    private static String[] jsons(Event... events) {
        String[] jsons = new String[events.length];
        for (int i = 0; i < events.length; i++)
            jsons[i] = new String(EventJson.toBytes(events[i]), StandardCharsets.UTF_8);
        return jsons;
    }

    @Test
    void withRedisUnreachableEveryEventIsDroppedAndCountedAndTheJobRunsOn() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) events.add(log("svc-down", "d" + i, 1_764_460_800_000L + i, "r", "INFO"));
        // a port nothing listens on
        Map<String, Long> counters = run(events, "it-down:", "redis.uri: redis://127.0.0.1:1\n");
        assertThat(counters)
                .containsEntry("hotTierWritten", 0L)
                .containsEntry("hotTierDropped", 500L)
                .containsEntry("numRestarts", 0L);
    }

    /**
     * The bound docs/hot-tier.md states: a stream entry costs at most its JSON plus {@value #ENTRY_OVERHEAD} bytes
     * (the other fields, the entry's ID and Redis' per-entry bookkeeping), a per-request list element (a reference:
     * the stream's key, a space and the entry's ID of at most 41 characters) its stream key's length plus
     * {@value #REQUEST_ELEMENT_OVERHEAD}, and a request key {@value #REQUEST_KEY_OVERHEAD} more (key, TTL, list header).
     */
    static final int ENTRY_OVERHEAD = 160;

    static final int REQUEST_ELEMENT_OVERHEAD = 74;
    static final int REQUEST_KEY_OVERHEAD = 200;

    @Test
    void memoryStaysWithinTheStatedBound() throws Exception {
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        int streamCap = 5_000;
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Event e = log(
                    "svc-mem-" + (i % 4),
                    "m" + i,
                    1_764_460_800_000L + i,
                    "req-" + (i / 10),
                    i % 7 == 0 ? "WARN" : "INFO");
            e.agentLog.message = "handled request " + i + " for customer [email] in " + (i % 900)
                    + " ms; upstream=payments-v2 retry=" + (i % 3);
            events.add(e);
        }
        long jsonBytes = events.stream()
                .mapToLong(e -> EventJson.toBytes(e).length)
                .max()
                .orElseThrow();
        long before = usedMemory();
        // an in-memory source outruns any Redis: allow the whole burst in flight, so every event lands and counts
        Map<String, Long> counters =
                run(events, prefix, "hot-tier.stream-max-length: " + streamCap + "\nhot-tier.max-in-flight: 20000\n");
        long used = usedMemory() - before;
        assertThat(counters).containsEntry("hotTierWritten", 20_000L);

        long kept = 0;
        for (int s = 0; s < 4; s++) kept += redis.xlen(prefix + "logs:svc-mem-" + s);
        long bound = 4L * (streamCap + 100) * (jsonBytes + ENTRY_OVERHEAD) // four streams at their cap (plus one node)
                + 20_000L
                        * ((prefix + "logs:svc-mem-0").length()
                                + REQUEST_ELEMENT_OVERHEAD) // every event in its request's list
                + 2_000L * REQUEST_KEY_OVERHEAD; // 2,000 requests
        System.out.printf(
                "[hot-tier] 20,000 events of <= %d JSON bytes, %d kept in 4 streams (cap %d), 2,000 requests: "
                        + "used_memory +%,d bytes; stated bound %,d bytes (%.0f%% of it)%n",
                jsonBytes, kept, streamCap, used, bound, 100.0 * used / bound);
        assertThat(kept).isBetween(4L * streamCap, 4L * (streamCap + 100));
        assertThat(used).isPositive().isLessThanOrEqualTo(bound);
    }

    /** ./vigil tail -f: sees what arrives after it started, across services, each event once (a replayed one too). */
    @Test
    void followSeesNewEventsOnceAcrossServices() throws Exception {
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        List<Event> before = new ArrayList<>();
        for (int i = 0; i < 10; i++)
            before.add(log(i % 2 == 0 ? "svc-x" : "svc-y", "b" + i, 1_764_460_800_000L + i, "rb", "INFO"));
        run(before, prefix, "");

        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(printed, true, StandardCharsets.UTF_8);
        dev.vigil.runtime.sinks.hot.HotTierTail tail = dev.vigil.runtime.sinks.hot.HotTierTail.parse(
                new String[] {"-f", "--json", "--since", "1ms", "--level", "WARN"});
        Thread follower;
        try (var reader = new dev.vigil.runtime.sinks.hot.HotTierReader(
                dev.vigil.runtime.sinks.hot.HotTierSettings.of(HotTierFixtures.config(prefix, "")))) {
            follower = new Thread(() -> {
                try {
                    tail.run(reader, out);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            follower.start();
            Thread.sleep(1_000); // following from here on

            List<Event> after = new ArrayList<>();
            for (int i = 0; i < 12; i++)
                after.add(log(
                        i % 3 == 0 ? "svc-x" : "svc-y",
                        "a" + i,
                        1_764_460_900_000L + i,
                        "ra",
                        i % 2 == 0 ? "WARN" : "INFO"));
            after.add(before.get(0)); // a replay of an earlier event: INFO, filtered anyway
            after.add(after.get(0)); // a replay of a new WARN event: shown once
            run(after, prefix, "");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline
                    && printed.toString(StandardCharsets.UTF_8).lines().count() < 6) Thread.sleep(50);
            Thread.sleep(1_000); // anything more that would come (a duplicate) comes now
            follower.interrupt();
            follower.join(5_000);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i += 2) {
            expected.add(new String(
                    EventJson.toBytes(
                            log(i % 3 == 0 ? "svc-x" : "svc-y", "a" + i, 1_764_460_900_000L + i, "ra", "WARN")),
                    StandardCharsets.UTF_8));
        }
        assertThat(lines).containsExactlyElementsOf(expected); // the six WARN events, once each, in event-time order
    }

    private static long usedMemory() {
        for (String line : redis.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:"))
                return Long.parseLong(line.substring("used_memory:".length()).trim());
        }
        throw new IllegalStateException("INFO memory has no used_memory");
    }

    private static Map<String, Long> run(List<Event> events, String prefix, String extraYaml) throws Exception {
        return HotTierFixtures.write(HotTierFixtures.config(prefix, extraYaml), events);
    }

    private static Event log(String service, String id, long timestamp, String correlationId, String level) {
        return HotTierFixtures.log(
                service, id, timestamp, correlationId, level, "step " + id + " of " + correlationId + " done");
    }
}
