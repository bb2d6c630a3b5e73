package dev.vigil.bench.e2e;

import dev.vigil.client.ClientSettings;
import dev.vigil.client.Overflow;
import dev.vigil.client.Publisher;
import dev.vigil.client.Vigil;
import dev.vigil.workload.WorkloadGenerator;
import dev.vigil.workload.WorkloadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Loads the demo's synthetic workload into fresh topics before any job reads them. */
final class Preload {
    /** Records and bytes written per stream. */
    final Map<String, long[]> written = new HashMap<>();

    static Preload run(String bootstrap, String prefix, int requests, int partitions) throws Exception {
        return run(
                bootstrap,
                prefix,
                requests,
                partitions,
                Set.of("agent-logs", "business-events", "performance-metrics", "errors"));
    }

    /** The same, keeping only the records of {@code streams} (for the jobs whose share of the workload is small). */
    static Preload run(String bootstrap, String prefix, int requests, int partitions, Set<String> streams)
            throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String t : streams) topics.add(new NewTopic(prefix + t, partitions, (short) 1));
        for (String t : List.of("dead-letters", "alerts")) topics.add(new NewTopic(prefix + t, partitions, (short) 1));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(topics).all().get();
        }
        Preload preload = new Preload();
        long end = System.currentTimeMillis() - 120_000;
        WorkloadSpec spec = new WorkloadSpec(end - 30 * 60_000L, end, requests, 42);
        // Through the producer library in BLOCK mode, as the demo's workload: nothing may be dropped
        Vigil vigil = Vigil.start(ClientSettings.builder()
                .service("bench-preload")
                .bootstrapServers(bootstrap)
                .overflow(Overflow.BLOCK)
                .closeTimeout(Duration.ofSeconds(60))
                .kafka("batch.size", "262144")
                .build());
        try {
            new WorkloadGenerator(spec, (stream, key, value) -> {
                        if (!streams.contains(stream)) return;
                        vigil.relay(prefix + stream, key, value);
                        long[] c = preload.written.computeIfAbsent(stream, s -> new long[2]);
                        c[0]++;
                        c[1] += value.length;
                    })
                    .run();
        } finally {
            vigil.close();
        }
        Publisher published = vigil.publisher();
        if (published.dropped() != 0 || published.failed() != 0 || published.sent() != published.accepted()) {
            throw new IllegalStateException("the preload lost records (" + published.dropped() + " dropped, "
                    + published.failed() + " failed): the benchmark's input would not be exact");
        }
        return preload;
    }

    long records(String stream) {
        return written.getOrDefault(stream, new long[2])[0];
    }

    long bytes(String stream) {
        return written.getOrDefault(stream, new long[2])[1];
    }
}
