package dev.vigil.bench.e2e;

import dev.vigil.jobs.agentlogs.AgentLogsMain;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.hot.HotEntry;
import dev.vigil.runtime.sinks.hot.HotTierReader;
import dev.vigil.runtime.sinks.hot.HotTierSettings;
import dev.vigil.workload.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Produced to visible in {@code ./vigil tail -f}: live agent logs (timestamp = when sent) at a steady rate
 * through the running agent-logs job with the hot tier on, read as {@code tail -f} reads them (XREAD
 * BLOCK from the stream's end); each event's latency is when the follower received it minus when it was sent.
 */
final class HotTierLatency {
    private static final int WARM_UP_SECONDS = 15;

    static void measure(Stack stack, JobRunner runner, Path work, String prefix, int perSecond, int seconds)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka))) {
            Topics.create(
                    admin,
                    List.of(
                            new NewTopic(prefix + "agent-logs", 2, (short) 1),
                            new NewTopic(prefix + "dead-letters", 1, (short) 1),
                            new NewTopic(prefix + "alerts", 1, (short) 1)));
        }
        String keys = prefix.replace('.', ':');
        VigilConfig config = stack.config(
                prefix,
                work.resolve("hot-live"),
                false,
                "redis: {uri: \"" + stack.redisUri + "\", password-file: \"" + stack.redisPasswordFile
                        + "\"}\nhot-tier: {key-prefix: \"" + keys + "\"}\n");
        String service = "bench-hot-" + prefix.replace(".", "");
        JobID job = runner.start(env -> {
            VigilEnvironment.configure(env, config, "agent-logs");
            AgentLogsMain.job(config, false, Map.of()).build(env);
        });
        Thread.sleep(5000); // the job is up and reading
        Map<String, Long> received = new ConcurrentHashMap<>();
        HotTierSettings settings = HotTierSettings.of(config);
        Thread follower = new Thread(() -> follow(settings, service, received), "hot-tier-follower");
        follower.setDaemon(true);
        follower.start();
        Thread.sleep(500);
        Map<String, Long> sent = new HashMap<>();
        // The first seconds after a job starts are its warm-up (JIT, first checkpoints, connections: up to 1.9 s
        // measured); a running pipeline is what users follow, so the same load runs unmeasured first.
        SteadyProducer.send(
                stack.kafka,
                prefix + "agent-logs",
                perSecond,
                WARM_UP_SECONDS,
                (n, now) -> event(service, "hot-warm-" + n, n, now));
        SteadyProducer.send(stack.kafka, prefix + "agent-logs", perSecond, seconds, (n, now) -> {
            String id = "hot-live-" + n;
            sent.put(id, now);
            return event(service, id, n, now);
        });
        Thread.sleep(3000);
        runner.cancel(job);
        List<Long> latencies = new ArrayList<>();
        for (Map.Entry<String, Long> s : sent.entrySet()) {
            Long seen = received.get(s.getKey());
            if (seen != null) latencies.add(seen - s.getValue());
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        EndToEndBench.log(String.format(
                "hot tier, produced -> visible to a follower (XREAD BLOCK), %d events/s for %d s (after %d s of warm-up) "
                        + "through the agent-logs job: %d of %d seen; p50 %d ms, p99 %d ms, max %d ms",
                perSecond,
                seconds,
                WARM_UP_SECONDS,
                sorted.length,
                sent.size(),
                sorted[sorted.length / 2],
                sorted[(int) Math.min(sorted.length - 1, Math.round(sorted.length * 0.99))],
                sorted[sorted.length - 1]));
    }

    private static String event(String service, String id, long n, long now) {
        return "{\"event_id\":\"" + id + "\",\"type\":\"agent_log\",\"timestamp\":" + now + ",\"service\":\"" + service
                + "\",\"correlation_id\":\"req-" + (n / 4)
                + "\",\"level\":\"info\",\"message\":\"GET /api/items handled in " + (n % 90) + " ms\"}";
    }

    private static void follow(HotTierSettings settings, String service, Map<String, Long> received) {
        try (HotTierReader reader = new HotTierReader(settings)) {
            Map<String, String> positions = new HashMap<>();
            positions.put(settings.streamKey(service), "$");
            while (!Thread.currentThread().isInterrupted()) {
                List<HotEntry> batch = reader.next(positions, Duration.ofMillis(500));
                long now = System.currentTimeMillis();
                for (HotEntry e : batch) {
                    String json = e.json();
                    int at = json.indexOf("\"event_id\":\"") + 12;
                    received.putIfAbsent(json.substring(at, json.indexOf('"', at)), now);
                }
            }
        }
    }

    private HotTierLatency() {}
}
