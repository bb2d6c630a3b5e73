package dev.vigil.bench.e2e;

import dev.vigil.client.Vigil;
import dev.vigil.workload.ExactPublishing;
import dev.vigil.workload.Topics;
import dev.vigil.workload.WorkloadGenerator;
import dev.vigil.workload.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Loads the demo's synthetic workload into fresh topics before any job reads them. */
final class Preload {
    /** Records and bytes written per stream. */
    final Map<String, long[]> written = new HashMap<>();

    /** Every stream of the workload, each record once. */
    static final Map<String, Integer> ALL_STREAMS =
            Map.of("agent-logs", 1, "business-events", 1, "performance-metrics", 1, "errors", 1);

    static Preload run(String bootstrap, String prefix, int requests, int partitions) throws Exception {
        return run(bootstrap, prefix, requests, partitions, ALL_STREAMS);
    }

    /**
     * The same, keeping only the records of the streams in {@code copies} (for the jobs whose share of the workload is
     * small), each record written as many times as its stream's count there: copy n &gt; 0 under a correlation ID of
     * its own ({@link #copy}), right after the record, so the copies are distinct events at the record's event time.
     */
    static Preload run(String bootstrap, String prefix, int requests, int partitions, Map<String, Integer> copies)
            throws Exception {
        return run(bootstrap, prefix, requests, partitions, copies, 42, System.currentTimeMillis() - 120_000);
    }

    /**
     * A smaller input to warm a long run up on: another seed (other IDs) and event times before {@link #run}'s, so its
     * rows in the shared TimescaleDB tables are not the ones the measured run then writes.
     */
    static Preload warmUpSlice(String bootstrap, String prefix, int requests, Map<String, Integer> copies)
            throws Exception {
        return run(bootstrap, prefix, requests, 2, copies, 43, System.currentTimeMillis() - 3 * 3_600_000L);
    }

    private static Preload run(
            String bootstrap,
            String prefix,
            int requests,
            int partitions,
            Map<String, Integer> copies,
            long seed,
            long end)
            throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String t : copies.keySet()) topics.add(new NewTopic(prefix + t, partitions, (short) 1));
        for (String t : List.of("dead-letters", "alerts")) topics.add(new NewTopic(prefix + t, partitions, (short) 1));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Topics.create(admin, topics);
        }
        Preload preload = new Preload();
        WorkloadSpec spec = new WorkloadSpec(end - 30 * 60_000L, end, requests, seed);
        // Through the producer library in BLOCK mode, as the demo's workload: nothing may be dropped
        Vigil vigil = Vigil.start(ExactPublishing.settings("bench-preload", bootstrap)
                .kafka("batch.size", "262144")
                .build());
        try {
            new WorkloadGenerator(spec, (stream, key, value) -> {
                        int n = copies.getOrDefault(stream, 0);
                        long[] c = preload.written.computeIfAbsent(stream, s -> new long[2]);
                        for (int i = 0; i < n; i++) {
                            byte[] record = i == 0 ? value : copy(value, i);
                            vigil.relay(prefix + stream, i == 0 || key == null ? key : COPY + i + "-" + key, record);
                            c[0]++;
                            c[1] += record.length;
                        }
                    })
                    .run();
        } finally {
            vigil.close();
        }
        ExactPublishing.requireAllSent(vigil.publisher(), "the preload", "the benchmark's input");
        return preload;
    }

    private static final String COPY = "copy";
    private static final byte[] CORRELATION_ID = "\"correlation_id\":\"".getBytes(StandardCharsets.UTF_8);

    /** Record {@code json} with {@code copy<n>-} put before its correlation ID's value (the generator writes no spaces). */
    static byte[] copy(byte[] json, int n) {
        int at = indexOf(json, CORRELATION_ID);
        if (at < 0) throw new IllegalArgumentException("a record without a correlation_id cannot be copied distinctly");
        at += CORRELATION_ID.length;
        byte[] mark = (COPY + n + "-").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[json.length + mark.length];
        System.arraycopy(json, 0, out, 0, at);
        System.arraycopy(mark, 0, out, at, mark.length);
        System.arraycopy(json, at, out, at + mark.length, json.length - at);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    long records(String stream) {
        return written.getOrDefault(stream, new long[2])[0];
    }

    long bytes(String stream) {
        return written.getOrDefault(stream, new long[2])[1];
    }
}
