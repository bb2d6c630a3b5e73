package dev.vigil.jobs.business;

import static dev.vigil.testing.JobOutputs.number;
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
 * The whole business-events pipeline on a MiniCluster with in-memory input and collecting sinks (no stack): usage,
 * features, revenue and a funnel, the same with object reuse on (production) and off.
 */
class BusinessEventsJobTest {
    private static final long T0 = 1_795_860_900_000L;

    @Test
    void kpisAndFunnelStepsAreCountedAndObjectReuseChangesNothing(@TempDir Path tmp) throws Exception {
        List<String> records = records();
        Map<String, List<String>> withReuse = JobRun.sameWithAndWithoutObjectReuse(reuse -> run(tmp, records, reuse));

        assertThat(withReuse.get("dead letters")).hasSize(1).allMatch(d -> d.contains("\"MALFORMED_JSON\""));
        // 20 signups, 15 checkouts started, 10 purchases, 1 newsletter signup: 46 events by name, each user counted
        // once per name and window
        assertThat(sum(withReuse.get("by name"), "events")).isEqualTo(46);
        assertThat(sum(withReuse.get("by name"), "uniqueUsers")).isEqualTo(46);
        // only checkouts name a feature
        assertThat(sum(withReuse.get("by feature"), "events")).isEqualTo(15);
        // ten purchases of 10.00 to 19.00 EUR
        assertThat(sum(withReuse.get("revenue"), "purchases")).isEqualTo(10);
        assertThat(withReuse.get("revenue")).allMatch(r -> r.contains("\"currency\":\"EUR\""));
        assertThat(withReuse.get("revenue").stream()
                        .mapToDouble(r -> number(r, "revenue"))
                        .sum())
                .isEqualTo(145.0);
        // the funnel per step: 20 entered, 15 went on to checkout, 10 bought
        assertThat(sumWhere(withReuse.get("funnel steps"), "\"step\":0,", "users"))
                .isEqualTo(20);
        assertThat(sumWhere(withReuse.get("funnel steps"), "\"step\":1,", "users"))
                .isEqualTo(15);
        assertThat(sumWhere(withReuse.get("funnel steps"), "\"step\":2,", "users"))
                .isEqualTo(10);
        // each record once: processed or dead-lettered; the late purchase is counted late once, not per window it
        // missed
        Map<String, Long> counters = JobCounters.totals();
        assertThat(counters).containsEntry("processed", 47L).containsEntry("deadLettered.MALFORMED_JSON.records", 1L);
        assertThat(counters.get("processed") + JobCounters.deadLettered(counters))
                .isEqualTo(records.size());
        assertThat(counters).containsEntry("late", 1L);
    }

    private static Map<String, List<String>> run(Path tmp, List<String> records, boolean objectReuse) throws Exception {
        VigilConfig config = JobTestConfig.of(tmp, """
                windows: {business-events: {size: 1min}}
                funnels: ["name=checkout;steps=signup>checkout_started>purchase;within=2min"]
                """);
        BusinessEventsJob.Sinks sinks = new BusinessEventsJob.Sinks();
        JobOutputs outputs = new JobOutputs();
        sinks.deadLetters = outputs.sink("dead letters");
        sinks.byName = outputs.sink("by name");
        sinks.byFeature = outputs.sink("by feature");
        sinks.revenue = outputs.sink("revenue");
        sinks.funnels = outputs.sink("funnel steps");
        sinks.alerts = outputs.sink("alerts");
        BusinessEventsJob job = new BusinessEventsJob(
                InMemoryInput.of(BusinessEventsJob.NAME, config, "vigil.business-events", records, T0 + 600_000),
                sinks);
        JobRun.run("business-events", config, objectReuse, job::build);

        return outputs.received();
    }

    /** Twenty users sign up within the first half minute; 15 start a checkout 20 s later, 10 of them buy 20 s after that. */
    private static List<String> records() {
        List<String> r = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            long t = T0 + u * 1_000L;
            r.add(event(t, "signup", u, ""));
            if (u < 15) r.add(event(t + 20_000, "checkout_started", u, ",\"feature\":\"one-click\""));
            if (u < 10) r.add(event(t + 40_000, "purchase", u, ",\"value\":" + (10 + u) + ".0,\"currency\":\"EUR\""));
        }
        r.sort(java.util.Comparator.comparingLong(BusinessEventsJobTest::timestamp));
        r.add("{not json");
        // out of order: a newsletter signup 5 min on moves the watermark past the first minute's window and its minute
        // of allowed lateness, so a purchase 2 s into that minute arrives late: in no window's row (by name, feature
        // or currency) and counted late once
        r.add(event(T0 + 300_000, "newsletter_signup", 99, ""));
        r.add(event(T0 + 2_000, "purchase", 60, ",\"feature\":\"one-click\",\"value\":99.0,\"currency\":\"EUR\""));
        return r;
    }

    private static String event(long t, String name, int user, String more) {
        return """
                {"type":"business_event","timestamp":%d,"service":"shop","name":"%s","user_id":"u-%d","properties":{"country":"DE"}%s}""".formatted(t, name, user, more);
    }

    private static long timestamp(String json) {
        Matcher m = Pattern.compile("\"timestamp\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    private static long sumWhere(List<String> rows, String marker, String field) {
        return sum(rows.stream().filter(r -> r.contains(marker)).toList(), field);
    }
}
