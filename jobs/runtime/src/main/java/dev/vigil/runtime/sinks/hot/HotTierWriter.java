package dev.vigil.runtime.sinks.hot;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.json.EventJson;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Events sent in one APPEND call, between timer flushes. */
    private static final int BATCH = 256;

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

    /**
     * Appends a batch in one call instead of two to four commands per event (measured: 28K events/s with a
     * command per append, 42K with a request's appends grouped, more as one call; the client's per-command
     * work was the limit, not Redis). ARGV: stream max length, request max events, request TTL (ms), the
     * number of events n, then per event the index of its stream in KEYS and its JSON, then per request
     * the index of its key in KEYS, its number of events and their positions among the n. Each stream
     * entry has one field, {@code json}: readers take IDs, time, service and level from it. A request's
     * list holds references ({@code <stream key> <entry ID>}), not copies: with copies, every event's JSON
     * went twice through Redis and its append-only file (measured: 47K events/s applied with copies).
     */
    private static final String APPEND = """
            local n = tonumber(ARGV[4])
            local refs = {}
            for e = 1, n do
              local key = KEYS[tonumber(ARGV[3 + 2 * e])]
              refs[e] = key .. ' ' .. redis.call('XADD', key, 'MAXLEN', '~', ARGV[1], '*', 'json', ARGV[4 + 2 * e])
            end
            local keep = tonumber(ARGV[2])
            local at = 5 + 2 * n
            while at <= #ARGV do
              local key = KEYS[tonumber(ARGV[at])]
              local count = tonumber(ARGV[at + 1])
              local values = {}
              for j = 1, count do values[j] = refs[tonumber(ARGV[at + 1 + j])] end
              if redis.call('RPUSH', key, unpack(values)) > keep then redis.call('LTRIM', key, -keep, -1) end
              redis.call('PEXPIRE', key, ARGV[3])
              at = at + 2 + count
            end
            return n
            """;

    /** Keys and values as bytes: an event's JSON is encoded once, a stream's key once per service. */
    private static final RedisCodec<byte[], byte[]> CODEC = ByteArrayCodec.INSTANCE;

    private final HotTierSettings settings;
    private final byte[][] header;
    private final ProcessingTimeService time;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final byte[] overflowStream;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile boolean connecting;
    private long nextConnectAttempt;

    private final AtomicInteger inFlight = new AtomicInteger();
    /** Commands queued since the last flush (maintenance, admission), sent with the next flush. */
    private int unflushed;
    /** Service to its stream key (its own, or the overflow stream). */
    private final Map<String, byte[]> streams = new HashMap<>();
    /** The batch being filled: KEYS, the events' ARGV pairs, and each request's events (their positions in the batch). */
    private final List<byte[]> batchKeys = new ArrayList<>();

    private final Map<byte[], Integer> batchStreams = new IdentityHashMap<>();
    private final List<byte[]> batchEvents = new ArrayList<>(2 * BATCH);
    private final Map<String, List<Integer>> batchRequests = new HashMap<>();
    private int pendingEvents;
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
        this.overflowStream = utf8(settings.overflowStreamKey());
        this.header = new byte[][] {
            utf8(Integer.toString(settings.streamMaxLength)),
            utf8(Integer.toString(settings.requestMaxEvents)),
            utf8(Long.toString(settings.requestTtlMs))
        };
        MetricGroup vigil = metrics.addGroup("vigil");
        this.written = vigil.counter("hotTierWritten", new ThreadSafeSimpleCounter());
        this.dropped = vigil.counter("hotTierDropped", new ThreadSafeSimpleCounter());
        this.uri = settings.redisUri();
        // One I/O thread per writer: the work is encoding pipelined commands, not computing.
        // Reconnects within a second of Redis coming back (Lettuce's default backs off to 30 s, all of it dropped
        // events).
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(1)
                .computationThreadPoolSize(1)
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
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
                LOG.warn(
                        "hot tier: cannot connect to {} ({}); events are dropped from the hot tier until it answers",
                        uri.getHost() + ":" + uri.getPort(),
                        error.getClass().getSimpleName());
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
        StatefulRedisConnection<byte[], byte[]> c = connection;
        if (c == null || inFlight.get() >= settings.maxInFlight) {
            dropped.inc();
            if (c == null) reconnectLater();
            return;
        }
        byte[] stream = streamFor(c, event.service);
        if (stream == null) {
            dropped.inc();
            return;
        }
        Integer streamIndex = batchStreams.get(stream);
        if (streamIndex == null) {
            batchKeys.add(stream);
            streamIndex = batchKeys.size();
            batchStreams.put(stream, streamIndex);
        }
        batchEvents.add(number(streamIndex));
        batchEvents.add(EventJson.toBytes(event));
        pendingEvents++;
        inFlight.incrementAndGet();
        if (event.correlationId != null)
            batchRequests
                    .computeIfAbsent(event.correlationId, k -> new ArrayList<>(4))
                    .add(pendingEvents);
        if (stream != overflowStream) writtenServices.add(event.service);
        if (pendingEvents >= BATCH) flush(c);
    }

    /** The numbers a batch's ARGV holds (indexes and counts up to 3 × BATCH), encoded once. */
    private static final byte[][] NUMBERS = new byte[3 * BATCH + 2][];

    static {
        for (int i = 0; i < NUMBERS.length; i++) NUMBERS[i] = utf8(Integer.toString(i));
    }

    private static byte[] number(int i) {
        return i < NUMBERS.length ? NUMBERS[i] : utf8(Integer.toString(i));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The stream for a service: its own while fewer than max-streams services are active, else the shared overflow stream. */
    private byte[] streamFor(StatefulRedisConnection<byte[], byte[]> c, String service) {
        byte[] known = streams.get(service);
        if (known != null) return known;
        long now = System.currentTimeMillis();
        if (streamsFull && now - streamsFullSince < MAINTENANCE_INTERVAL_MS) return overflowStream;
        try {
            var answer = c.async()
                    .<Long>eval(
                            ADMIT,
                            ScriptOutputType.INTEGER,
                            new byte[][] {utf8(settings.servicesKey())},
                            utf8(service),
                            utf8(Integer.toString(settings.maxStreams)),
                            utf8(Long.toString(now)),
                            utf8(Long.toString(settings.maxAgeMs)),
                            utf8(settings.keyPrefix + "logs:"));
            flush(c);
            boolean admitted = ((Long) answer.get(1, TimeUnit.SECONDS)) == 1L;
            if (admitted) {
                byte[] key = utf8(settings.streamKey(service));
                streams.put(service, key);
                return key;
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
        StatefulRedisConnection<byte[], byte[]> c = connection;
        if (c != null) {
            if (now >= nextMaintenance) {
                maintain(c);
                nextMaintenance = now + MAINTENANCE_INTERVAL_MS;
            }
            if (unflushed > 0 || pendingEvents > 0) flush(c);
        } else {
            reconnectLater();
        }
        time.registerTimer(time.getCurrentProcessingTime() + settings.flushIntervalMs, this::onTimer);
    }

    /** Trims the streams written lately by age and keeps their services marked as active. */
    private void maintain(StatefulRedisConnection<byte[], byte[]> c) {
        long now = System.currentTimeMillis();
        String minId = (now - settings.maxAgeMs) + "-0";
        RedisAsyncCommands<byte[], byte[]> redis = c.async();
        byte[] services = utf8(settings.servicesKey());
        for (String service : writtenServices) {
            redis.xtrim(
                    utf8(settings.streamKey(service)),
                    XTrimArgs.Builder.minId(minId).approximateTrimming());
            redis.zadd(services, now, utf8(service));
        }
        redis.xtrim(overflowStream, XTrimArgs.Builder.minId(minId).approximateTrimming());
        unflushed += 2 * writtenServices.size() + 1;
        writtenServices.clear();
        // a service another writer dropped as idle is admitted again on its next event
        if (streams.size() > settings.maxStreams) streams.clear();
    }

    private void flush(StatefulRedisConnection<byte[], byte[]> c) {
        if (pendingEvents > 0) sendBatch(c);
        c.flushCommands();
        unflushed = 0;
    }

    /** Sends the batch as one APPEND call; its answer counts every event in it as written, or as dropped. */
    private void sendBatch(StatefulRedisConnection<byte[], byte[]> c) {
        List<byte[]> argv = new ArrayList<>(4 + batchEvents.size() + 3 * batchRequests.size() + pendingEvents);
        for (byte[] h : header) argv.add(h);
        argv.add(number(pendingEvents));
        argv.addAll(batchEvents);
        for (Map.Entry<String, List<Integer>> request : batchRequests.entrySet()) {
            batchKeys.add(utf8(settings.requestKey(request.getKey())));
            argv.add(number(batchKeys.size()));
            argv.add(number(request.getValue().size()));
            for (int position : request.getValue()) argv.add(number(position));
        }
        int events = pendingEvents;
        c.async()
                .<Long>eval(
                        APPEND, ScriptOutputType.INTEGER, batchKeys.toArray(new byte[0][]), argv.toArray(new byte[0][]))
                .whenComplete((ok, error) -> {
                    inFlight.addAndGet(-events);
                    if (error == null) written.inc(events);
                    else dropped.inc(events);
                });
        batchKeys.clear();
        batchStreams.clear();
        batchEvents.clear();
        batchRequests.clear();
        pendingEvents = 0;
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
        StatefulRedisConnection<byte[], byte[]> c = connection;
        if (c != null && (unflushed > 0 || pendingEvents > 0)) flush(c);
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
        StatefulRedisConnection<byte[], byte[]> c = connection;
        if (c != null) {
            if (unflushed > 0 || pendingEvents > 0) flush(c);
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
