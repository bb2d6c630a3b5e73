package dev.vigil.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Creates topics and returns once the broker leads every partition. A producer that writes to a partition the broker
 * has not set up yet gets NOT_LEADER_OR_FOLLOWER for its first batch; with more than one request in flight an
 * idempotent producer's next batch can be appended first, and the refused one is then retried as
 * OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout and lost (KAFKA-15591, fixed on the broker side in 2026). The
 * bench's preload of freshly created topics lost 234 records that way (2026-12-05), and a CI run of the stack tests 103
 * of 461. A leader in the topic's metadata is not enough: a broker publishes new metadata to its cache before its
 * replica manager creates the partitions, and the preload lost 13 records again after waiting for leaders only
 * (2026-12-05, night). So this also waits until the leaders list each partition among their log directories' replicas.
 */
public final class Topics {
    private static final Duration LEADERS_WITHIN = Duration.ofSeconds(30);

    /**
     * The producer setting that makes the loss impossible rather than unlikely, for writers whose input must be exact
     * (the bench's preload, the demo's workload, the stack tests): with one request in flight no batch can overtake a
     * refused one, which is then retried and appended in order.
     */
    public static final String IN_FLIGHT = "max.in.flight.requests.per.connection";

    private Topics() {}

    /** Creates {@code topics} (all of them new) and waits until each partition's leader holds it. */
    public static void create(Admin admin, Collection<NewTopic> topics)
            throws InterruptedException, ExecutionException {
        admin.createTopics(topics).all().get();
        List<String> names = new ArrayList<>();
        for (NewTopic t : topics) names.add(t.name());
        awaitLeaders(admin, names);
    }

    /**
     * Returns when every partition of {@code topics} has a leader that holds its log, or throws after
     * {@link #LEADERS_WITHIN}: producing earlier is what loses records (see the class comment).
     */
    private static void awaitLeaders(Admin admin, Collection<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + LEADERS_WITHIN.toNanos();
        while (true) {
            if (allLed(admin, topics)) return;
            if (System.nanoTime() > deadline)
                throw new IllegalStateException("topics " + topics + " have partitions without a leader after "
                        + LEADERS_WITHIN.toSeconds() + " s: is the Kafka broker up?");
            Thread.sleep(100);
        }
    }

    private static boolean allLed(Admin admin, Collection<String> topics) throws InterruptedException {
        try {
            Map<Integer, Set<TopicPartition>> byLeader = new HashMap<>();
            for (TopicDescription d :
                    admin.describeTopics(topics).allTopicNames().get().values()) {
                for (TopicPartitionInfo p : d.partitions()) {
                    if (p.leader() == null || p.leader().isEmpty()) return false;
                    byLeader.computeIfAbsent(p.leader().id(), id -> new HashSet<>())
                            .add(new TopicPartition(d.name(), p.partition()));
                }
            }
            Map<Integer, Map<String, LogDirDescription>> dirs;
            try {
                dirs = admin.describeLogDirs(byLeader.keySet())
                        .allDescriptions()
                        .get();
            } catch (ExecutionException e) {
                // a principal without DESCRIBE on the cluster, or a broker without the API: leaders are all there is
                // to wait for, and the exact writers' one request in flight (IN_FLIGHT) still rules the loss out
                if (e.getCause() instanceof ClusterAuthorizationException
                        || e.getCause() instanceof UnsupportedVersionException) return true;
                throw e;
            }
            for (var led : byLeader.entrySet()) {
                Set<TopicPartition> held = new HashSet<>();
                for (LogDirDescription dir :
                        dirs.getOrDefault(led.getKey(), Map.of()).values())
                    held.addAll(dir.replicaInfos().keySet());
                if (!held.containsAll(led.getValue())) return false;
            }
            return true;
        } catch (ExecutionException e) {
            return false; // not in the broker's metadata yet
        }
    }
}
