package dev.vigil.jobs.agentlogs;

import static dev.vigil.testing.JobOutputs.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.JobRules;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole agent-logs pipeline on a MiniCluster with in-memory input and collecting sinks (no stack): what each
 * sink receives, and that it is the same with object reuse on (production) and off.
 */
class AgentLogsJobTest {
    private static final long T0 = 1_795_860_900_000L;
    private static final String MAIL = "alice.w@example.com";

    @Test
    void everySinkGetsItsShareAndObjectReuseChangesNothing(@TempDir Path tmp) throws Exception {
        List<String> records = records();
        Map<String, List<String>> withReuse =
                JobRun.sameWithAndWithoutObjectReuse(reuse -> run(tmp, records, reuse, ""));

        assertThat(withReuse.get("dead letters")).hasSize(1).allMatch(d -> d.contains("\"MALFORMED_JSON\""));
        // every valid event is archived, the business event a producer put on this topic included
        assertThat(withReuse.get("archive")).hasSize(38);
        // the debug log is sampled out of the index and the hot tier, never out of the counts
        assertThat(withReuse.get("log index")).hasSize(36).noneMatch(e -> e.contains("\"level\":\"DEBUG\""));
        // every log but the late step
        assertThat(sum(withReuse.get("log counts"), "events")).isEqualTo(36);
        // ten requests across three services; an event sent without a correlation ID is a request of its own
        // (gen-<event ID>), the late step too: its session (1 s + 30 s gap + 30 s lateness) is still open, as in
        // Flink's session windows
        assertThat(withReuse.get("journeys"))
                .hasSize(17)
                .filteredOn(j -> j.contains("\"correlationId\":\"req-"))
                .hasSize(10)
                .allMatch(j -> j.contains("\"services\":[\"gateway\",\"checkout\",\"payments\"]")
                        && j.contains("\"eventCount\":3"));
        assertThat(withReuse.get("journey hops")).hasSize(37);
        // the four steps in time; the late one is counted late by the log counts, not again here
        assertThat(sum(withReuse.get("agent usage"), "steps")).isEqualTo(4);
        assertThat(sum(withReuse.get("agent usage"), "tokensIn")).isEqualTo(4 * 800);
        assertThat(withReuse.get("alerts")).isEmpty();
        // each record once, processed or dead-lettered; sampled out and late are among the processed
        Map<String, Long> counters = JobCounters.totals();
        assertThat(counters).containsEntry("processed", 38L).containsEntry("deadLettered.MALFORMED_JSON.records", 1L);
        assertThat(counters.get("processed") + JobCounters.deadLettered(counters))
                .isEqualTo(records.size());
        assertThat(counters).containsEntry("sampledOut", 1L).containsEntry("late", 1L);
        // masked before any sink: the address is in the input, in no output
        assertThat(String.join("\n", records)).contains(MAIL);
        withReuse.forEach((sink, out) -> assertThat(out).as(sink).noneMatch(r -> r.contains(MAIL)));
    }

    /**
     * Sampled at a rate below 1: the index's documents carry the rate they were kept at, the archive (every event,
     * before sampling) keeps 1.0 on every row, with object reuse on (one event object reaches both) as off.
     */
    @Test
    void theArchiveIsNotChangedBySamplingDownstream(@TempDir Path tmp) throws Exception {
        List<String> records = records();
        Map<String, List<String>> out =
                JobRun.sameWithAndWithoutObjectReuse(reuse -> run(tmp, records, reuse, "\":info=0.5\"", ""));
        assertThat(out.get("archive")).hasSize(38).allMatch(e -> e.contains("\"sampleRate\":1.0"));
        List<String> halved = out.get("log index").stream()
                .filter(d -> d.contains("\"sampleRate\":0.5"))
                .toList();
        // the info logs of requests whose correlation ID falls below 0.5; errors are always kept, at 1.0
        assertThat(halved).isNotEmpty().noneMatch(d -> d.contains("\"level\":\"ERROR\""));
        assertThat(out.get("log index").size()).isLessThan(37);
    }

    @Test
    void anAgentCallingOneToolOverAndOverRaisesAnAgentLoopPerBurst(@TempDir Path tmp) throws Exception {
        // seven calls of one tool in one session, 2 s apart, and one of another tool; three within a minute is a loop
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            records.add("""
                    {"event_id":"a-%d","type":"agent_log","timestamp":%d,"service":"support-agent","level":"info","message":"tool call",\
                    "agent_id":"agent-7","session_id":"sess-1","step":%d,"tool":"%s","tokens_in":100,"tokens_out":10}""".formatted(i, T0 + i * 2_000L, i, i == 3 ? "kb_search" : "refund_payment"));
        }
        List<String> alerts = run(tmp, records, true, "detection: {agent-loop: {count: 3, within: 60s}}")
                .get("alerts");
        assertThat(alerts)
                .hasSize(2)
                .allMatch(a -> a.contains("\"AgentLoop\"") && a.contains("called refund_payment 3 times"));
        // calls 0-2, then 4-6 (the other tool's call between them is another loop's); the eighth starts a third
        assertThat(alerts.get(0)).contains("\"windowStart\":" + T0 + "}");
        assertThat(alerts.get(1)).contains("\"windowStart\":" + (T0 + 8_000) + "}");
    }

    private static Map<String, List<String>> run(Path tmp, List<String> records, boolean objectReuse, String moreConfig)
            throws Exception {
        return run(tmp, records, objectReuse, "\":debug=0.0\"", moreConfig);
    }

    private static Map<String, List<String>> run(
            Path tmp, List<String> records, boolean objectReuse, String samplingRates, String moreConfig)
            throws Exception {
        VigilConfig config = JobTestConfig.of(tmp, "sampling: {rates: [" + samplingRates + "]}\n" + """
                windows: {agent-logs: {size: 10s}}
                """ + moreConfig);
        AgentLogsJob.Sinks sinks = new AgentLogsJob.Sinks();
        JobOutputs outputs = new JobOutputs();
        sinks.deadLetters = outputs.sink("dead letters");
        sinks.archive = outputs.sink("archive");
        sinks.logIndex = outputs.sink("log index");
        sinks.hotTier = outputs.sink("hot tier");
        sinks.logCounts = outputs.sink("log counts");
        sinks.agentUsage = outputs.sink("agent usage");
        sinks.journeyIndex = outputs.sink("journeys");
        sinks.journeyHops = outputs.sink("journey hops");
        sinks.alerts = outputs.sink("alerts");
        AgentLogsJob job = new AgentLogsJob(
                InMemoryInput.of(AgentLogsJob.NAME, config, "vigil.agent-logs", records, T0 + 60_000),
                sinks,
                JobRules.sampling(config));
        JobRun.run("agent-logs", config, objectReuse, job::build);

        return outputs.received();
    }

    /** Ten requests across three services, four agent steps, a debug log, a business event and a broken record; in time order. */
    private static List<String> records() {
        List<String> r = new ArrayList<>();
        String[] services = {"gateway", "checkout", "payments"};
        for (int q = 0; q < 10; q++) {
            for (int s = 0; s < 3; s++) {
                long t = T0 + q * 1_500L + s * 120L;
                String message = s == 1 ? "cart loaded for " + MAIL : "step " + s + " of request " + q;
                r.add("""
                        {"event_id":"e-%d-%d","type":"agent_log","timestamp":%d,"service":"%s","correlation_id":"req-%d","level":"%s","message":"%s"}""".formatted(q, s, t, services[s], q, s == 2 && q % 4 == 0 ? "error" : "info", message));
            }
        }
        for (int step = 1; step <= 4; step++) {
            r.add("""
                    {"event_id":"a-%d","type":"agent_log","timestamp":%d,"service":"support-agent","level":"info","message":"tool call finished",\
                    "agent_id":"agent-42","session_id":"sess-9","step":%d,"tool":"search_orders","model":"gpt-4o-mini","tokens_in":800,\
                    "tokens_out":90,"cost":0.0004,"duration_ms":1380.5,"outcome":"success"}""".formatted(step, T0 + 16_000 + step * 10L, step));
        }
        r.add("""
                {"event_id":"d-1","type":"agent_log","timestamp":%d,"service":"gateway","level":"debug","message":"cache warm"}""".formatted(T0 + 17_000));
        r.add("""
                {"event_id":"b-1","type":"business_event","timestamp":%d,"service":"shop","name":"signup","user_id":"u-1"}""".formatted(T0 + 17_500));
        r.add("{not json");
        // out of order: a log 50 s on moves the watermark past the first window and its 30 s of allowed lateness, so an
        // agent step 1 s into that window arrives late: archived and indexed, in no count or usage row, counted late
        // once
        r.add("""
                {"event_id":"t-1","type":"agent_log","timestamp":%d,"service":"gateway","level":"info","message":"tick"}""".formatted(T0 + 50_000));
        r.add("""
                {"event_id":"a-late","type":"agent_log","timestamp":%d,"service":"support-agent","level":"info","message":"tool call finished",\
                "agent_id":"agent-42","session_id":"sess-late","step":1,"tool":"search_orders","model":"gpt-4o-mini","tokens_in":800,\
                "tokens_out":90,"cost":0.0004,"duration_ms":1380.5,"outcome":"success"}""".formatted(T0 + 1_000));
        return r;
    }
}
