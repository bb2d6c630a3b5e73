package dev.vigil.runtime.config;

import dev.vigil.schema.contract.FieldNaming;
import dev.vigil.schema.masking.MaskAction;
import dev.vigil.schema.masking.PiiKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration option of every Vigil job, declared once: key, type, default, allowed values,
 * documentation. {@code docs/configuration.md} is generated from this list ({@link ConfigDocs}).
 */
public final class VigilOptions {
    public enum StartingOffsets {
        EARLIEST,
        LATEST,
        COMMITTED
    }

    public enum SecurityProtocol {
        PLAINTEXT,
        SSL,
        SASL_PLAINTEXT,
        SASL_SSL
    }

    public enum SaslMechanism {
        PLAIN,
        SCRAM_SHA_256,
        SCRAM_SHA_512
    }

    /** Where a job keeps its keyed state. */
    public enum StateBackend {
        /** RocksDB on local disk, incremental checkpoints: state larger than memory, long-lived state. */
        ROCKSDB,
        /** Objects on the JVM heap, full (asynchronous) checkpoints: short-lived state bounded by time. */
        HASHMAP
    }

    public enum WindowType {
        TUMBLING,
        SLIDING,
        SESSION
    }

    public enum ArchiveFormat {
        PARQUET,
        PARQUET_V1,
        JSONL_GZIP
    }

    public enum IndexLifecycleUse {
        AUTO,
        OFF
    }

    public enum LikelihoodDirection {
        BOTH,
        UP,
        DOWN
    }

    public enum SeriesMethod {
        KNN_CAD,
        LIKELIHOOD
    }

    /** Jobs that have their own window settings under {@code windows.<job>.}. */
    public static final List<String> WINDOWED_JOBS =
            List.of("agent-logs", "performance-metrics", "business-events", "errors");

    /** Jobs that keep keyed state, each with its own {@code state.<job>.backend}. */
    public static final List<String> STATEFUL_JOBS =
            List.of("agent-logs", "performance-metrics", "business-events", "errors", "alerting");

    /**
     * agent-logs keeps only state that ends with time: window panes, a request's journey until its gap and
     * allowed lateness pass (about a minute), tool calls of a burst in progress. alerting keeps at most
     * alerting.max-active-per-team alerts per team (and each resolved one for alerting.resolved-kept); errors at
     * most errors.max-groups-per-service groups per service, about 2 KB each. They fit the heap, and on RocksDB
     * agent-logs ran at a quarter, errors at a fifth and alerting at about 0.6 of their rates on the heap
     * (docs/performance.md). performance-metrics and business-events keep state for as long as a series or a
     * funnel's users exist, unbounded by any budget: RocksDB.
     */
    private static final Map<String, StateBackend> STATE_BACKENDS = Map.of(
            "agent-logs", StateBackend.HASHMAP,
            "performance-metrics", StateBackend.ROCKSDB,
            "business-events", StateBackend.ROCKSDB,
            "errors", StateBackend.HASHMAP,
            "alerting", StateBackend.HASHMAP);

    /** A job's default window: size (and slide), allowed lateness, out-of-orderness. */
    private record WindowDefaults(String size, String lateness, String outOfOrderness) {}

    /**
     * Logs and metrics feed latency and throughput detectors, so their windows are short; business
     * events and errors are counted per minute (a minute holds enough users to tell a funnel's drop
     * from noise), and their producers (batch jobs, mobile clients) run later behind.
     */
    private static final Map<String, WindowDefaults> WINDOW_DEFAULTS = Map.of(
            "agent-logs", new WindowDefaults("10s", "30s", "5s"),
            "performance-metrics", new WindowDefaults("10s", "30s", "5s"),
            "business-events", new WindowDefaults("1min", "1min", "10s"),
            "errors", new WindowDefaults("1min", "1min", "10s"));
    /** What a sink's retry budget covers; when it runs out the job fails and restarts from its checkpoint, never dropping data. */
    private static final Map<String, String> RETRY_DOCS = Map.of(
            "elasticsearch",
                    "Retries of a bulk request that fails to connect or is answered 429 or 5xx, and of the documents inside one that "
                            + "the cluster answers 429 or 5xx, with exponential backoff and jitter; when they run out the job fails and restarts from "
                            + "its checkpoint (it never drops data). A document refused for its content goes to the dead-letter topic instead.",
            "timescaledb",
                    "Attempts of a failed batch (reconnecting between them) before the job fails and restarts from its checkpoint "
                            + "(it never drops data).");
    /**
     * Sinks that share the batching and retry settings under {@code sinks.<sink>.}. The S3 archive is not
     * one: it rolls files by {@code s3.*} and commits them on checkpoints; its retries are the S3 client's.
     */
    public static final List<String> SINKS = List.of("elasticsearch", "timescaledb");
    /**
     * TimescaleDB gets window results in bursts as windows close, so a short interval makes a closed window
     * visible sooner for a few more small transactions; Elasticsearch shows documents only after its 1 s refresh.
     */
    private static final Map<String, String> FLUSH_INTERVALS = Map.of("elasticsearch", "1s", "timescaledb", "200ms");

    private static final Map<String, ConfigOption<?>> ALL = new LinkedHashMap<>();

    // ---- Kafka ------------------------------------------------------------------------------------
    public static final ConfigOption<String> KAFKA_BOOTSTRAP = add(ConfigOption.key("kafka.bootstrap-servers")
            .doc("Kafka brokers, host:port[,host:port...].")
            .nonEmptyString("127.0.0.1:9092"));
    public static final ConfigOption<String> KAFKA_GROUP_ID = add(ConfigOption.key("kafka.group-id")
            .doc("Consumer group of the job (offsets are checkpointed by Flink; the group is for monitoring lag).")
            .nonEmptyString("vigil"));
    public static final ConfigOption<String> KAFKA_TOPIC_PREFIX = add(ConfigOption.key("kafka.topic-prefix")
            .doc("Prefix of every Vigil topic.")
            .string("vigil."));
    public static final ConfigOption<List<String>> KAFKA_TOPICS = add(ConfigOption.key("kafka.topics")
            .doc(
                    "Input topics of the job, without the prefix; unset means the job's own stream (agent-logs, performance-metrics, ...).")
            .list(List.of()));
    public static final ConfigOption<List<String>> KAFKA_TOPIC_SERVICES = add(ConfigOption.key("kafka.topic-services")
            .doc(
                    "Which services each input topic may carry, as TOPIC=SERVICE[;SERVICE...] (topic without the prefix; a service may end "
                            + "in * to match a prefix). With one topic per producer team, writable only by that team's Kafka user, this is what a "
                            + "producer may claim to be; an event naming another service is dead-lettered as UNAUTHORIZED_SERVICE. Topics not "
                            + "listed carry any service.")
            .list(List.of()));
    public static final ConfigOption<List<String>> KAFKA_TOPIC_FORMATS = add(ConfigOption.key("kafka.topic-formats")
            .doc(
                    "What each input topic carries, as TOPIC=FORMAT (topic without the prefix): vigil (the JSON contract; every "
                            + "topic not listed), or OTLP export requests of one signal as the OpenTelemetry Collector's Kafka "
                            + "exporter writes them, otlp-proto:SIGNAL or otlp-json:SIGNAL with SIGNAL logs, metrics or traces. "
                            + "Each record of a request becomes its own event (docs/events.md has the mapping). Every job also "
                            + "reads the OTLP topics whose signal carries its events (logs: agent-logs and errors; traces: "
                            + "agent-logs and performance-metrics; metrics: performance-metrics), keeps the events it consumes "
                            + "and counts the rest as routed elsewhere.")
            .list(List.of()));
    public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS =
            add(ConfigOption.key("kafka.starting-offsets")
                    .doc("Where a job without a checkpoint starts reading.")
                    .choice(StartingOffsets.class, StartingOffsets.COMMITTED));
    public static final ConfigOption<Boolean> KAFKA_BOUNDED = add(ConfigOption.key("kafka.bounded")
            .doc("Stop at the offsets that are latest when the job starts, then finish (backfills, replays, tests).")
            .bool(false));
    public static final ConfigOption<SecurityProtocol> KAFKA_SECURITY_PROTOCOL =
            add(ConfigOption.key("kafka.security.protocol")
                    .doc("Transport security to the brokers.")
                    .choice(SecurityProtocol.class, SecurityProtocol.PLAINTEXT));
    public static final ConfigOption<SaslMechanism> KAFKA_SASL_MECHANISM = add(ConfigOption.key("kafka.sasl.mechanism")
            .doc("SASL mechanism when the protocol is SASL_*.")
            .choice(SaslMechanism.class, SaslMechanism.SCRAM_SHA_512));
    public static final ConfigOption<String> KAFKA_SASL_USERNAME =
            add(ConfigOption.key("kafka.sasl.username").doc("SASL user name.").string(""));
    public static final ConfigOption<String> KAFKA_SASL_PASSWORD_FILE = add(ConfigOption.key("kafka.sasl.password-file")
            .doc("File holding the SASL password (never put the password itself in config).")
            .string(""));
    public static final ConfigOption<String> KAFKA_TRUSTSTORE = add(ConfigOption.key("kafka.ssl.truststore-file")
            .doc("PKCS12 trust store for TLS to the brokers.")
            .string(""));
    public static final ConfigOption<String> KAFKA_TRUSTSTORE_PASSWORD_FILE =
            add(ConfigOption.key("kafka.ssl.truststore-password-file")
                    .doc("File holding the trust store password.")
                    .string(""));

    // ---- parser limits ------------------------------------------------------------------------------
    public static final ConfigOption<Integer> PARSER_MAX_BYTES = add(ConfigOption.key("parser.max-bytes")
            .doc("Largest accepted message; larger ones are dead-lettered as OVERSIZE.")
            .integer(1 << 20, 256, 64 << 20));
    public static final ConfigOption<Integer> DEAD_LETTER_MAX_PAYLOAD =
            add(ConfigOption.key("dead-letters.max-payload-bytes")
                    .doc(
                            "Largest original payload a dead letter carries whole; a longer one (an OVERSIZE message) is cut to this size and "
                                    + "carries vigil.original-size and vigil.original-sha256 headers, while the full record stays in the source topic "
                                    + "at the offset in its headers. Keep it below the dead-letter topic's max.message.bytes.")
                    .integer(1_000_000, 1024, 64 << 20));
    public static final ConfigOption<Integer> PARSER_MAX_DEPTH = add(ConfigOption.key("parser.max-depth")
            .doc("Deepest accepted JSON nesting (TOO_DEEP).")
            .integer(16, 4, 256));
    public static final ConfigOption<Integer> PARSER_MAX_ATTRIBUTES = add(ConfigOption.key("parser.max-attributes")
            .doc("Most attributes after flattening (TOO_MANY_ATTRIBUTES).")
            .integer(128, 1, 10_000));
    public static final ConfigOption<Integer> PARSER_MAX_OTLP_RECORDS = add(ConfigOption.key("parser.max-otlp-records")
            .doc("Most records (log records, data points, spans) in one OTLP export request; a larger request is "
                    + "dead-lettered whole (OVERSIZE).")
            .integer(10_000, 1, 1_000_000));
    public static final ConfigOption<Long> PARSER_MAX_PAST = add(ConfigOption.key("parser.max-past")
            .doc("Oldest accepted event time relative to now; 0 turns the check off (replays).")
            .duration("30d", true));
    public static final ConfigOption<Long> PARSER_MAX_FUTURE = add(ConfigOption.key("parser.max-future")
            .doc(
                    "Furthest event time ahead of the record's Kafka timestamp (or now, if earlier) that is accepted; later events are "
                            + "dead-lettered as FUTURE_TIMESTAMP, so no producer can pull the watermark ahead and make everyone else's events late. "
                            + "0 turns the check off.")
            .duration("30s", true));

    // ---- masking and sampling --------------------------------------------------------------------
    public static final ConfigOption<String> MASKING_KEY_ENV = add(ConfigOption.key("masking.hmac-key-env")
            .doc("Environment variable holding the HMAC key for HASH masking (at least 16 bytes).")
            .nonEmptyString("VIGIL_MASKING_KEY"));
    public static final ConfigOption<String> MASKING_KEY_FILE = add(ConfigOption.key("masking.hmac-key-file")
            .doc("File holding the HMAC key; used when the environment variable is not set.")
            .string(""));
    public static final ConfigOption<List<String>> MASKING_DENY_FIELDS =
            add(ConfigOption.key("masking.extra-denied-fields")
                    .doc("Field names masked whole in addition to the built-in deny-list.")
                    .list(List.of("internal_note")));
    public static final ConfigOption<Double> SAMPLING_DEFAULT_RATE = add(ConfigOption.key("sampling.default-rate")
            .doc("Share of log requests kept when no more specific rate applies.")
            .fraction(1.0));
    public static final ConfigOption<List<String>> MASKING_ACTIONS = add(ConfigOption.key("masking.actions")
            .doc("Per PII kind what to do, kind=action; kinds: " + names(PiiKind.values()) + "; actions: "
                    + names(MaskAction.values()) + ". Kinds not listed keep their default.")
            .list(List.of("email=hash", "ipv4=hash", "ipv6=hash", "card=partial", "iban=partial")));
    public static final ConfigOption<List<String>> SAMPLING_RATES = add(ConfigOption.key("sampling.rates")
            .doc(
                    "Log sampling rates, most specific wins: service:level=rate, service=rate, :level=rate (rates 0.0..1.0).")
            .list(List.of(":debug=1.0")));
    public static final ConfigOption<Long> SAMPLING_SLOW_REQUEST = add(ConfigOption.key("sampling.slow-request")
            .doc("Requests at least this slow are always kept.")
            .duration("1s", false));

    // ---- checkpointing and parallelism -----------------------------------------------------------
    public static final ConfigOption<Long> CHECKPOINT_INTERVAL = add(ConfigOption.key("checkpoint.interval")
            .doc("How often Flink checkpoints (and commits Kafka offsets and files).")
            .duration("10s", false));
    public static final ConfigOption<Boolean> CHECKPOINT_EXACTLY_ONCE = add(ConfigOption.key("checkpoint.exactly-once")
            .doc("Exactly-once checkpoint mode (aligned barriers); false means at-least-once.")
            .bool(true));
    public static final ConfigOption<Boolean> CHECKPOINT_UNALIGNED = add(ConfigOption.key("checkpoint.unaligned")
            .doc("Unaligned checkpoints, so checkpoints complete under backpressure.")
            .bool(true));
    public static final ConfigOption<String> CHECKPOINT_STORAGE = add(ConfigOption.key("checkpoint.storage")
            .doc("Checkpoint directory, e.g. s3://vigil-checkpoints/agent-logs or file:///var/lib/vigil/checkpoints.")
            .nonEmptyString("file:///tmp/vigil-checkpoints"));
    public static final ConfigOption<Integer> PARALLELISM = add(ConfigOption.key("parallelism")
            .doc("Default parallelism of the job's operators.")
            .integer(2, 1, 1024));

    static {
        for (String job : STATEFUL_JOBS) {
            add(ConfigOption.key("state." + job + ".backend")
                    .doc("Where the " + job
                            + " job keeps its state: rocksdb (incremental checkpoints) or hashmap (the heap, "
                            + "full checkpoints). Changing it needs a restart from a savepoint, not a checkpoint.")
                    .choice(StateBackend.class, STATE_BACKENDS.get(job)));
        }
        for (String job : WINDOWED_JOBS) {
            String p = "windows." + job + ".";
            WindowDefaults d = WINDOW_DEFAULTS.get(job);
            add(ConfigOption.key(p + "type")
                    .doc("Window type of the " + job + " job.")
                    .choice(WindowType.class, WindowType.TUMBLING));
            add(ConfigOption.key(p + "size")
                    .doc("Window size (tumbling and sliding).")
                    .duration(d.size(), false));
            add(ConfigOption.key(p + "slide")
                    .doc("Slide of a sliding window; must not exceed the size.")
                    .duration(d.size(), false));
            add(ConfigOption.key(p + "gap")
                    .doc("Inactivity gap that closes a session window.")
                    .duration("30s", false));
            add(ConfigOption.key(p + "allowed-lateness")
                    .doc(
                            "How long a window accepts late events (updating its row); later ones go to the late side output.")
                    .duration(d.lateness(), true));
            add(ConfigOption.key(p + "out-of-orderness")
                    .doc("Bounded out-of-orderness of the watermark.")
                    .duration(d.outOfOrderness(), true));
            add(ConfigOption.key(p + "source-idleness")
                    .doc(
                            "A partition without input this long (time its task was stalled not counted) stops holding back the watermark.")
                    .duration("30s", false));
        }
        for (String sink : SINKS) {
            String p = "sinks." + sink + ".";
            add(ConfigOption.key(p + "batch-size")
                    .doc("Records per " + sink + " write batch.")
                    .integer(1000, 1, 1_000_000));
            add(ConfigOption.key(p + "flush-interval")
                    .doc("Longest a record waits in a " + sink + " batch.")
                    .duration(FLUSH_INTERVALS.get(sink), false));
            add(ConfigOption.key(p + "max-retries").doc(RETRY_DOCS.get(sink)).integer(8, 0, 1000));
            add(ConfigOption.key(p + "retry-backoff")
                    .doc("First retry delay; doubles per attempt.")
                    .duration("200ms", false));
        }
    }

    public static final ConfigOption<Integer> PRE_AGGREGATION_MAX_BUFFERED =
            add(ConfigOption.key("windows.pre-aggregation.max-buffered")
                    .doc(
                            "Keys (one per key and window pane) a task pre-aggregates before the shuffle to a keyed window; a partial is sent "
                                    + "just before the watermark that can fire its window, before each checkpoint barrier, or when this many are buffered. "
                                    + "Also the requests whose events agent-logs combines before its journeys (sent before every watermark). "
                                    + "1 sends every event on its own.")
                    .integer(10_000, 1, 10_000_000));

    public static final ConfigOption<List<String>> ES_HOSTS = add(ConfigOption.key("elasticsearch.hosts")
            .doc("Elasticsearch or OpenSearch URLs (http:// or https://); bulk requests go round-robin to them.")
            .list(List.of("http://127.0.0.1:9200")));
    public static final ConfigOption<String> ES_API_KEY_FILE = add(ConfigOption.key("elasticsearch.api-key-file")
            .doc(
                    "File holding an Elasticsearch API key (the base64 id:key form), sent as Authorization: ApiKey; instead of a user and password.")
            .string(""));
    public static final ConfigOption<String> ES_CA_FILE = add(ConfigOption.key("elasticsearch.tls.ca-file")
            .doc(
                    "PEM file of the CA(s) that signed the cluster's certificates, for https:// hosts; empty trusts the JVM's default CAs.")
            .string(""));
    public static final ConfigOption<Integer> ES_MAX_BULK_BYTES = add(ConfigOption.key("elasticsearch.max-bulk-bytes")
            .doc(
                    "Largest bulk request body; a batch is sent when it reaches this or sinks.elasticsearch.batch-size documents. Each writer "
                            + "has one request in flight while it fills the next, so twice this bounds a writer's memory.")
            .integer(5 << 20, 64 << 10, 100 << 20));
    public static final ConfigOption<Long> ES_REQUEST_TIMEOUT = add(ConfigOption.key("elasticsearch.request-timeout")
            .doc("Longest wait for the answer to one bulk request before it counts as failed (and is retried).")
            .duration("60s", false));
    public static final ConfigOption<String> ES_USERNAME = add(ConfigOption.key("elasticsearch.username")
            .doc("Basic-auth user; empty for none.")
            .string(""));
    public static final ConfigOption<String> ES_PASSWORD_FILE = add(ConfigOption.key("elasticsearch.password-file")
            .doc("File holding the Elasticsearch password.")
            .string(""));
    public static final ConfigOption<String> ES_INDEX_PREFIX = add(ConfigOption.key("elasticsearch.index-prefix")
            .doc(
                    "Prefix of every Vigil index, alias and index template (<prefix>logs-2026.11.30 behind <prefix>logs); two "
                            + "installations sharing a cluster need different ones.")
            .pattern("vigil-", "[a-z0-9][a-z0-9._-]*", "lower-case letters, digits, . _ -"));
    public static final ConfigOption<FieldNaming> ES_FIELD_NAMES = add(ConfigOption.key("elasticsearch.field-names")
            .doc(
                    "Names of the fields in log and error documents: vigil (the contract's snake_case names) or ecs (Elastic Common "
                            + "Schema: @timestamp, service.name, log.level, trace.id, error.type, gen_ai.*, and vigil.* for what ECS has no "
                            + "field for), so Kibana's and OpenSearch Dashboards' log views work without mapping work. The mapping "
                            + "follows; changing it on an installation with indices needs new indices (see docs/operations.md).")
            .choice(FieldNaming.class, FieldNaming.VIGIL));
    public static final ConfigOption<Integer> ES_SHARDS = add(ConfigOption.key("elasticsearch.shards")
            .doc(
                    "Primary shards of every Vigil index (set in the index templates the jobs install; applies to indices created after).")
            .integer(1, 1, 1024));
    public static final ConfigOption<Integer> ES_REPLICAS = add(ConfigOption.key("elasticsearch.replicas")
            .doc(
                    "Replicas of every Vigil index: 0 suits a single node (the local stack); use 1 or more on a cluster (the chart does).")
            .integer(0, 0, 16));
    // ---- Hot tier (Redis Streams) -------------------------------------------------------------------
    public static final ConfigOption<String> REDIS_URI = add(
            ConfigOption.key("redis.uri")
                    .doc(
                            "Redis (or Valkey) of the hot tier, redis://host:port or rediss://host:port for TLS; empty turns the hot tier off.")
                    .pattern(
                            "",
                            "|rediss?://[^\\s/@]+(:\\d+)?(/\\d+)?",
                            "empty, or redis[s]://host[:port][/db] (credentials go in redis.username and redis.password-file)"));
    public static final ConfigOption<String> REDIS_USERNAME = add(ConfigOption.key("redis.username")
            .doc("ACL user; empty for the default user (password only).")
            .string(""));
    public static final ConfigOption<String> REDIS_PASSWORD_FILE = add(ConfigOption.key("redis.password-file")
            .doc("File holding the Redis password; empty for none.")
            .string(""));
    public static final ConfigOption<String> REDIS_CA_FILE = add(ConfigOption.key("redis.tls.ca-file")
            .doc(
                    "PEM file of the CA(s) that signed the server's certificate, for rediss:// URIs; empty trusts the JVM's default CAs.")
            .string(""));
    public static final ConfigOption<String> HOT_TIER_KEY_PREFIX = add(ConfigOption.key("hot-tier.key-prefix")
            .doc(
                    "Prefix of every hot-tier key (<prefix>logs:<service>, <prefix>request:<correlation ID>, <prefix>services); two "
                            + "installations sharing a Redis need different ones.")
            .pattern("vigil:", "[A-Za-z0-9._:-]{1,64}", "letters, digits, . _ : -"));
    public static final ConfigOption<Integer> HOT_TIER_STREAM_MAX_LENGTH =
            add(ConfigOption.key("hot-tier.stream-max-length")
                    .doc("Events kept per service stream (XADD MAXLEN ~, so Redis may keep up to one node more).")
                    .integer(10_000, 100, 10_000_000));
    public static final ConfigOption<Long> HOT_TIER_MAX_AGE = add(ConfigOption.key("hot-tier.max-age")
            .doc(
                    "Events older than this (by the time Redis received them) are trimmed from the service streams (XTRIM MINID ~, every 10 s).")
            .duration("1h", false));
    public static final ConfigOption<Integer> HOT_TIER_MAX_STREAMS = add(ConfigOption.key("hot-tier.max-streams")
            .doc(
                    "Services that get a stream of their own; events of services beyond this share the stream <prefix>logs:~overflow, so "
                            + "producer-chosen service names cannot create keys without bound.")
            .integer(200, 1, 100_000));
    public static final ConfigOption<Long> HOT_TIER_REQUEST_TTL = add(ConfigOption.key("hot-tier.request-ttl")
            .doc(
                    "How long the per-request index (<prefix>request:<correlation ID>, references to the request's stream entries in order of arrival) lives "
                            + "after the request's last event.")
            .duration("1h", false));
    public static final ConfigOption<Integer> HOT_TIER_REQUEST_MAX_EVENTS =
            add(ConfigOption.key("hot-tier.request-max-events")
                    .doc("Events kept per request in the per-request index (the newest).")
                    .integer(1_000, 1, 100_000));
    public static final ConfigOption<Integer> HOT_TIER_MAX_IN_FLIGHT = add(ConfigOption.key("hot-tier.max-in-flight")
            .doc(
                    "Events a writer may have sent and not yet had answered (each holds its commands' arguments, about twice its JSON, "
                            + "in memory until then); beyond it events are dropped from the hot tier (counted as hotTierDropped), so a slow Redis "
                            + "never slows the other sinks.")
            .integer(10_000, 16, 1_000_000));
    public static final ConfigOption<Long> HOT_TIER_FLUSH_INTERVAL = add(ConfigOption.key("hot-tier.flush-interval")
            .doc("Longest time a written event waits in the writer before its commands go to Redis (pipelined).")
            .duration("100ms", false));

    public static final ConfigOption<String> PG_URL = add(ConfigOption.key("timescaledb.url")
            .doc("JDBC URL of TimescaleDB.")
            .nonEmptyString("jdbc:postgresql://127.0.0.1:5433/vigil"));
    public static final ConfigOption<String> PG_USERNAME =
            add(ConfigOption.key("timescaledb.username").doc("Database user.").nonEmptyString("vigil"));
    public static final ConfigOption<String> PG_PASSWORD_FILE = add(ConfigOption.key("timescaledb.password-file")
            .doc("File holding the database password.")
            .string(""));
    public static final ConfigOption<Long> JOURNEY_GAP = add(ConfigOption.key("journeys.gap")
            .doc(
                    "A request's journey ends after this long without an event of its correlation ID (session window gap).")
            .duration("30s", false));
    public static final ConfigOption<Integer> JOURNEY_MAX_EVENTS = add(ConfigOption.key("journeys.max-events")
            .doc("Events kept per journey; longer journeys are capped and flagged.")
            .integer(1000, 2, 100_000));
    public static final ConfigOption<List<String>> METRICS_KEPT_TAGS = add(ConfigOption.key("metrics.kept-tags")
            .doc("Metric tags that split a series (others are dropped from the key, bounding cardinality).")
            .list(List.of("status", "region")));
    public static final ConfigOption<Long> METRICS_COUNTER_TTL = add(ConfigOption.key("metrics.counter-ttl")
            .doc(
                    "How long the last total of a counter instance (or the last buckets of a cumulative histogram) is kept to compute the "
                            + "next increase; an instance silent longer starts over.")
            .duration("1d", false));
    public static final ConfigOption<List<String>> FUNNELS = add(ConfigOption.key("funnels")
            .doc("Conversion funnels of the business-events job, one per entry: "
                    + "name=NAME;steps=STEP1>STEP2>...;within=DURATION[;by=PROPERTY] (steps are event names; within: the most "
                    + "time allowed between two steps; by: a property to split by, e.g. country).")
            .list(List.of("name=checkout;steps=signup>checkout_started>purchase;within=30min;by=country")));
    public static final ConfigOption<Integer> FUNNELS_CACHED_RUNS = add(ConfigOption.key("funnels.cached-runs")
            .doc(
                    "Funnel runs (a user's progress in one funnel) each parallel instance of the business-events job keeps on the "
                            + "heap in front of its state backend, about 250 bytes each (the key's strings, the run, the map entry); the least recently used is written back when "
                            + "it is full, and changed runs before every checkpoint. Larger spares RocksDB reads and writes for users "
                            + "whose steps come further apart.")
            .integer(20_000, 1, 10_000_000));
    public static final ConfigOption<Long> RETENTION_ES = add(ConfigOption.key("retention.elasticsearch")
            .doc("Daily Elasticsearch indices (vigil-*-YYYY.MM.DD) older than this are deleted by the retention run.")
            .duration("30d", false));
    public static final ConfigOption<IndexLifecycleUse> RETENTION_ES_LIFECYCLE =
            add(ConfigOption.key("retention.elasticsearch-lifecycle")
                    .doc(
                            "auto: where the cluster has index lifecycle management (Elasticsearch ILM, OpenSearch ISM), the jobs install a "
                                    + "policy <prefix>retention that deletes daily indices retention.elasticsearch after their creation, and "
                                    + "the index templates use it; off: leave lifecycle policies to the cluster's operator. Either way the "
                                    + "retention run deletes daily indices by the date in their name.")
                    .choice(IndexLifecycleUse.class, IndexLifecycleUse.AUTO));
    public static final ConfigOption<Long> RETENTION_TIMESCALEDB = add(ConfigOption.key("retention.timescaledb")
            .doc("Default retention of TimescaleDB chunks, for tables listed without their own.")
            .duration("90d", false));
    public static final ConfigOption<List<String>> RETENTION_TABLES =
            add(ConfigOption.key("retention.timescaledb-tables")
                    .doc(
                            "Hypertables the retention run applies to, as table or table=duration: raw levels short, rollups longer.")
                    .list(List.of(
                            "agent_log_counts=90d",
                            "agent_usage=365d",
                            "journey_hops=30d",
                            "metric_timings_base=7d",
                            "metric_timings_1m=30d",
                            "metric_timings_1h=365d",
                            "metric_timings_1d=1825d",
                            "metric_counters_base=30d",
                            "metric_gauges_base=30d",
                            "metric_resources_base=30d",
                            "metric_histograms_base=30d",
                            "error_group_counts=90d",
                            "business_events_base=365d",
                            "business_features_base=365d",
                            "business_revenue_base=1825d",
                            "funnel_steps_base=365d")));
    public static final ConfigOption<String> S3_ARCHIVE_PATH = add(ConfigOption.key("s3.archive-path")
            .doc("Where the archive is written, e.g. s3://vigil-archive/events.")
            .nonEmptyString("s3://vigil-archive/events"));
    public static final ConfigOption<ArchiveFormat> S3_ARCHIVE_FORMAT = add(ConfigOption.key("s3.archive-format")
            .doc(
                    "Archive file format: Parquet with zstd and v2 data pages and encodings (identifiers without a length "
                            + "prefix per value: about 5% smaller), parquet-v1 for readers that know only v1 pages, or gzip JSON lines.")
            .choice(ArchiveFormat.class, ArchiveFormat.PARQUET));

    // ---- anomaly detection (every job) ----------------------------------------------------------------
    public static final ConfigOption<Integer> BASELINE_HISTORY = add(ConfigOption.key("detection.baseline.history")
            .doc(
                    "Recent points per series whose median (and MAD) predict the next one; a level shift is the new normal once it "
                            + "fills half of them.")
            .integer(200, 5, 10_000));
    public static final ConfigOption<Integer> BASELINE_WARM_UP = add(ConfigOption.key("detection.baseline.warm-up")
            .doc("Points a series must have before it is scored; earlier points only train the baseline.")
            .integer(10, 2, 10_000));
    public static final ConfigOption<Integer> BASELINE_MEMORY = add(ConfigOption.key("detection.baseline.memory")
            .doc(
                    "Points the long-run distribution of a series' deviations mostly reflects (the likelihood's histogram forgets "
                            + "older ones exponentially).")
            .integer(300, 10, 1_000_000));
    public static final ConfigOption<Double> BASELINE_THRESHOLD = add(ConfigOption.key("detection.baseline.threshold")
            .doc(
                    "Anomaly score (0..1, a tail probability on a log scale: 0.3 is about 1 in 1,000 of the series' own history, "
                            + "0.5 one in 100,000) at which a point is an anomaly; with knn-cad and 750 training points, any threshold "
                            + "from 0.29 means more unusual than every calibration shape.")
            .decimal(0.3, 0.01, 1.0));
    public static final ConfigOption<LikelihoodDirection> BASELINE_DIRECTION =
            add(ConfigOption.key("detection.baseline.direction")
                    .doc(
                            "Which deviations count: both, up (spikes only) or down (dips only); with knn-cad, whose shapes have no "
                                    + "sign, a point counts when it lies on that side of the median baseline.")
                    .choice(LikelihoodDirection.class, LikelihoodDirection.BOTH));
    public static final ConfigOption<SeriesMethod> BASELINE_METHOD = add(ConfigOption.key("detection.baseline.method")
            .doc(
                    "What scores a point: knn-cad (how unlike its last 19 points, and its last 10, are to the series' training "
                            + "shapes, as a conformal tail probability; silent until the training set is taken) or likelihood (its deviation from "
                            + "the median or the hour's profile, against the series' own deviations). The median is the baseline of "
                            + "the breach rules either way. docs/detection.md compares them.")
            .choice(SeriesMethod.class, SeriesMethod.KNN_CAD));
    public static final ConfigOption<Long> BASELINE_TRAINING = add(ConfigOption.key("detection.baseline.training")
            .doc(
                    "knn-cad: event time whose points make a series' training set (at most detection.baseline.training-points); "
                            + "a week holds every hour of a weekly cycle.")
            .duration("7d", false));
    public static final ConfigOption<Integer> BASELINE_TRAINING_POINTS = add(ConfigOption.key(
                    "detection.baseline.training-points")
            .doc("knn-cad: most points in a series' training set (and in its calibration set); state and cost per "
                    + "point grow with it (750: about 33 KB per series with daily context, 26 KB without).")
            .integer(750, 60, 5_000));
    public static final ConfigOption<Boolean> SERIES_ANOMALY_ENABLED =
            add(ConfigOption.key("detection.series-anomaly.enabled")
                    .doc("SeriesAnomaly: alert on a window the series detector scores at or above "
                            + "detection.baseline.threshold (performance-metrics: latency, error rate, requests; "
                            + "business-events: conversion).")
                    .bool(true));
    public static final ConfigOption<Long> BASELINE_TTL = add(ConfigOption.key("detection.baseline.ttl")
            .doc("A series silent this long forgets its baseline (keyed state TTL).")
            .duration("14d", false));
    public static final ConfigOption<String> DETECTION_REQUEST_METRIC = add(ConfigOption.key("detection.request-metric")
            .doc(
                    "Timer metric whose events are requests: latency, error rate (status tag 5xx), throughput and silence per service.")
            .nonEmptyString("http.server.duration"));
    public static final ConfigOption<Integer> DETECTION_MIN_REQUESTS = add(ConfigOption.key("detection.min-requests")
            .doc("Windows of a service with fewer requests are not judged for latency or error rate (too noisy).")
            .integer(10, 1, 1_000_000));
    public static final ConfigOption<Double> LATENCY_FACTOR =
            add(ConfigOption.key("detection.latency-regression.factor")
                    .doc("LatencyRegression: p95 above the baseline times this ...")
                    .decimal(2.0, 1.0, 1000.0));
    public static final ConfigOption<Integer> LATENCY_WINDOWS =
            add(ConfigOption.key("detection.latency-regression.windows")
                    .doc("... for this many consecutive windows.")
                    .integer(3, 1, 1000));
    public static final ConfigOption<Double> ERROR_RATE_THRESHOLD =
            add(ConfigOption.key("detection.error-rate.threshold")
                    .doc("ErrorRateBreach: share of requests with a 5xx status above this ...")
                    .fraction(0.05));
    public static final ConfigOption<Integer> ERROR_RATE_WINDOWS = add(ConfigOption.key("detection.error-rate.windows")
            .doc("... for this many consecutive windows.")
            .integer(3, 1, 1000));
    public static final ConfigOption<Double> THROUGHPUT_FRACTION =
            add(ConfigOption.key("detection.throughput-drop.fraction")
                    .doc("ThroughputDrop: requests per window below this fraction of the baseline ...")
                    .fraction(0.5));
    public static final ConfigOption<Integer> THROUGHPUT_WINDOWS =
            add(ConfigOption.key("detection.throughput-drop.windows")
                    .doc("... for this many consecutive windows.")
                    .integer(3, 1, 1000));
    public static final ConfigOption<Long> SILENCE_AFTER = add(ConfigOption.key("detection.silence.after")
            .doc("Silence: a service that sent requests and then nothing for this long (in event time).")
            .duration("5min", false));
    public static final ConfigOption<Integer> ERROR_SPIKE_COUNT = add(ConfigOption.key("detection.error-spike.count")
            .doc("ErrorSpike: this many errors of one group ...")
            .integer(20, 2, 1_000_000));
    public static final ConfigOption<Long> ERROR_SPIKE_WITHIN = add(ConfigOption.key("detection.error-spike.within")
            .doc("... within this time.")
            .duration("1min", false));
    public static final ConfigOption<Integer> AGENT_LOOP_COUNT = add(ConfigOption.key("detection.agent-loop.count")
            .doc("AgentLoop: one agent session calling the same tool this many times ...")
            .integer(5, 2, 10_000));
    public static final ConfigOption<Long> AGENT_LOOP_WITHIN = add(ConfigOption.key("detection.agent-loop.within")
            .doc("... within this time.")
            .duration("2min", false));
    public static final ConfigOption<Double> KPI_DROP_FRACTION = add(ConfigOption.key("detection.kpi-drop.fraction")
            .doc("KpiDrop: funnel conversion below this fraction of its baseline ...")
            .fraction(0.5));
    public static final ConfigOption<Integer> KPI_DROP_WINDOWS = add(ConfigOption.key("detection.kpi-drop.windows")
            .doc("... for this many consecutive windows.")
            .integer(2, 1, 1000));
    public static final ConfigOption<Integer> KPI_DROP_MIN_ENTRIES =
            add(ConfigOption.key("detection.kpi-drop.min-entries")
                    .doc("Windows with fewer users entering the funnel are not judged (too noisy).")
                    .integer(20, 1, 1_000_000));

    // ---- errors job -----------------------------------------------------------------------------------
    public static final ConfigOption<List<String>> ERRORS_PRECEDENCE =
            add(ConfigOption.key("errors.fingerprint.precedence")
                    .doc(
                            "How an error's group is chosen, first that applies wins: producer (the event's own fingerprint), stack "
                                    + "(service, error type and the top in-app frames), message (service, error type and the normalised message).")
                    .list(List.of("producer", "stack", "message")));
    public static final ConfigOption<Integer> ERRORS_FRAMES = add(ConfigOption.key("errors.fingerprint.frames")
            .doc("In-app stack frames (innermost first) that identify a group.")
            .integer(3, 1, 50));
    public static final ConfigOption<Long> ERRORS_REGRESSION_QUIET = add(ConfigOption.key("errors.regression-after")
            .doc("A group seen again after this long without an occurrence is a regression.")
            .duration("7d", false));
    public static final ConfigOption<Integer> ERRORS_MAX_GROUPS = add(ConfigOption.key("errors.max-groups-per-service")
            .doc(
                    "Most error groups a service can have at once; errors of further groups are kept in the service's one overflow "
                            + "group (counted as vigil.errorGroupsOverBudget, announced once by its NewErrorGroup alert).")
            .integer(1000, 1, 1_000_000));
    public static final ConfigOption<Long> ERRORS_GROUP_TTL = add(ConfigOption.key("errors.group-ttl")
            .doc("A group silent this long is forgotten (and would be new again); must exceed errors.regression-after.")
            .duration("90d", false));

    // ---- alerting job ---------------------------------------------------------------------------------
    public static final ConfigOption<String> ALERTMANAGER_URL = add(ConfigOption.key("alerting.alertmanager-url")
            .doc("Alertmanager base URL; alerts are posted to /api/v2/alerts.")
            .nonEmptyString("http://127.0.0.1:9093"));
    public static final ConfigOption<String> ALERT_SIGNING_KEY_FILE = add(ConfigOption.key("alerting.signing-key-file")
            .doc(
                    "File holding the key (at least 32 bytes) every job signs its alerts with (HMAC-SHA256); the alerting job "
                            + "dead-letters alerts without a valid signature. Required; the same file for every job.")
            .string(""));
    public static final ConfigOption<Integer> ALERT_MAX_ACTIVE_PER_TEAM =
            add(ConfigOption.key("alerting.max-active-per-team")
                    .doc(
                            "Most active alerts (distinct fingerprints) per team; reports of further conditions are dropped and counted, and "
                                    + "one AlertBudgetExceeded alert per team says so.")
                    .integer(500, 1, 1_000_000));
    public static final ConfigOption<Long> ALERT_RESEND = add(ConfigOption.key("alerting.resend-interval")
            .doc(
                    "Active (and recently resolved) alerts are sent again this often, so an Alertmanager restart or outage loses none.")
            .duration("1min", false));
    public static final ConfigOption<Long> ALERT_RESOLVE_AFTER = add(ConfigOption.key("alerting.resolve-after")
            .doc("An alert no detector has reported for this long is resolved (its condition cleared).")
            .duration("5min", false));
    public static final ConfigOption<Long> ALERT_RESOLVED_KEPT = add(ConfigOption.key("alerting.resolved-kept")
            .doc("How long a resolved alert keeps being sent (with its endsAt) before it is forgotten.")
            .duration("15min", false));
    public static final ConfigOption<List<String>> ALERT_ESCALATION = add(ConfigOption.key("alerting.escalation")
            .doc(
                    "Escalation steps, one per entry: FROM>TO;after=DURATION[;rate-factor=X] - an alert of severity FROM still firing "
                            + "after DURATION, or whose observed value reached X times the value it started with, becomes TO.")
            .list(List.of("warning>critical;after=15min;rate-factor=2")));
    public static final ConfigOption<List<String>> ALERT_TEAMS = add(ConfigOption.key("alerting.teams")
            .doc("Owning team per service, as service=team; the team label routes the alert in Alertmanager.")
            .list(List.of()));
    public static final ConfigOption<String> ALERT_DEFAULT_TEAM = add(ConfigOption.key("alerting.default-team")
            .doc("Team of services not listed in alerting.teams.")
            .nonEmptyString("platform"));
    public static final ConfigOption<String> ALERT_RUNBOOK_URL = add(ConfigOption.key("alerting.runbook-url")
            .doc("Runbook link per alert; {alertname} is replaced.")
            .string("https://vigil.dev/runbooks/{alertname}"));
    public static final ConfigOption<String> ALERT_QUERY_URL = add(
            ConfigOption.key("alerting.query-url")
                    .doc(
                            "Link to the matching search or dashboard; {service}, {from} and {to} (epoch millis of the window) are replaced.")
                    .string(
                            "http://127.0.0.1:9200/vigil-*/_search?q=service:{service}%20AND%20timestamp:[{from}%20TO%20{to}]"));
    public static final ConfigOption<Integer> ALERT_MAX_RETRIES = add(ConfigOption.key("alerting.max-retries")
            .doc("Attempts per post to Alertmanager; after the last the alert waits for its next resend (never lost).")
            .integer(4, 0, 100));
    public static final ConfigOption<Long> ALERT_RETRY_BACKOFF = add(ConfigOption.key("alerting.retry-backoff")
            .doc("First retry delay; doubles per attempt.")
            .duration("250ms", false));
    public static final ConfigOption<Long> ALERT_REQUEST_TIMEOUT = add(ConfigOption.key("alerting.request-timeout")
            .doc("Timeout of one post to Alertmanager.")
            .duration("5s", false));

    private VigilOptions() {}

    private static <T> ConfigOption<T> add(ConfigOption<T> option) {
        if (ALL.put(option.key(), option) != null)
            throw new IllegalStateException("option declared twice: " + option.key());
        return option;
    }

    /** Every option, in declaration order. */
    public static List<ConfigOption<?>> all() {
        return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
    }

    public static ConfigOption<?> find(String key) {
        return ALL.get(key);
    }

    /** The window option of a job, e.g. {@code window("performance-metrics", "size")}. */
    @SuppressWarnings("unchecked")
    public static ConfigOption<StateBackend> stateBackend(String job) {
        return (ConfigOption<StateBackend>) require("state." + job + ".backend");
    }

    @SuppressWarnings("unchecked")
    public static <T> ConfigOption<T> window(String job, String name) {
        return (ConfigOption<T>) require("windows." + job + "." + name);
    }

    @SuppressWarnings("unchecked")
    public static <T> ConfigOption<T> sink(String sink, String name) {
        return (ConfigOption<T>) require("sinks." + sink + "." + name);
    }

    private static ConfigOption<?> require(String key) {
        ConfigOption<?> o = ALL.get(key);
        if (o == null) throw new IllegalArgumentException("no option " + key);
        return o;
    }

    /** An enum's values as config writes them (api-key, denied-field), comma-separated: the docs list what parses. */
    private static String names(Enum<?>[] values) {
        StringBuilder b = new StringBuilder();
        for (Enum<?> v : values) {
            if (b.length() > 0) b.append(", ");
            b.append(v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return b.toString();
    }
}
