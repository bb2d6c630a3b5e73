package dev.vigil.runtime.sinks.hot;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.io.Serializable;

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

    HotTierSettings(String uri, String username, String passwordFile, String caFile, String keyPrefix, int streamMaxLength, long maxAgeMs,
            int maxStreams, long requestTtlMs, int requestMaxEvents, int maxInFlight, long flushIntervalMs) {
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
        return new HotTierSettings(uri, config.get(VigilOptions.REDIS_USERNAME), config.get(VigilOptions.REDIS_PASSWORD_FILE),
                config.get(VigilOptions.REDIS_CA_FILE), config.get(VigilOptions.HOT_TIER_KEY_PREFIX),
                config.get(VigilOptions.HOT_TIER_STREAM_MAX_LENGTH), config.get(VigilOptions.HOT_TIER_MAX_AGE),
                config.get(VigilOptions.HOT_TIER_MAX_STREAMS), config.get(VigilOptions.HOT_TIER_REQUEST_TTL),
                config.get(VigilOptions.HOT_TIER_REQUEST_MAX_EVENTS), config.get(VigilOptions.HOT_TIER_MAX_IN_FLIGHT),
                config.get(VigilOptions.HOT_TIER_FLUSH_INTERVAL));
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
