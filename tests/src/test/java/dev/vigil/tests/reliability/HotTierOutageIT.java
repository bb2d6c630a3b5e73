package dev.vigil.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.FlinkRest;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.StackServices;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent-logs job on the cluster with the hot tier on, while Redis goes away twice mid-run: stopped
 * (SIGTERM) for 8 s, later killed (SIGKILL) and restarted. The job never restarts for it, every other sink
 * ends exactly once, what Redis acknowledged before the SIGTERM is all there after it, a SIGKILL loses at
 * most the writes of its last fsync interval, and every kept event is counted as written to or dropped
 * from the hot tier.
 */
class HotTierOutageIT {
    private static final int EVENTS = 60_000;
    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");

    @Test
    void redisStoppedAndKilledMidRunCostsOnlyTheHotTierAndOnlyWhatItMust(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "ho" + run + ".";
        String keys = "ho" + run + ":";
        ReliabilityWorkload workload = new ReliabilityWorkload(run, EVENTS, System.currentTimeMillis() - 3_600_000);
        ReliabilityWorkload.createTopics(prefix);
        String hotTier = "redis: {uri: \"" + LocalStack.get("VIGIL_REDIS_URI") + "\", password-file: \""
                + LocalStack.get("VIGIL_REDIS_PASSWORD_FILE") + "\"}\nhot-tier: {key-prefix: \"" + keys
                + "\", stream-max-length: 1000000}\n";

        RedisClient client = RedisClient.create(RedisURI.builder(RedisURI.create(LocalStack.get("VIGIL_REDIS_URI")))
                .withPassword((CharSequence) LocalStack.secret("VIGIL_REDIS_PASSWORD"))
                .build());
        try (ClusterJob job = ClusterJob.agentLogs(tmp, prefix, "ho-" + run + "/archive", hotTier)) {
            FlinkRest flink = job.flink();
            job.start();
            ReliabilityWorkload.Producing producer = workload.produce(prefix + "agent-logs", Duration.ofSeconds(60));
            long beforeStop, afterStop, beforeKill, afterKill;
            try {
                Thread.sleep(12_000);
                beforeStop = entries(client, keys, workload);
                StackServices.stop("redis");
                Thread.sleep(8_000);
                StackServices.start("redis");
                afterStop = entries(client, keys, workload);
                Thread.sleep(12_000);
                beforeKill = entries(client, keys, workload);
                StackServices.kill("redis");
                Thread.sleep(3_000);
                StackServices.start("redis");
                afterKill = entries(client, keys, workload);
            } finally {
                StackServices.start("redis");
            }
            producer.await();
            workload.sendTrailers(prefix + "agent-logs");
            SinkContents.awaitDrained(workload, job, Duration.ofMinutes(5));
            long restarts = flink.restarts(job.id());
            long written = flink.sumOfTaskMetric(job.id(), "vigil.hotTierWritten");
            long dropped = flink.sumOfTaskMetric(job.id(), "vigil.hotTierDropped");
            job.close();

            SinkContents.Landed landed =
                    SinkContents.assertLandedExactlyOnce(workload, prefix, "ho-" + run + "/archive/");
            Map<String, Integer> inRedis = eventIds(client, keys, workload);
            long keptPerSecond = workload.keptIds().size() / 60;
            System.out.printf(
                    "[hot-tier-outage] kept events %d: hot tier written %d, dropped %d; entries before/after SIGTERM %d/%d, "
                            + "before/after SIGKILL %d/%d (lost %d, %.1f s of writes); in Redis at the end %d; job restarts %d; %s%n",
                    workload.keptIds().size(),
                    written,
                    dropped,
                    beforeStop,
                    afterStop,
                    beforeKill,
                    afterKill,
                    Math.max(0, beforeKill - afterKill),
                    Math.max(0, beforeKill - afterKill) / (double) keptPerSecond,
                    inRedis.size(),
                    restarts,
                    landed.summary());

            assertThat(restarts).as("job restarts caused by Redis").isZero();
            // the kept events and the two trailers (one per partition) that close the last windows
            assertThat(written + dropped)
                    .as("every kept event written to or dropped from the hot tier")
                    .isEqualTo(workload.keptIds().size() + 2);
            assertThat(dropped).as("events dropped while Redis was away").isPositive();
            assertThat(afterStop).as("entries after a SIGTERM and restart").isGreaterThanOrEqualTo(beforeStop);
            assertThat(beforeKill - afterKill)
                    .as("entries lost to SIGKILL (appendfsync everysec)")
                    .isLessThanOrEqualTo(2 * keptPerSecond);
            assertThat(workload.keptIds()).containsAll(inRedis.keySet());
            assertThat(inRedis.values())
                    .as("no event twice (the job never restarted)")
                    .allMatch(n -> n == 1);
            // at least what Redis acknowledged (less a SIGKILL's loss); more when Redis applied a command whose answer
            // the
            // outage cut off (counted as dropped), but never more than every kept event once
            assertThat((long) inRedis.size())
                    .isBetween(written - 2 - Math.max(0, beforeKill - afterKill) - 2 * keptPerSecond, (long)
                            workload.keptIds().size());
        } finally {
            client.shutdown();
        }
    }

    /** Stream entries of the run's services. */
    private static long entries(RedisClient client, String keys, ReliabilityWorkload w) {
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            long n = 0;
            for (String service : w.services()) n += c.sync().xlen(keys + "logs:" + service);
            return n;
        } catch (RuntimeException e) {
            return -1; // not answering yet
        }
    }

    private static Map<String, Integer> eventIds(RedisClient client, String keys, ReliabilityWorkload w) {
        Map<String, Integer> ids = new HashMap<>();
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            for (String service : w.services()) {
                for (StreamMessage<String, String> m :
                        c.sync().xrange(keys + "logs:" + service, Range.create("-", "+"))) {
                    Matcher id = EVENT_ID.matcher(m.getBody().get("json"));
                    if (id.find()) ids.merge(id.group(1), 1, Integer::sum);
                }
            }
        }
        return ids;
    }
}
