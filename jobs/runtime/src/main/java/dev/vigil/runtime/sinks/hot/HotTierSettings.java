package dev.vigil.runtime.sinks.hot;

import dev.vigil.runtime.config.Secrets;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import java.io.File;
import java.io.Serializable;
import java.time.Duration;

/**
 * Where the hot tier is and what it keeps, from {@code redis.*} and {@code hot-tier.*}. Holds the names
 * of credential files, never their content: the password is read when a writer opens.
 */
public final class HotTierSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    final String uri;
    final String username;
    final String passwordFile;
    final String caFile;
    final String keyPrefix;
    final int streamMaxLength;
    final long maxAgeMs;
    final int maxStreams;
    final long requestTtlMs;
    final int requestMaxEvents;
    final int maxInFlight;
    final long flushIntervalMs;

    HotTierSettings(
            String uri,
            String username,
            String passwordFile,
            String caFile,
            String keyPrefix,
            int streamMaxLength,
            long maxAgeMs,
            int maxStreams,
            long requestTtlMs,
            int requestMaxEvents,
            int maxInFlight,
            long flushIntervalMs) {
        this.uri = uri;
        this.username = username;
        this.passwordFile = passwordFile;
        this.caFile = caFile;
        this.keyPrefix = keyPrefix;
        this.streamMaxLength = streamMaxLength;
        this.maxAgeMs = maxAgeMs;
        this.maxStreams = maxStreams;
        this.requestTtlMs = requestTtlMs;
        this.requestMaxEvents = requestMaxEvents;
        this.maxInFlight = maxInFlight;
        this.flushIntervalMs = flushIntervalMs;
    }

    /** The hot tier as configured, or null when {@code redis.uri} is empty (the hot tier is off). */
    public static HotTierSettings of(VigilConfig config) {
        String uri = config.get(VigilOptions.REDIS_URI);
        if (uri.isEmpty()) return null;
        return new HotTierSettings(
                uri,
                config.get(VigilOptions.REDIS_USERNAME),
                config.get(VigilOptions.REDIS_PASSWORD_FILE),
                config.get(VigilOptions.REDIS_CA_FILE),
                config.get(VigilOptions.HOT_TIER_KEY_PREFIX),
                config.get(VigilOptions.HOT_TIER_STREAM_MAX_LENGTH),
                config.get(VigilOptions.HOT_TIER_MAX_AGE),
                config.get(VigilOptions.HOT_TIER_MAX_STREAMS),
                config.get(VigilOptions.HOT_TIER_REQUEST_TTL),
                config.get(VigilOptions.HOT_TIER_REQUEST_MAX_EVENTS),
                config.get(VigilOptions.HOT_TIER_MAX_IN_FLIGHT),
                config.get(VigilOptions.HOT_TIER_FLUSH_INTERVAL));
    }

    /** Where Redis is, with the password read from its file now (never kept in the job graph). */
    RedisURI redisUri() {
        RedisURI.Builder builder = RedisURI.builder(RedisURI.create(uri)).withTimeout(Duration.ofSeconds(5));
        String password = Secrets.fromFile(passwordFile, VigilOptions.REDIS_PASSWORD_FILE.key());
        if (!password.isEmpty()) {
            if (username.isEmpty()) builder.withPassword((CharSequence) password);
            else builder.withAuthentication(username, password);
        }
        return builder.build();
    }

    /**
     * Client options for writers and readers alike: reconnect by itself, and while disconnected reject commands
     * at once (a writer counts them as dropped) instead of queueing them without bound.
     */
    ClientOptions clientOptions() {
        ClientOptions.Builder options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .build());
        if (!caFile.isEmpty())
            options.sslOptions(
                    SslOptions.builder().trustManager(new File(caFile)).build());
        return options.build();
    }

    /** The stream of one service's events. */
    public String streamKey(String service) {
        return keyPrefix + "logs:" + service;
    }

    /** The stream shared by the services beyond {@code hot-tier.max-streams}. */
    public String overflowStreamKey() {
        return keyPrefix + "logs:~overflow";
    }

    /** The set of services that have a stream of their own. */
    public String servicesKey() {
        return keyPrefix + "services";
    }

    /** One request's events, oldest first. */
    public String requestKey(String correlationId) {
        return keyPrefix + "request:" + correlationId;
    }
}
