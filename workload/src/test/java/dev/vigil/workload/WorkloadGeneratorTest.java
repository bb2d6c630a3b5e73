package dev.vigil.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generator speaks the contract: every record it means to be valid parses; the malformed ones dead-letter. */
class WorkloadGeneratorTest {

    @Test
    void generatesValidEventsOfEveryTypePlusTheIntendedMalformedOnes() {
        long end = 1_795_860_000_000L;
        List<byte[]> records = new ArrayList<>();
        List<String> streams = new ArrayList<>();
        WorkloadStats stats = new WorkloadGenerator(
                        new WorkloadSpec(end - 600_000, end, 2000, 7), (stream, key, value) -> {
                            streams.add(stream);
                            records.add(value);
                        })
                .run();

        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        Map<EventType, Integer> valid = new EnumMap<>(EventType.class);
        Map<DeadLetterReason, Integer> invalid = new EnumMap<>(DeadLetterReason.class);
        for (int i = 0; i < records.size(); i++) {
            ParseOutcome o = parser.parse(records.get(i));
            if (o.isValid()) {
                valid.merge(o.event().type, 1, Integer::sum);
                assertThat(streams.get(i)).isEqualTo(o.event().type.wireName().replace('_', '-') + "s");
            } else {
                invalid.merge(o.reason(), 1, Integer::sum);
            }
        }
        assertThat(records).hasSize((int) stats.total());
        assertThat(valid.get(EventType.AGENT_LOG)).isEqualTo((int) (stats.logs + stats.agentSteps));
        assertThat(valid.get(EventType.BUSINESS_EVENT)).isEqualTo((int) stats.business);
        assertThat(valid.get(EventType.PERFORMANCE_METRIC)).isEqualTo((int) stats.metrics);
        assertThat(valid.get(EventType.ERROR)).isEqualTo((int) stats.errors);
        assertThat(invalid)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        DeadLetterReason.MALFORMED_JSON,
                        1,
                        DeadLetterReason.MISSING_FIELD,
                        1,
                        DeadLetterReason.INVALID_UTF8,
                        1,
                        DeadLetterReason.TIMESTAMP_UNPARSEABLE,
                        1,
                        DeadLetterReason.UNKNOWN_TYPE,
                        1));
        assertThat(stats.errorSpikeEvents).isEqualTo(40);
        assertThat(stats.latencyRegressionEvents).isPositive();
        assertThat(stats.conversionDropFunnels).isPositive();
    }

    /**
     * A producer emits a user's checkout and purchase, or an agent its next step, when it happens, so the business
     * events are in event-time order and agent logs within a request's span; written together with the first
     * (checkouts 30 s and purchases 90 s ahead, a looping session's last steps 26 s), they put the watermark past
     * the events after them, which the jobs then dropped as late.
     */
    @Test
    void writesEachFunnelStepAndAgentStepWhenItsTimeComes() {
        long end = 1_795_860_000_000L;
        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        List<Long> times = new ArrayList<>();
        Map<String, Integer> names = new java.util.TreeMap<>();
        Map<String, Integer> features = new java.util.TreeMap<>();
        long[] agentLogs = {0, 0, 0}; // latest time so far, most behind it, agent steps
        WorkloadStats stats = new WorkloadGenerator(
                        new WorkloadSpec(end - 1_800_000, end, 20_000, 7), (stream, key, value) -> {
                            ParseOutcome o = parser.parse(value);
                            if (!o.isValid()) return;
                            long at = o.event().timestamp;
                            if (stream.equals(WorkloadGenerator.AGENT_LOGS)) {
                                agentLogs[1] = Math.max(agentLogs[1], agentLogs[0] - at);
                                agentLogs[0] = Math.max(agentLogs[0], at);
                                if (o.event().agentLog.sessionId != null) agentLogs[2]++;
                            }
                            if (!stream.equals(WorkloadGenerator.BUSINESS_EVENTS)) return;
                            times.add(at);
                            names.merge(o.event().business.name, 1, Integer::sum);
                            String feature = o.event().business.feature;
                            if (feature != null)
                                features.merge(o.event().business.name + ":" + feature, 1, Integer::sum);
                        })
                .run();

        // no agent log further behind the latest one than the slowest request's own span
        assertThat(agentLogs[1]).isLessThan(5_000);
        assertThat(agentLogs[2]).isEqualTo(stats.agentSteps);
        assertThat(times).hasSize((int) stats.business).isSorted();
        assertThat(names.get("signup")).isEqualTo(4_000);
        assertThat(names.get("checkout_started")).isBetween(2_200, 2_600);
        assertThat(names.get("purchase")).isBetween(1_000, 1_400);
        // a checkout's feature by plan, a purchase's by user; signups name none
        assertThat(features.keySet())
                .containsExactly(
                        "checkout_started:cart",
                        "checkout_started:express-checkout",
                        "purchase:new-card",
                        "purchase:saved-card");
        assertThat(features.get("checkout_started:cart") + features.get("checkout_started:express-checkout"))
                .isEqualTo(names.get("checkout_started"));
        assertThat(features.get("purchase:new-card") + features.get("purchase:saved-card"))
                .isEqualTo(names.get("purchase"));
    }

    @Test
    void isDeterministicForASeed() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        new WorkloadGenerator(new WorkloadSpec(0, 600_000, 300, 11), (s, k, v) -> a.add(new String(v))).run();
        new WorkloadGenerator(new WorkloadSpec(0, 600_000, 300, 11), (s, k, v) -> b.add(new String(v))).run();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void aRunTagChangesTheRequestSessionAndUserIdsOnly() {
        List<String> plain = new ArrayList<>();
        List<String> tagged = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        new WorkloadGenerator(new WorkloadSpec(0, 600_000, 300, 11), (s, k, v) -> plain.add(new String(v))).run();
        new WorkloadGenerator(new WorkloadSpec(0, 600_000, 300, 11, "t1"), (s, k, v) -> {
                    tagged.add(new String(v));
                    if (k != null) keys.add(new String(k));
                })
                .run();
        assertThat(tagged).hasSameSizeAs(plain);
        assertThat(tagged.stream().filter(r -> r.contains("\"req-t1-")).count()).isPositive();
        assertThat(tagged.stream()
                        .filter(r -> r.contains("\"agent-sess-t1-11-"))
                        .count())
                .isPositive();
        assertThat(tagged.stream().filter(r -> r.contains("\"u-t1-11-")).count())
                .isPositive();
        assertThat(keys).isNotEmpty().allMatch(k -> k.contains("-t1-"), "a request key carries the tag");
        assertThat(tagged.stream().map(r -> r.replace("-t1-", "-")).toList()).isEqualTo(plain);
        assertThatThrownBy(() -> new WorkloadSpec(0, 600_000, 300, 11, "Bad tag"))
                .hasMessage("the run tag must be at most 16 of a-z and 0-9, got Bad tag");
    }

    @Test
    void aServiceReportingThroughOpenTelemetrySendsOtlpThatMapsToValidEventsAndNoContractRecords() throws Exception {
        long end = 1_795_860_000_000L;
        List<byte[]> contract = new ArrayList<>();
        List<String> contractServices = new ArrayList<>();
        Map<String, List<byte[]>> otlpRequests = new java.util.TreeMap<>();
        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        WorkloadStats stats;
        try (dev.vigil.workload.otlp.OtlpService sdk = new dev.vigil.workload.otlp.OtlpService(
                "inventory",
                "demo",
                (topic, request) -> otlpRequests
                        .computeIfAbsent(topic, k -> new ArrayList<>())
                        .add(request))) {
            stats = new WorkloadGenerator(new WorkloadSpec(end - 600_000, end, 2000, 7), (stream, key, value) -> {
                        contract.add(value);
                        ParseOutcome o = parser.parse(value);
                        if (o.isValid()) contractServices.add(o.event().service);
                    })
                    .reportingViaOtlp("inventory", sdk)
                    .run();
        }
        assertThat(contractServices).doesNotContain("inventory").contains("gateway", "payments");
        assertThat(otlpRequests).containsOnlyKeys("otlp-logs", "otlp-metrics", "otlp-spans");

        Map<EventType, Integer> mapped = new EnumMap<>(EventType.class);
        Map<String, Integer> metrics = new java.util.TreeMap<>();
        long[] durations = {0};
        java.util.Set<String> histogramOperations = new java.util.TreeSet<>();
        java.util.Set<String> spanOperations = new java.util.TreeSet<>();
        dev.vigil.schema.otlp.OtlpRequests reader = new dev.vigil.schema.otlp.OtlpRequests(16);
        dev.vigil.schema.otlp.OtlpEvents events = new dev.vigil.schema.otlp.OtlpEvents(
                java.util.EnumSet.of(EventType.AGENT_LOG, EventType.ERROR, EventType.PERFORMANCE_METRIC), 10_000);
        int records = 0;
        for (Map.Entry<String, List<byte[]>> topic : otlpRequests.entrySet()) {
            dev.vigil.schema.otlp.OtlpSignal signal = switch (topic.getKey()) {
                case "otlp-logs" -> dev.vigil.schema.otlp.OtlpSignal.LOGS;
                case "otlp-spans" -> dev.vigil.schema.otlp.OtlpSignal.TRACES;
                default -> dev.vigil.schema.otlp.OtlpSignal.METRICS;
            };
            dev.vigil.schema.otlp.OtlpEncoding encoding = topic.getKey().equals("otlp-spans")
                    ? dev.vigil.schema.otlp.OtlpEncoding.JSON
                    : dev.vigil.schema.otlp.OtlpEncoding.PROTO;
            for (byte[] request : topic.getValue()) {
                records += events.map(
                        reader.read(request, signal, encoding), new dev.vigil.schema.otlp.OtlpEvents.Records() {
                            @Override
                            public void event(dev.vigil.schema.parse.ContractTokens contract, int record) {
                                ParseOutcome o = parser.parse(contract, () -> "d-" + record, Long.MIN_VALUE);
                                assertThat(o.isValid()).as(o.toString()).isTrue();
                                assertThat(o.event().service).isEqualTo("inventory");
                                assertThat(o.event().correlationId).isNotEqualTo(o.event().traceId);
                                mapped.merge(o.event().type, 1, Integer::sum);
                                if (o.event().metric != null)
                                    metrics.merge(o.event().metric.name + " " + o.event().metric.kind, 1, Integer::sum);
                                if (o.event().metric != null && o.event().metric.bucketCounts != null) {
                                    long n = java.util.Arrays.stream(o.event().metric.bucketCounts)
                                            .sum();
                                    assertThat(n)
                                            .as("a route without requests sends no point")
                                            .isPositive();
                                    durations[0] += n;
                                    // the request durations' own bounds (seconds), not the SDK's default ones for ms
                                    assertThat(o.event().metric.bucketBounds).startsWith(0.005, 0.01, 0.025);
                                    histogramOperations.add(o.event().metric.operation);
                                }
                                if (o.event().metric != null && "span.duration".equals(o.event().metric.name)) {
                                    spanOperations.add(o.event().metric.operation);
                                }
                            }

                            @Override
                            public void refused(DeadLetterReason reason, String detail, byte[] rendering) {
                                throw new AssertionError(detail);
                            }

                            @Override
                            public void routedElsewhere() {
                                throw new AssertionError("every type is wanted here");
                            }
                        });
            }
        }
        assertThat(records).isEqualTo((int) (stats.otlpLogRecords + stats.otlpSpans + stats.otlpMetricPoints));
        assertThat(stats.otlpSpans).isGreaterThan(100);
        // a span is a hop and a timer
        assertThat(mapped.get(EventType.AGENT_LOG) + mapped.get(EventType.ERROR))
                .isEqualTo((int) (stats.otlpLogRecords + stats.otlpSpans));
        assertThat(mapped.get(EventType.PERFORMANCE_METRIC))
                .isEqualTo((int) (stats.otlpSpans + stats.otlpMetricPoints));
        assertThat(stats.otlpRequests)
                .isEqualTo(otlpRequests.values().stream().mapToInt(List::size).sum());
        // a route's durations carry the operation of its requests' spans (method and route, as the span is named)
        assertThat(histogramOperations).isNotEmpty().isEqualTo(spanOperations);
        // each export's request durations: one delta histogram per route with requests since the one before
        assertThat(metrics.keySet())
                .containsExactly(
                        "http.server.request.duration HISTOGRAM",
                        "http.server.requests DELTA",
                        "process.cpu.utilization GAUGE",
                        "span.duration TIMER");
        // every request's duration, but those after the last export (every 10 s of event time)
        assertThat(durations[0]).isPositive().isLessThanOrEqualTo(stats.otlpSpans);
    }
}
