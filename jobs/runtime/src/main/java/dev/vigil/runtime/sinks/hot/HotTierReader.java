package dev.vigil.runtime.sinks.hot;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads the hot tier: the recent events of some services, one request's events, and what arrives next.
 * Every key is built from the configured prefix and a name passed as a command argument, never as
 * command text, so no parameter can inject a Redis command. Repeats (a replay after a job restart) are
 * dropped by document ID.
 */
public final class HotTierReader implements AutoCloseable {
    /** How long one request's entries may take to arrive. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final HotTierSettings settings;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> async;

    public HotTierReader(HotTierSettings settings) {
        this.settings = settings;
        this.client = RedisClient.create();
        client.setOptions(settings.clientOptions());
        this.connection = client.connect(settings.redisUri());
        this.redis = connection.sync();
        this.async = connection.async();
    }

    /** The streams to read: the named services' (a service beyond the cap lives in the overflow stream), or all. */
    public List<String> streams(Set<String> services) {
        List<String> keys = new ArrayList<>();
        if (services.isEmpty()) {
            for (String s : redis.zrange(settings.servicesKey(), 0, -1)) keys.add(settings.streamKey(s));
        } else {
            for (String s : services) {
                if (redis.exists(settings.streamKey(s)) > 0) keys.add(settings.streamKey(s));
            }
        }
        keys.add(settings.overflowStreamKey());
        return keys;
    }

    /** Fails unless Redis answers. */
    public void ping() {
        redis.ping();
    }

    /** How often Redis has run {@code command} since it started ({@code INFO commandstats}; calls from scripts count). */
    public long commandCalls(String command) {
        String info = redis.info("commandstats");
        String key = "cmdstat_" + command.toLowerCase(java.util.Locale.ROOT) + ":calls=";
        int at = info.indexOf(key);
        if (at < 0) return 0;
        int from = at + key.length();
        int to = info.indexOf(',', from);
        return Long.parseLong(info.substring(from, to < 0 ? info.length() : to).trim());
    }

    /** Entries a stream holds now. */
    public long length(String stream) {
        return redis.xlen(stream);
    }

    /** The newest {@code limit} events since {@code sinceMs} (arrival time) that match, oldest first by event time. */
    public List<HotEntry> recent(List<String> streams, long sinceMs, int limit, Predicate<HotEntry> filter) {
        Map<String, HotEntry> unique = new LinkedHashMap<>();
        for (String stream : streams) {
            // newest first, so a limit keeps the latest; a service's stream is already capped in length
            for (StreamMessage<String, String> m : redis.xrevrange(stream, Range.create(sinceMs + "-0", "+"))) {
                HotEntry e = HotEntry.of(m.getBody());
                if (filter.test(e)) unique.putIfAbsent(e.id(), e);
            }
        }
        List<HotEntry> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparingLong(HotEntry::timestamp));
        return sorted.size() > limit ? sorted.subList(sorted.size() - limit, sorted.size()) : sorted;
    }

    /**
     * Every hot event of one request, across services, in event-time order (repeats dropped). The request's
     * list references stream entries ({@code <stream key> <entry ID>}), fetched in one pipelined round; an
     * entry its stream has trimmed since is no longer kept, so it is not returned. A JSON element is the
     * layout before references, read as it is until its TTL ends.
     */
    public List<HotEntry> request(String correlationId) {
        List<RedisFuture<List<StreamMessage<String, String>>>> fetches = new ArrayList<>();
        Map<String, HotEntry> unique = new LinkedHashMap<>();
        for (String element : redis.lrange(settings.requestKey(correlationId), 0, -1)) {
            if (element.startsWith("{")) {
                HotEntry e = HotEntry.ofJson(element);
                unique.putIfAbsent(e.id(), e);
                continue;
            }
            int space = element.lastIndexOf(' ');
            String id = element.substring(space + 1);
            fetches.add(async.xrange(element.substring(0, space), Range.create(id, id)));
        }
        for (RedisFuture<List<StreamMessage<String, String>>> fetch : fetches) {
            for (StreamMessage<String, String> m :
                    LettuceFutures.awaitOrCancel(fetch, READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                HotEntry e = HotEntry.of(m.getBody());
                unique.putIfAbsent(e.id(), e);
            }
        }
        List<HotEntry> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparingLong(HotEntry::timestamp));
        return sorted;
    }

    /**
     * Waits up to {@code block} for events after the given positions of the streams ({@code stream → last ID},
     * "$" for "from now"), advances the positions and returns what arrived, in arrival order per stream.
     */
    public List<HotEntry> next(Map<String, String> positions, Duration block) {
        List<XReadArgs.StreamOffset<String>> offsets = new ArrayList<>();
        for (Map.Entry<String, String> p : positions.entrySet())
            offsets.add(XReadArgs.StreamOffset.from(p.getKey(), p.getValue()));
        @SuppressWarnings("unchecked")
        List<StreamMessage<String, String>> messages = redis.xread(
                XReadArgs.Builder.block(block).count(1_000), offsets.toArray(new XReadArgs.StreamOffset[0]));
        List<HotEntry> out = new ArrayList<>();
        for (StreamMessage<String, String> m : messages) {
            positions.put(m.getStream(), m.getId());
            out.add(HotEntry.of(m.getBody()));
        }
        return out;
    }

    /** The newest entry ID of each stream ("0-0" when empty), to follow from. */
    public Map<String, String> ends(List<String> streams) {
        Map<String, String> positions = new HashMap<>();
        for (String s : streams) {
            List<StreamMessage<String, String>> last =
                    redis.xrevrange(s, Range.create("-", "+"), io.lettuce.core.Limit.create(0, 1));
            positions.put(s, last.isEmpty() ? "0-0" : last.get(0).getId());
        }
        return positions;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
