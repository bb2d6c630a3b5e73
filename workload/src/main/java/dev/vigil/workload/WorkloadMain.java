package dev.vigil.workload;

import dev.vigil.client.Publisher;
import dev.vigil.client.Vigil;
import dev.vigil.workload.otlp.OtlpService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates Vigil's topics (if missing) and produces a workload to them.
 * Usage: {@code WorkloadMain --bootstrap HOST:PORT [--requests N] [--minutes M] [--seed S] [--run-tag T] [--topic-prefix vigil.] [--partitions P]
 * [--topics-only true] [--otlp-service NAME]} (topics-only creates the topics and produces nothing; otlp-service makes
 * that service of the workload report through the OpenTelemetry SDK to the OTLP topics instead of the contract; run-tag,
 * a-z and 0-9, goes into the request, session, user and error-spike IDs so that two runs on one stack keep their requests apart).
 */
public final class WorkloadMain {
    private WorkloadMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        String bootstrap = require(opts, "bootstrap");
        int requests = Integer.parseInt(opts.getOrDefault("requests", "20000"));
        int minutes = Integer.parseInt(opts.getOrDefault("minutes", "30"));
        long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
        String runTag = opts.getOrDefault("run-tag", "");
        String prefix = opts.getOrDefault("topic-prefix", "vigil.");
        int partitions = Integer.parseInt(opts.getOrDefault("partitions", "2"));

        createTopics(bootstrap, prefix, partitions);
        if (Boolean.parseBoolean(opts.getOrDefault("topics-only", "false"))) return;
        // Follow-up events (a purchase after its checkout) lie up to a few minutes after their request;
        // ending the span in the past keeps all of them within the jobs' allowed future skew.
        long end = System.currentTimeMillis() - 180_000;
        WorkloadSpec spec = new WorkloadSpec(end - minutes * 60_000L, end, requests, seed, runTag);

        // Through the producer library, as a service publishes: BLOCK, so a full queue waits instead of dropping
        // and the demo's inputs stay exact. The generator's records (valid and deliberately invalid ones, with
        // their own services and event times) are relayed as written.
        Vigil vigil =
                Vigil.start(ExactPublishing.settings("workload", bootstrap).build());
        WorkloadStats stats;
        try {
            WorkloadGenerator generator =
                    new WorkloadGenerator(spec, (stream, key, value) -> vigil.relay(prefix + stream, key, value));
            String otlpService = opts.get("otlp-service");
            if (otlpService == null) {
                stats = generator.run();
            } else {
                try (OtlpService sdk = new OtlpService(
                        otlpService, "demo", (topic, request) -> vigil.relay(prefix + topic, null, request))) {
                    stats = generator.reportingViaOtlp(otlpService, sdk).run();
                }
            }
        } finally {
            vigil.close();
        }
        Publisher published = vigil.publisher();
        System.out.printf(
                "published through vigil-client: %d accepted, %d sent, %d dropped, %d failed%n",
                published.accepted(), published.sent(), published.dropped(), published.failed());
        ExactPublishing.requireAllSent(published, "the workload", "the demo's counts");
        System.out.println(stats);
    }

    static void createTopics(String bootstrap, String prefix, int partitions)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String stream : List.of(
                    WorkloadGenerator.AGENT_LOGS,
                    WorkloadGenerator.BUSINESS_EVENTS,
                    WorkloadGenerator.PERFORMANCE_METRICS,
                    WorkloadGenerator.ERRORS,
                    OtlpService.LOGS_TOPIC,
                    OtlpService.SPANS_TOPIC,
                    OtlpService.METRICS_TOPIC,
                    "dead-letters",
                    "alerts")) {
                if (!existing.contains(prefix + stream))
                    missing.add(new NewTopic(prefix + stream, partitions, (short) 1));
            }
            if (!missing.isEmpty()) Topics.create(admin, missing);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }

    private static String require(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) throw new IllegalArgumentException("--" + key + " is required");
        return v;
    }
}
