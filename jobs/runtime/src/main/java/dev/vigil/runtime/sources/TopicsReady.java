package dev.vigil.runtime.sources;

import dev.vigil.runtime.accounting.DeadLetterSink;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.detection.AlertSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a job is submitted, waits until every topic it reads or writes exists. Started against a
 * missing topic, Flink's Kafka source fails and the job restarts, forever under the operator; waiting
 * here instead logs once what is missing and starts the job as soon as the topics are there.
 */
public final class TopicsReady {
    private static final Logger LOG = LoggerFactory.getLogger(TopicsReady.class);

    private TopicsReady() {}

    /** What a job needs: its input topics (the alerting job's input is the alerts topic), alerts and dead letters. */
    public static List<String> needed(VigilConfig config, String job, boolean readsAlerts) {
        String prefix = config.get(VigilOptions.KAFKA_TOPIC_PREFIX);
        Set<String> topics = new LinkedHashSet<>();
        if (!readsAlerts) topics.addAll(KafkaSources.inputTopics(config, job));
        topics.add(prefix + AlertSink.TOPIC);
        topics.add(prefix + DeadLetterSink.TOPIC);
        return new ArrayList<>(topics);
    }

    /** Blocks until every topic exists (or {@code timeout} passes: then false); logs once what it waits for. */
    public static boolean await(VigilConfig config, List<String> topics, Duration poll, Duration timeout)
            throws InterruptedException {
        Properties p = KafkaSources.clientProperties(config);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(VigilOptions.KAFKA_BOOTSTRAP));
        int timeoutMs = (int) Math.max(1000, poll.toMillis() * 2);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean logged = false;
        while (true) {
            List<String> missing = new ArrayList<>(topics);
            // a client per attempt: one whose I/O thread died (it can, e.g. on an Error) would time out forever
            try (Admin admin = Admin.create(p)) {
                missing.removeAll(admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException e) {
                // the brokers are not reachable yet: every topic counts as missing until they answer
            }
            if (missing.isEmpty()) {
                if (logged) LOG.info("topics {} exist now; starting the job", topics);
                return true;
            }
            if (!logged) {
                LOG.warn(
                        "waiting for Kafka topics {} at {} to exist (create them, e.g. with the chart's KafkaTopics); "
                                + "the job starts once they do",
                        missing,
                        config.get(VigilOptions.KAFKA_BOOTSTRAP));
                logged = true;
            }
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(poll.toMillis());
        }
    }
}
