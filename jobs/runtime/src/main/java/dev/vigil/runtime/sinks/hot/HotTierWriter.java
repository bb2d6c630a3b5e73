package dev.vigil.runtime.sinks.hot;

import dev.vigil.runtime.sinks.elasticsearch.DocumentIds;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.json.EventJson;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events to the hot tier with pipelined asynchronous commands (see {@link HotTierSink}). Runs in the
 * task thread; only the answer callbacks run on the client's I/O thread, and they touch atomics only.
 */
final class HotTierWriter implements SinkWriter<Event> {
    private static final Logger LOG = LoggerFactory.getLogger(HotTierWriter.class);
    /** Commands sent before an explicit flush, between timer flushes. */
    private static final int PIPELINE_BATCH = 256;
    private static final long MAINTENANCE_INTERVAL_MS = 10_000;
    private static final long RECONNECT_INTERVAL_MS = 2_000;
    /**
     * Admits a service to a stream of its own while fewer than ARGV[2] services were seen within the max
     * age; services idle longer lose theirs (their stream is deleted; it was trimmed empty by then).
     */
    private static final String ADMIT = """
            local now = tonumber(ARGV[3])
            if redis.call('ZSCORE', KEYS[1], ARGV[1]) then redis.call('ZADD', KEYS[1], now, ARGV[1]) return 1 end
            local idle = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[4]))
            for _, s in ipairs(idle) do redis.call('DEL', ARGV[5] .. s) redis.call('ZREM', KEYS[1], s) end
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then redis.call('ZADD', KEYS[1], now, ARGV[1]) return 1 end
            return 0
            """;

    /** Keys as text; values as the bytes they are, so an event's JSON is encoded once for its two appends. */
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final HotTierSettings settings;
    private final XAddArgs capped;
    private final ProcessingTimeService time;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final String overflowStream;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile boolean connecting;
    private long nextConnectAttempt;

    private final AtomicInteger inFlight = new AtomicInteger();
    private int unflushed;
    /** Service to its stream key (its own, or the overflow stream). */
    private final Map<String, String> streams = new HashMap<>();
    /** Requests appended to since the last flush: each gets one LTRIM and one PEXPIRE per flush, not one per event. */
    private final Set<String> touchedRequests = new HashSet<>();
    /** Streams of services written since the last maintenance, to trim and to mark as seen. */
    private final Set<String> writtenServices = new HashSet<>();
    private boolean streamsFull;
    private long streamsFullSince;
    private long nextMaintenance;

    private final Counter written;
    private final Counter dropped;

    HotTierWriter(HotTierSettings settings, ProcessingTimeService time, MetricGroup metrics) {
        this.settings = settings;
        this.time = time;
        this.overflowStream = settings.overflowStreamKey();
        this.capped = new XAddArgs().maxlen(settings.streamMaxLength).approximateTrimming();
        MetricGroup vigil = metrics.addGroup("vigil");
        this.written = vigil.counter("hotTierWritten", new ThreadSafeSimpleCounter());
        this.dropped = vigil.counter("hotTierDropped", new ThreadSafeSimpleCounter());
        this.uri = settings.redisUri();
        // One I/O thread per writer: the work is encoding pipelined commands, not computing.
        // Reconnects within a second of Redis coming back (Lettuce's default backs off to 30 s, all of it dropped events).
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS)).build();
        this.client = RedisClient.create(resources);
        client.setOptions(settings.clientOptions());
        connect();
        awaitFirstConnection();
        long now = time.getCurrentProcessingTime();
        nextMaintenance = now + MAINTENANCE_INTERVAL_MS;
        time.registerTimer(now + settings.flushIntervalMs, this::onTimer);
    }

    /** Connects in the background; until it succeeds, events are dropped and counted. */
    private void connect() {
        if (connecting || connection != null) return;
        connecting = true;
        client.connectAsync(CODEC, uri).whenComplete((c, error) -> {
            if (error == null) {
                c.setAutoFlushCommands(false);
                connection = c;
            } else {
                LOG.warn("hot tier: cannot connect to {} ({}); events are dropped from the hot tier until it answers",
                        uri.getHost() + ":" + uri.getPort(), error.getClass().getSimpleName());
            }
            connecting = false;
        });
    }

    /** At start-up only: a moment for the first connection, so the first events are not dropped while it is made. */
    private void awaitFirstConnection() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            while (connection == null && connecting && System.nanoTime() < deadline) Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void write(Event event, Context context) {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c == null || inFlight.get() >= settings.maxInFlight) {
            dropped.inc();
            if (c == null) reconnectLater();
            return;
        }
        String stream = streamFor(c, event.service);
        if (stream == null) {
            dropped.inc();
            return;
        }
        byte[] json = EventJson.toBytes(event);
        Map<String, byte[]> entry = new HashMap<>(8);
        entry.put("id", utf8(DocumentIds.event(event)));
        entry.put("ts", utf8(Long.toString(event.timestamp)));
        entry.put("service", utf8(event.service));
        String level = level(event);
        if (level != null) entry.put("level", utf8(level));
        if (event.correlationId != null) entry.put("cid", utf8(event.correlationId));
        entry.put("json", json);
        RedisAsyncCommands<String, byte[]> redis = c.async();
        track(redis.xadd(stream, capped, entry), true);
        if (event.correlationId != null) {
            String request = settings.requestKey(event.correlationId);
            track(redis.rpush(request, json), false);
            touchedRequests.add(request);
        }
        if (stream != overflowStream) writtenServices.add(event.service);
        if (unflushed >= PIPELINE_BATCH) flush(c);
    }

    /**
     * Counts a sent command toward the next flush; an event's XADD also counts it as in flight until answered,
     * and by that answer as written or dropped.
     */
    private void track(CompletionStage<?> answer, boolean countsTheEvent) {
        unflushed++;
        if (!countsTheEvent) return;
        inFlight.incrementAndGet();
        answer.whenComplete((ok, error) -> {
            inFlight.decrementAndGet();
            if (error == null) written.inc();
            else dropped.inc();
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String level(Event e) {
        if (e.agentLog != null) return e.agentLog.level;
        if (e.error != null) return e.error.severity;
        return null;
    }

    /** The stream for a service: its own while fewer than max-streams services are active, else the shared overflow stream. */
    private String streamFor(StatefulRedisConnection<String, byte[]> c, String service) {
        String known = streams.get(service);
        if (known != null) return known;
        long now = System.currentTimeMillis();
        if (streamsFull && now - streamsFullSince < MAINTENANCE_INTERVAL_MS) return overflowStream;
        try {
            var answer = c.async().<Long>eval(ADMIT, ScriptOutputType.INTEGER, new String[] {settings.servicesKey()}, utf8(service),
                    utf8(Integer.toString(settings.maxStreams)), utf8(Long.toString(now)), utf8(Long.toString(settings.maxAgeMs)),
                    utf8(settings.keyPrefix + "logs:"));
            flush(c);
            boolean admitted = ((Long) answer.get(1, TimeUnit.SECONDS)) == 1L;
            if (admitted) {
                streams.put(service, settings.streamKey(service));
                return settings.streamKey(service);
            }
            streamsFull = true;
            streamsFullSince = now;
            return overflowStream;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null; // Redis down or slow: the event is dropped from the hot tier and counted
        }
    }

    private void onTimer(long now) {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            if (now >= nextMaintenance) {
                maintain(c);
                nextMaintenance = now + MAINTENANCE_INTERVAL_MS;
            }
            if (unflushed > 0) flush(c);
        } else {
            reconnectLater();
        }
        time.registerTimer(time.getCurrentProcessingTime() + settings.flushIntervalMs, this::onTimer);
    }

    /** Trims the streams written lately by age and keeps their services marked as active. */
    private void maintain(StatefulRedisConnection<String, byte[]> c) {
        long now = System.currentTimeMillis();
        String minId = (now - settings.maxAgeMs) + "-0";
        RedisAsyncCommands<String, byte[]> redis = c.async();
        for (String service : writtenServices) {
            track(redis.xtrim(settings.streamKey(service), XTrimArgs.Builder.minId(minId).approximateTrimming()), false);
            track(redis.zadd(settings.servicesKey(), now, utf8(service)), false);
        }
        track(redis.xtrim(overflowStream, XTrimArgs.Builder.minId(minId).approximateTrimming()), false);
        writtenServices.clear();
        // a service another writer dropped as idle is admitted again on its next event
        if (streams.size() > settings.maxStreams) streams.clear();
    }

    private void flush(StatefulRedisConnection<String, byte[]> c) {
        if (!touchedRequests.isEmpty()) {
            RedisAsyncCommands<String, byte[]> redis = c.async();
            for (String request : touchedRequests) {
                track(redis.ltrim(request, -settings.requestMaxEvents, -1), false);
                track(redis.pexpire(request, settings.requestTtlMs), false);
            }
            touchedRequests.clear();
        }
        c.flushCommands();
        unflushed = 0;
    }

    private void reconnectLater() {
        long now = System.currentTimeMillis();
        if (now < nextConnectAttempt) return;
        nextConnectAttempt = now + RECONNECT_INTERVAL_MS;
        connect();
    }

    /** Sends what is buffered; answers are not awaited (the hot tier is not part of exactly once). */
    @Override
    public void flush(boolean endOfInput) {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null && (unflushed > 0 || !touchedRequests.isEmpty())) flush(c);
        if (endOfInput && c != null) {
            // a bounded job: let the last answers arrive so its counts are final
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            try {
                while (inFlight.get() > 0 && System.nanoTime() < deadline) Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            if (unflushed > 0) flush(c);
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
