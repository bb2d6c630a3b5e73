package dev.vigil.jobs.errors;

import static dev.vigil.testing.JobOutputs.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.testing.InMemoryInput;
import dev.vigil.testing.JobCounters;
import dev.vigil.testing.JobOutputs;
import dev.vigil.testing.JobRun;
import dev.vigil.testing.JobTestConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole errors pipeline on a MiniCluster with in-memory input and collecting sinks (no stack): grouping,
 * counts, group history and alerts, the same with object reuse on (production) and off.
 */
class ErrorsJobTest {
    private static final long T0 = 1_795_860_900_000L;

    @Test
    void errorsAreGroupedCountedAndAlertedAndObjectReuseChangesNothing(@TempDir Path tmp) throws Exception {
        List<String> records = records();
        Map<String, List<String>> withReuse = JobRun.sameWithAndWithoutObjectReuse(reuse -> run(tmp, records, reuse));

        assertThat(withReuse.get("dead letters")).hasSize(1).allMatch(d -> d.contains("\"MALFORMED_JSON\""));
        // 25 + 2 out-of-order timeouts, 7 negative stock counts, 5 null pointers; the agent log on this topic is not an
        // error; the late timeout is indexed like any other
        assertThat(withReuse.get("occurrences")).hasSize(39);
        assertThat(withReuse.get("hot tier")).containsExactlyElementsOf(withReuse.get("occurrences"));
        // one group per error and service whatever the numbers in its message: the null pointer in two services is two
        // groups, so four, in the occurrences and in their history
        assertThat(distinct(withReuse.get("occurrences"), "groupId")).hasSize(4);
        assertThat(distinct(withReuse.get("group counts"), "groupId")).hasSize(4);
        // every occurrence but the late one
        assertThat(sum(withReuse.get("group counts"), "occurrences")).isEqualTo(38);
        // each record once: processed (the agent log too: it is valid, just not an error) or dead-lettered; late on top
        Map<String, Long> counters = JobCounters.totals();
        assertThat(counters).containsEntry("processed", 40L).containsEntry("deadLettered.MALFORMED_JSON.records", 1L);
        assertThat(counters.get("processed") + JobCounters.deadLettered(counters))
                .isEqualTo(records.size());
        assertThat(counters).containsEntry("late", 1L);
        assertThat(distinct(withReuse.get("groups"), "groupId")).hasSize(4);
        assertThat(withReuse.get("alerts"))
                .filteredOn(a -> a.contains("\"NewErrorGroup\""))
                .hasSize(4);
        assertThat(withReuse.get("alerts"))
                .filteredOn(a -> a.contains("\"ErrorSpike\""))
                .isNotEmpty()
                .allMatch(a -> a.contains("payments") && a.contains("SocketTimeoutException"));
    }

    private static Map<String, List<String>> run(Path tmp, List<String> records, boolean objectReuse) throws Exception {
        VigilConfig config = JobTestConfig.of(tmp, """
                """);
        ErrorsJob.Sinks sinks = new ErrorsJob.Sinks();
        JobOutputs outputs = new JobOutputs();
        sinks.deadLetters = outputs.sink("dead letters");
        sinks.occurrences = outputs.sink("occurrences");
        sinks.hotTier = outputs.sink("hot tier");
        sinks.groupCounts = outputs.sink("group counts");
        sinks.groups = outputs.sink("groups");
        sinks.alerts = outputs.sink("alerts");
        ErrorsJob job =
                new ErrorsJob(InMemoryInput.of(ErrorsJob.NAME, config, "vigil.errors", records, T0 + 300_000), sinks);
        JobRun.run("errors", config, objectReuse, job::build);
        return outputs.received();
    }

    /** A burst of timeouts in payments, negative stock in checkout, null pointers in both; numbers vary, types do not. */
    private static List<String> records() {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            r.add(error(
                    T0 + i * 1_000L,
                    "payments",
                    "java.net.SocketTimeoutException",
                    "Read timed out after " + (3000 + i) + " ms",
                    "PspClient.charge"));
            if (i % 4 == 0)
                r.add(error(
                        T0 + i * 1_000L + 500,
                        "checkout",
                        "java.lang.IllegalStateException",
                        "inventory count for sku " + (1000 + i) + " is negative",
                        "Stock.reserve"));
            if (i % 6 == 0)
                r.add(error(
                        T0 + i * 1_000L + 700,
                        i % 12 == 0 ? "checkout" : "payments",
                        "java.lang.NullPointerException",
                        "Cannot invoke Cart.total() because cart " + i + " is null",
                        "Orders.place"));
        }
        r.add("""
                {"type":"agent_log","timestamp":%d,"service":"payments","level":"info","message":"not an error"}""".formatted(T0 + 26_000));
        r.add("{not json");
        // out of order: one timeout 4 min on moves the watermark past the first minute's window and its minute of
        // allowed lateness, so one 5 s into that minute arrives late (still indexed, counted late, in no window's
        // count)
        r.add(error(
                T0 + 240_000,
                "payments",
                "java.net.SocketTimeoutException",
                "Read timed out after 4000 ms",
                "PspClient.charge"));
        r.add(error(
                T0 + 5_100,
                "payments",
                "java.net.SocketTimeoutException",
                "Read timed out after 5000 ms",
                "PspClient.charge"));
        return r;
    }

    private static String error(long t, String service, String type, String message, String function) {
        return """
                {"type":"error","timestamp":%d,"service":"%s","error_type":"%s","message":"%s","severity":"error",\
                "frames":[{"module":"com.shop","function":"%s","file":"X.java","line":42,"in_app":true}]}""".formatted(t, service, type, message, function);
    }

    private static java.util.Set<String> distinct(List<String> rows, String field) {
        java.util.Set<String> values = new java.util.TreeSet<>();
        Matcher m;
        for (String row : rows) {
            m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(row);
            while (m.find()) values.add(m.group(1));
        }
        return values;
    }
}
