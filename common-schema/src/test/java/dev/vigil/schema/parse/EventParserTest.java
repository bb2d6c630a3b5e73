package dev.vigil.schema.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.Attribute;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.MetricKind;
import dev.vigil.schema.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventParserTest {
    private static final long NOW = Timestamps.parseRfc3339("2026-11-28T10:00:00Z");
    private final EventParser parser = new EventParser(new ParserLimits(), () -> NOW);

    private ParseOutcome parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private Event valid(String json) {
        ParseOutcome o = parse(json);
        assertThat(o.isValid()).as("%s", o).isTrue();
        return o.event();
    }

    private void rejected(String json, DeadLetterReason reason, String detailContains) {
        ParseOutcome o = parse(json);
        assertThat(o.isValid()).isFalse();
        assertThat(o.reason()).as(o.detail()).isEqualTo(reason);
        assertThat(o.detail()).contains(detailContains);
    }

    /**
     * One parser reuses its buffers from message to message (its own recycler pool): a long message, a broken one, a
     * short one, one read twice (its type after a payload field) and the long one again read exactly as each does with
     * a parser of its own.
     */
    @Test
    void buffersReusedAcrossMessagesCarryNothingOver() {
        String longText = "x".repeat(70_000) + " done";
        String[] messages = {
            "{\"event_id\":\"e1\",\"type\":\"agent_log\",\"timestamp\":\"2026-11-28T09:59:00Z\",\"service\":\"a\","
                    + "\"level\":\"info\",\"message\":\"" + longText + "\",\"region\":\"" + "y".repeat(5_000) + "\"}",
            "{\"event_id\":\"e2\",\"type\":\"agent_log\",\"service\":\"a\",\"message\":\"cut off",
            "{\"event_id\":\"e3\",\"type\":\"agent_log\",\"timestamp\":\"2026-11-28T09:59:01Z\",\"service\":\"b\","
                    + "\"level\":\"warn\",\"message\":\"short\"}",
            // a payload field before the type: read twice, the second time knowing the type
            "{\"message\":\"" + "z".repeat(9_000) + "\",\"event_id\":\"e4\",\"type\":\"agent_log\","
                    + "\"timestamp\":\"2026-11-28T09:59:02Z\",\"service\":\"c\",\"level\":\"info\"}",
        };
        String[] sequence = {messages[0], messages[1], messages[2], messages[3], messages[0], messages[3], messages[2]};
        for (String m : sequence) {
            ParseOutcome reused = parse(m);
            ParseOutcome fresh =
                    new EventParser(new ParserLimits(), () -> NOW).parse(m.getBytes(StandardCharsets.UTF_8));
            assertThat(reused.isValid()).isEqualTo(fresh.isValid());
            if (fresh.isValid()) {
                assertThat(new String(EventJson.toBytes(reused.event()), StandardCharsets.UTF_8))
                        .isEqualTo(new String(EventJson.toBytes(fresh.event()), StandardCharsets.UTF_8));
            } else {
                assertThat(reused.reason()).isEqualTo(fresh.reason());
                assertThat(reused.detail()).isEqualTo(fresh.detail());
            }
        }
        assertThat(parse(messages[0]).event().agentLog.message).isEqualTo(longText);
        assertThat(parse(messages[2]).event().agentLog.message).isEqualTo("short");
        assertThat(parse(messages[1]).reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        assertThat(parse(messages[3]).event().agentLog.message).isEqualTo("z".repeat(9_000));
    }

    @Test
    void readsTheEnvelopeAndAnAgentStep() {
        Event e = valid("""
                {"event_id":"e1","type":"agent_log","timestamp":"2026-11-28T09:59:00.250+01:00","service":"support-agent",
                 "environment":"prod","host":"h1","instance":"i1","correlation_id":"c1",
                 "trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","parent_span_id":"1111111111111111",
                 "level":"info","logger":"agent","message":"called tool","agent_id":"a1","session_id":"s1","step":3,
                 "tool":"search","model":"m1","tokens_in":10,"tokens_out":20,"cost":0.5,"duration_ms":12.5,"outcome":"success"}""");
        assertThat(e.eventId).isEqualTo("e1");
        assertThat(e.eventIdDerived).isFalse();
        assertThat(e.type).isEqualTo(EventType.AGENT_LOG);
        assertThat(e.timestamp).isEqualTo(Timestamps.parseRfc3339("2026-11-28T08:59:00.250Z"));
        assertThat(e.service).isEqualTo("support-agent");
        assertThat(e.correlationId).isEqualTo("c1");
        assertThat(e.correlationGenerated).isFalse();
        assertThat(e.parentSpanId).isEqualTo("1111111111111111");
        assertThat(e.agentLog.level).isEqualTo("INFO");
        assertThat(e.agentLog.step).isEqualTo(3L);
        assertThat(e.agentLog.tokensIn).isEqualTo(10L);
        assertThat(e.agentLog.tokensOut).isEqualTo(20L);
        assertThat(e.agentLog.cost).isEqualTo(0.5);
        assertThat(e.agentLog.durationMs).isEqualTo(12.5);
        assertThat(e.agentLog.outcome).isEqualTo("success");
        assertThat(e.attributes).isNull();
        assertThat(e.business).isNull();
        assertThat(e.metric).isNull();
        assertThat(e.error).isNull();
    }

    @Test
    void derivesTheSameEventIdFromTheSameBytes() {
        String json =
                "{\"type\":\"agent_log\",\"timestamp\":1795859930123,\"service\":\"s\",\"level\":\"warn\",\"message\":\"m\"}";
        Event a = valid(json);
        Event b = valid(json);
        Event c = valid(json.replace("\"m\"", "\"n\""));
        assertThat(a.eventId).startsWith("d-").hasSize(34).isEqualTo(b.eventId);
        assertThat(a.eventIdDerived).isTrue();
        assertThat(c.eventId).isNotEqualTo(a.eventId);
        // no correlation or trace ID: one is generated from the event ID, so a replay gets the same one
        assertThat(a.correlationId).isEqualTo("gen-" + a.eventId);
        assertThat(a.correlationGenerated).isTrue();
    }

    @Test
    void takesTheCorrelationIdFromTheTraceAndTheTraceFromTraceparent() {
        Event e = valid("""
                {"type":"agent_log","timestamp":1795859930123,"service":"s","level":"info","message":"m",
                 "traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}""");
        assertThat(e.traceId).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(e.spanId).isEqualTo("b7ad6b7169203331");
        assertThat(e.correlationId).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(e.correlationGenerated).isFalse();
    }

    @Test
    void keepsUnknownFieldsAsFlattenedAttributesEvenWhenTheTypeComesLast() {
        Event e = valid("""
                {"message":"m","level":"error","service":"s","timestamp":"2026-11-28T09:00:00Z","region":"eu",
                 "retry":{"count":2,"codes":[502,503]},"attributes":{"http":{"method":"GET","status":200},"flag":true,"nothing":null},
                 "name":"belongs-to-business-events","type":"agent_log"}""");
        assertThat(e.agentLog.level).isEqualTo("ERROR");
        assertThat(e.attributes)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "region",
                        Attribute.string("eu"),
                        "retry.count",
                        Attribute.number("2"),
                        "retry.codes.0",
                        Attribute.number("502"),
                        "retry.codes.1",
                        Attribute.number("503"),
                        "http.method",
                        Attribute.string("GET"),
                        "http.status",
                        Attribute.number("200"),
                        "flag",
                        Attribute.bool(true),
                        "nothing",
                        Attribute.of(Attribute.Kind.NULL),
                        "name",
                        Attribute.string("belongs-to-business-events")));
    }

    @Test
    void aHistogramHoldsAtMost256Buckets() {
        String head =
                "{\"type\":\"performance_metric\",\"timestamp\":1795859930123,\"service\":\"s\",\"name\":\"h\",\"kind\":\"histogram\",\"buckets\":[";
        java.util.function.IntFunction<String> buckets = n -> java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> "{\"le\":" + (i + 1) + ",\"count\":1}")
                .collect(java.util.stream.Collectors.joining(","));
        assertThat(valid(head + buckets.apply(256) + "]}").metric.bucketBounds).hasSize(256);
        rejected(head + buckets.apply(257) + "]}", DeadLetterReason.INVALID_VALUE, "at most 256");
    }

    @Test
    void attributesKeepTheirJsonTypesNumbersAsSentAndEmptyValues() {
        Event e = valid("""
                {"type":"agent_log","timestamp":1795859930123,"service":"s","level":"info","message":"m",
                 "attributes":{"big":12345678901234567890123,"price":2.50,"exp":-1.5e-7,"text":"200","off":false,
                               "none":null,"obj":{},"arr":[],"deep":{"list":[{},[]]}}}""");
        assertThat(e.attributes)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "big",
                        Attribute.number("12345678901234567890123"),
                        "price",
                        Attribute.number("2.50"),
                        "exp",
                        Attribute.number("-1.5e-7"),
                        "text",
                        Attribute.string("200"),
                        "off",
                        Attribute.bool(false),
                        "none",
                        Attribute.of(Attribute.Kind.NULL),
                        "obj",
                        Attribute.of(Attribute.Kind.EMPTY_OBJECT),
                        "arr",
                        Attribute.of(Attribute.Kind.EMPTY_ARRAY),
                        "deep.list.0",
                        Attribute.of(Attribute.Kind.EMPTY_OBJECT),
                        "deep.list.1",
                        Attribute.of(Attribute.Kind.EMPTY_ARRAY)));
        assertThat(e.attributes.get("big").finiteNumber()).isEqualTo(1.2345678901234568E22);
        assertThat(e.attributes.get("text").finiteNumber()).isNaN();
        // written back and read again, every type survives
        assertThat(valid(new String(EventJson.toBytes(e), StandardCharsets.UTF_8)).attributes)
                .isEqualTo(e.attributes);
        // empty values count against the attribute limit like any other
        rejected(
                "{\"type\":\"agent_log\",\"timestamp\":1795859930123,\"service\":\"s\",\"level\":\"info\",\"message\":\"m\",\"attributes\":{"
                        + java.util.stream.IntStream.range(0, 129)
                                .mapToObj(i -> "\"k" + i + "\":{}")
                                .collect(java.util.stream.Collectors.joining(","))
                        + "}}",
                DeadLetterReason.TOO_MANY_ATTRIBUTES,
                "more than 128");
    }

    @Test
    void readsMetricsBusinessEventsAndErrors() {
        Event h = valid("""
                {"type":"performance_metric","timestamp":1795859930123,"service":"s","name":"lat","kind":"histogram",
                 "buckets":[{"le":10,"count":4},{"le":100,"count":2},{"le":"+Inf","count":1}],
                 "tags":{"region":"eu","shard":3},"resource":{"cpu_percent":50.5,"queue_depth":7}}""");
        assertThat(h.metric.kind).isEqualTo(MetricKind.HISTOGRAM);
        assertThat(h.metric.bucketBounds).containsExactly(10, 100, Double.POSITIVE_INFINITY);
        assertThat(h.metric.bucketCounts).containsExactly(4, 2, 1);
        assertThat(h.metric.tags).containsExactlyInAnyOrderEntriesOf(Map.of("region", "eu", "shard", "3"));
        assertThat(h.metric.resource.cpuPercent).isEqualTo(50.5);
        assertThat(h.metric.resource.queueDepth).isEqualTo(7.0);
        assertThat(h.metric.resource.memoryBytes).isNull();

        Event b = valid("""
                {"type":"business_event","timestamp":1795859930123,"service":"s","name":"purchase","user_id":"u1",
                 "value":19.99,"currency":"EUR","properties":{"country":"DE","first":true}}""");
        assertThat(b.business.name).isEqualTo("purchase");
        assertThat(b.business.value).isEqualTo(19.99);
        assertThat(b.business.properties).containsExactlyInAnyOrderEntriesOf(Map.of("country", "DE", "first", "true"));

        Event r = valid("""
                {"type":"error","timestamp":1795859930123,"service":"s","error_type":"E","message":"boom","handled":true,
                 "http_status":503,"user_id":"u1","frames":[{"module":"m","function":"f","file":"F.java","line":7,"in_app":true},{"function":"g"}]}""");
        assertThat(r.error.frames).hasSize(2);
        assertThat(r.error.frames[0].line).isEqualTo(7);
        assertThat(r.error.frames[0].inApp).isTrue();
        assertThat(r.error.frames[1].inApp).isFalse();
        assertThat(r.error.httpStatus).isEqualTo(503);
        assertThat(r.error.handled).isTrue();
    }

    @Test
    void rejectsWhatTheLimitsForbid() {
        ParserLimits small = new ParserLimits();
        small.maxBytes = 200;
        small.maxDepth = 4;
        small.maxAttributes = 3;
        EventParser strict = new EventParser(small, () -> NOW);
        String head =
                "{\"type\":\"agent_log\",\"timestamp\":1795859930123,\"service\":\"s\",\"level\":\"info\",\"message\":\"m\",";
        assertThat(strict.parse((head + "\"attributes\":{\"x\":\"" + "a".repeat(200) + "\"}}")
                                .getBytes(StandardCharsets.UTF_8))
                        .reason())
                .isEqualTo(DeadLetterReason.OVERSIZE);
        assertThat(strict.parse((head + "\"attributes\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}}")
                                .getBytes(StandardCharsets.UTF_8))
                        .reason())
                .isEqualTo(DeadLetterReason.TOO_DEEP);
        assertThat(strict.parse((head + "\"a\":1,\"b\":2,\"c\":3,\"d\":4}").getBytes(StandardCharsets.UTF_8))
                        .reason())
                .isEqualTo(DeadLetterReason.TOO_MANY_ATTRIBUTES);
        assertThat(strict.parse((head + "\"a\":1,\"b\":2,\"c\":3}").getBytes(StandardCharsets.UTF_8))
                        .isValid())
                .isTrue();
    }

    @Test
    void rejectsEventTimesOutsideTheWindowAroundNow() {
        rejected(
                "{\"type\":\"agent_log\",\"timestamp\":\"2026-10-01T00:00:00Z\",\"service\":\"s\",\"level\":\"info\",\"message\":\"m\"}",
                DeadLetterReason.TIMESTAMP_OUT_OF_RANGE,
                "older");
        rejected(
                "{\"type\":\"agent_log\",\"timestamp\":\"2026-11-28T10:00:31Z\",\"service\":\"s\",\"level\":\"info\",\"message\":\"m\"}",
                DeadLetterReason.FUTURE_TIMESTAMP,
                "31000 ms ahead of now; parser.max-future allows 30000 ms");
        valid(
                "{\"type\":\"agent_log\",\"timestamp\":\"2026-11-28T10:00:30Z\",\"service\":\"s\",\"level\":\"info\",\"message\":\"m\"}");
    }

    @Test
    void eventTimeMayRunAheadOfTheBrokersRecordTimeOnlyByTheSkew() {
        long recordTime = NOW - 3_600_000; // a replay: the broker stamped it an hour ago
        byte[] tenSecondsAfter = log(recordTime + 10_000);
        byte[] aMinuteAfter = log(recordTime + 60_000);
        assertThat(parser.parse(tenSecondsAfter, recordTime).isValid()).isTrue();
        ParseOutcome ahead = parser.parse(aMinuteAfter, recordTime);
        assertThat(ahead.reason()).isEqualTo(DeadLetterReason.FUTURE_TIMESTAMP);
        assertThat(ahead.detail())
                .isEqualTo(
                        "timestamp is 60000 ms ahead of the record's broker time; parser.max-future allows 30000 ms");
        // a record stamped in the future by its producer (CreateTime) is bounded by now instead
        ParseOutcome forged = parser.parse(log(NOW + 600_000), NOW + 3_600_000);
        assertThat(forged.reason()).isEqualTo(DeadLetterReason.FUTURE_TIMESTAMP);
        assertThat(forged.detail()).contains("ahead of now");
        assertThat(parser.parse(log(NOW + 20_000), NOW + 3_600_000).isValid()).isTrue();
    }

    private static byte[] log(long timestamp) {
        return ("{\"type\":\"agent_log\",\"timestamp\":" + timestamp
                        + ",\"service\":\"s\",\"level\":\"info\",\"message\":\"m\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void neverThrowsAndNeverEchoesInputInTheDetail() {
        rejected("", DeadLetterReason.MALFORMED_JSON, "empty");
        rejected(
                "{\"type\":\"agent_log\", \"service\": \"s\" \"secret@example.com\"}",
                DeadLetterReason.MALFORMED_JSON,
                "byte");
        ParseOutcome o = parse(
                "{\"type\":\"agent_log\",\"timestamp\":1795859930123,\"service\":\"s\",\"level\":\"info\",\"message\":\"m\"} trailing");
        assertThat(o.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        ParseOutcome leaky = parse(
                "{\"type\":\"agent_log\",\"timestamp\":1795859930123,\"service\":\"s\",\"level\":\"info\",\"message\":\"m\", john.doe@example.com}");
        assertThat(leaky.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        assertThat(leaky.detail()).doesNotContain("john");
        rejected(
                "{\"type\":\"agent_log\",\"timestamp\":1795859930123,\"service\":\"s\",\"level\":\"info\",\"message\":\"m\",\"tokens_in\":99999999999999999999999}",
                DeadLetterReason.INVALID_VALUE,
                "tokens_in");
        rejected(
                "{\"type\":\"business_event\",\"timestamp\":1795859930123,\"service\":\"s\",\"name\":\"n\",\"value\":1e999}",
                DeadLetterReason.INVALID_VALUE,
                "finite");
        rejected(
                "{\"type\":\"performance_metric\",\"timestamp\":1795859930123,\"service\":\"s\",\"name\":\"n\",\"kind\":\"histogram\","
                        + "\"buckets\":[{\"le\":10,\"count\":1},{\"le\":5,\"count\":1}]}",
                DeadLetterReason.INVALID_VALUE,
                "ascending");
    }

    /**
     * A key given twice in any object whose members Vigil keeps is rejected, whatever the two values
     * (found by a bit per contract field and a scan of each object's own members, not Jackson's set per
     * object); members Vigil skips unread (an unknown one in a stack frame) are not checked.
     */
    @Test
    void aKeyGivenTwiceInAnyObjectVigilKeepsIsRejected() {
        String log =
                "{\"type\":\"agent_log\",\"timestamp\":1795859930123,\"service\":\"s\",\"level\":\"info\",\"message\":\"m\",";
        rejected(
                log + "\"attributes\":{\"http\":1,\"http\":{\"status\":2}}}",
                DeadLetterReason.DUPLICATE_FIELD,
                "twice");
        rejected(log + "\"attributes\":{\"x\":{\"k\":null,\"k\":[]}}}", DeadLetterReason.DUPLICATE_FIELD, "twice");
        rejected(log + "\"region\":\"eu\",\"region\":{\"zone\":\"a\"}}", DeadLetterReason.DUPLICATE_FIELD, "twice");
        rejected(log + "\"level\":\"warn\"}", DeadLetterReason.DUPLICATE_FIELD, "level appears twice");
        assertThat(valid(log + "\"attributes\":{\"a\":1,\"a.x\":2,\"b\":{\"a\":1}}}").attributes)
                .containsOnlyKeys("a", "a.x", "b.a");

        String metric =
                "{\"type\":\"performance_metric\",\"timestamp\":1795859930123,\"service\":\"s\",\"name\":\"n\",";
        rejected(
                metric + "\"kind\":\"gauge\",\"value\":1,\"tags\":{\"k\":null,\"k\":\"v\"}}",
                DeadLetterReason.DUPLICATE_FIELD,
                "tags has a key twice");
        rejected(
                metric + "\"kind\":\"gauge\",\"value\":1,\"resource\":{\"cpu_percent\":1,\"cpu_percent\":2}}",
                DeadLetterReason.DUPLICATE_FIELD,
                "resource.cpu_percent appears twice");
        rejected(
                metric + "\"kind\":\"histogram\",\"buckets\":[{\"le\":1,\"le\":2,\"count\":1}]}",
                DeadLetterReason.DUPLICATE_FIELD,
                "buckets[].le appears twice");
        assertThat(valid(metric + "\"kind\":\"gauge\",\"value\":1,\"tags\":{\"k\":null,\"j\":\"v\"}}").metric.tags)
                .containsOnlyKeys("j");

        String error =
                "{\"type\":\"error\",\"timestamp\":1795859930123,\"service\":\"s\",\"error_type\":\"E\",\"message\":\"m\",";
        rejected(
                error + "\"frames\":[{\"line\":1,\"line\":2}]}",
                DeadLetterReason.DUPLICATE_FIELD,
                "frames[].line appears twice");
        assertThat(valid(error + "\"frames\":[{\"line\":1,\"column\":2,\"column\":3}]}").error.frames)
                .hasSize(1);
    }

    @Test
    void duplicateKeysAndUnpairedSurrogatesAreRejected() {
        String head = "{\"type\":\"agent_log\",\"timestamp\":1795859930123,\"level\":\"info\",";
        rejected(
                head + "\"service\":\"a\",\"service\":\"payments\",\"message\":\"m\"}",
                DeadLetterReason.DUPLICATE_FIELD,
                "service appears twice");
        rejected(
                head + "\"service\":\"a\",\"message\":\"m\",\"attributes\":{\"a\":{\"b\":1},\"a.b\":2}}",
                DeadLetterReason.DUPLICATE_FIELD,
                "same key");
        rejected(
                head + "\"service\":\"a\",\"message\":\"x\\ud800y\"}",
                DeadLetterReason.INVALID_UTF8,
                "message holds an unpaired surrogate");
        rejected(
                head + "\"service\":\"a\",\"message\":\"m\",\"attributes\":{\"k\":\"\\udc00\"}}",
                DeadLetterReason.INVALID_UTF8,
                "unpaired");
        assertThat(valid(head + "\"service\":\"a\",\"message\":\"ok \\ud83d\\ude00\"}").agentLog.message)
                .isEqualTo("ok \ud83d\ude00");
    }

    @Test
    void controlCharactersAreRejectedInLabelsAndNulNeverSurvivesInText() {
        String t = "\"timestamp\":1795859930123,\"service\":\"a\",";
        String metric = "{\"type\":\"performance_metric\"," + t + "\"kind\":\"gauge\",\"value\":1,";
        rejected(
                metric + "\"name\":\"cpu\\u0000\"}",
                DeadLetterReason.INVALID_VALUE,
                "name must not contain control characters");
        rejected(
                metric + "\"name\":\"cpu\",\"unit\":\"\\u0001ms\"}",
                DeadLetterReason.INVALID_VALUE,
                "unit must not contain control");
        rejected(
                metric + "\"name\":\"cpu\",\"tags\":{\"region\":\"eu\\u0001x\"}}",
                DeadLetterReason.INVALID_VALUE,
                "tags must not");
        rejected(
                metric + "\"name\":\"cpu\",\"tags\":{\"re\\u001fgion\":\"eu\"}}",
                DeadLetterReason.INVALID_VALUE,
                "tags must not");
        String business = "{\"type\":\"business_event\"," + t + "\"name\":\"signup\",";
        rejected(
                business + "\"properties\":{\"country\":\"DE\\u0001\"}}",
                DeadLetterReason.INVALID_VALUE,
                "properties must not");
        rejected(business + "\"feature\":\"f\\r\"}", DeadLetterReason.INVALID_VALUE, "feature must not");
        String log = "{\"type\":\"agent_log\"," + t + "\"level\":\"info\",";
        rejected(log + "\"message\":\"m\",\"model\":\"m\\u0000\"}", DeadLetterReason.INVALID_VALUE, "model must not");
        rejected(
                log + "\"message\":\"m\",\"attributes\":{\"k\\u0000\":\"v\"}}",
                DeadLetterReason.INVALID_VALUE,
                "attribute keys");
        rejected(
                "{\"type\":\"error\"," + t + "\"message\":\"m\",\"error_type\":\"E\\u0002\"}",
                DeadLetterReason.INVALID_VALUE,
                "error_type must not");

        // tab and newline are fine in labels; in free text a NUL becomes U+FFFD and everything else stays
        assertThat(valid(metric + "\"name\":\"cpu\\tuser\\n\"}").metric.name).isEqualTo("cpu\tuser\n");
        Event e = valid(log + "\"message\":\"a\\u0000b\\u0001c\",\"attributes\":{\"k\":\"\\u0000\"}}");
        assertThat(e.agentLog.message).isEqualTo("a\uFFFDb\u0001c");
        assertThat(e.attributes).containsEntry("k", Attribute.string("\uFFFD"));
        Event err = valid("{\"type\":\"error\"," + t + "\"error_type\":\"E\",\"message\":\"x\\u0000\","
                + "\"frames\":[{\"function\":\"f\\u0000\",\"file\":\"F.java\"}]}");
        assertThat(err.error.message).isEqualTo("x\uFFFD");
        assertThat(err.error.frames[0].function).isEqualTo("f\uFFFD");
    }

    @Test
    void onlyUtf8IsAcceptedAndAUtf8ByteOrderMarkIsDropped() {
        String json =
                "{\"type\":\"agent_log\",\"timestamp\":1795859930123,\"service\":\"s\",\"level\":\"info\",\"message\":\"m\"}";
        for (String charset : new String[] {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "UTF-16"}) {
            ParseOutcome o = parser.parse(json.getBytes(java.nio.charset.Charset.forName(charset)));
            assertThat(o.reason()).as(charset).isEqualTo(DeadLetterReason.INVALID_UTF8);
        }
        assertThat(parser.parse(json.getBytes(java.nio.charset.Charset.forName("UTF-16LE")))
                        .detail())
                .contains("UTF-16 or UTF-32");
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        ParseOutcome o = parser.parse(withBom);
        assertThat(o.isValid()).as("%s", o).isTrue();
        assertThat(o.event().agentLog.message).isEqualTo("m");
    }

    @Test
    void aDeepStackKeepsItsFirstAndLastFramesAndCountsTheRest() {
        StringBuilder json = new StringBuilder("{\"type\":\"error\",\"timestamp\":1795859930123,\"service\":\"s\","
                + "\"error_type\":\"java.lang.StackOverflowError\",\"message\":\"m\",\"frames\":[");
        for (int i = 0; i < 1024; i++) {
            if (i > 0) json.append(',');
            json.append("{\"module\":\"com.example.Recursion\",\"function\":\"f")
                    .append(i)
                    .append("\",\"file\":\"Recursion.java\",\"line\":")
                    .append(i)
                    .append(",\"in_app\":true}");
        }
        json.append("]}");
        assertThat(json.length()).as("a StackOverflowError's size").isGreaterThan(100_000);
        Event e = valid(json.toString());
        assertThat(e.error.frames).hasSize(256);
        assertThat(e.error.framesOmitted).isEqualTo(768);
        assertThat(e.error.frames[0].function).isEqualTo("f0");
        assertThat(e.error.frames[127].function).isEqualTo("f127");
        assertThat(e.error.frames[128].function).isEqualTo("f896");
        assertThat(e.error.frames[255].function).isEqualTo("f1023");

        Event shallow = valid(
                "{\"type\":\"error\",\"timestamp\":1795859930123,\"service\":\"s\",\"error_type\":\"E\",\"message\":\"m\","
                        + "\"frames\":[{\"function\":\"a\"},{\"function\":\"b\"}]}");
        assertThat(shallow.error.frames).extracting(f -> f.function).containsExactly("a", "b");
        assertThat(shallow.error.framesOmitted).isZero();
    }
}
