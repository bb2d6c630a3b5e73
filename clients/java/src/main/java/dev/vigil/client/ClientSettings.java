package dev.vigil.client;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Where and as whom a service publishes: Kafka, the service's identity (the contract's envelope), the topics per event
 * type, and the publisher's queue. Built once at start-up; a bad value fails there, naming the setting.
 */
public final class ClientSettings {
    /** The contract's service and environment names: safe in index names, metric labels and SQL keys. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final AtomicInteger PRODUCERS = new AtomicInteger();

    /**
     * Events the publisher's queue holds by default. A service's appenders and API share one publisher when
     * configured alike, so its queue takes all their events: at 5,000 requests/s (15,000 events/s) a shared queue of
     * 8,192 dropped 12,204 and 526 of 750,000 events in two runs, one of 32,768 none in five (docs/performance.md).
     */
    public static final int DEFAULT_QUEUE_CAPACITY = 32_768;

    final String service;
    final String environment;
    final String host;
    final String instance;
    final Map<String, String> topics;
    final int queueCapacity;
    final Overflow overflow;
    final Duration metricInterval;
    final Duration closeTimeout;
    final List<String> appPackages;
    final Properties kafka;
    /** Everything that makes two settings publish alike (the generated client ID left out): see {@link Publisher#shared}. */
    final List<Object> sharingKey;

    private ClientSettings(Builder b) {
        this.service = name(b.service, "service");
        this.environment = b.environment == null ? null : name(b.environment, "environment");
        this.host = b.host;
        this.instance = b.instance;
        this.topics = Collections.unmodifiableMap(new HashMap<>(b.topics));
        if (b.queueCapacity < 1) throw new IllegalArgumentException("queueCapacity must be at least 1");
        this.queueCapacity = b.queueCapacity;
        this.overflow = b.overflow;
        this.metricInterval = b.metricInterval;
        this.closeTimeout = b.closeTimeout;
        this.appPackages = List.copyOf(b.appPackages);
        this.kafka = new Properties();
        kafka.putAll(b.kafka);
        this.sharingKey = Arrays.asList(
                service,
                environment,
                host,
                instance,
                topics,
                queueCapacity,
                overflow,
                metricInterval,
                closeTimeout,
                appPackages,
                new HashMap<>(kafka));
        // settings that do not share a publisher have producers of their own: distinct client IDs keep their JMX names
        // apart
        kafka.putIfAbsent("client.id", "vigil-" + service + "-" + PRODUCERS.incrementAndGet());
        if (!kafka.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException(
                    "bootstrapServers is not set. Fix: set it (host:port,...) or bootstrap.servers in kafkaConfigFile");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The topic events of {@code type} (a contract type name such as {@code agent_log}) go to. */
    String topic(String type) {
        return topics.get(type);
    }

    private static String name(String value, String key) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(key + " must match " + NAME.pattern() + " (got "
                    + (value == null ? "nothing" : "'" + value + "'") + "). Fix: set " + key
                    + " to a name like 'checkout'");
        }
        return value;
    }

    public static final class Builder {
        private String service;
        private String environment;
        private String host = localHost();
        private String instance;
        private final Map<String, String> topics = new HashMap<>(Map.of(
                "agent_log", "vigil.agent-logs",
                "business_event", "vigil.business-events",
                "performance_metric", "vigil.performance-metrics",
                "error", "vigil.errors"));
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private Overflow overflow = Overflow.DROP;
        private Duration metricInterval = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private final List<String> appPackages = new ArrayList<>();
        private final Properties kafka = defaults();

        private Builder() {}

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder instance(String instance) {
            this.instance = instance;
            return this;
        }

        public Builder bootstrapServers(String servers) {
            kafka.setProperty("bootstrap.servers", servers);
            return this;
        }

        /** The topic for one contract type ({@code agent_log}, {@code business_event}, {@code performance_metric}, {@code error}). */
        public Builder topic(String type, String topic) {
            if (!topics.containsKey(type)) {
                throw new IllegalArgumentException("unknown event type '" + type + "'. Fix: one of " + topics.keySet());
            }
            topics.put(type, topic);
            return this;
        }

        /** Events waiting for the publisher thread; beyond it {@link #overflow} applies. */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        public Builder overflow(Overflow overflow) {
            this.overflow = overflow;
            return this;
        }

        /** How often counters and gauges are reported. */
        public Builder metricInterval(Duration interval) {
            this.metricInterval = interval;
            return this;
        }

        /** How long {@link Publisher#close()} waits for queued events to reach Kafka. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = timeout;
            return this;
        }

        /** Packages of the application's own code: their stack frames are marked in_app (by default, all but runtimes and well-known libraries). */
        public Builder appPackage(String prefix) {
            appPackages.add(prefix);
            return this;
        }

        /** Any Kafka producer setting; overrides the library's defaults. */
        public Builder kafka(String key, String value) {
            kafka.setProperty(key, value);
            return this;
        }

        /**
         * Kafka producer settings from a properties file: TLS, SASL and their passwords stay out of code and
         * out of logging configuration.
         */
        public Builder kafkaConfigFile(Path file) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Properties p = new Properties();
                p.load(r);
                kafka.putAll(p);
            } catch (IOException e) {
                throw new IllegalArgumentException("kafkaConfigFile " + file + " cannot be read ("
                        + e.getClass().getSimpleName() + "). Fix: point it at a readable Java properties file");
            }
            return this;
        }

        public ClientSettings build() {
            return new ClientSettings(this);
        }

        private static Properties defaults() {
            Properties p = new Properties();
            p.setProperty("acks", "all");
            p.setProperty("enable.idempotence", "true");
            p.setProperty("linger.ms", "20");
            p.setProperty("compression.type", "lz4");
            // The publisher thread, not the application, waits for a missing broker; meanwhile the queue absorbs
            // events and then drops (counted).
            p.setProperty("max.block.ms", "5000");
            return p;
        }

        private static String localHost() {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isEmpty()) return env;
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return null;
            }
        }
    }
}
