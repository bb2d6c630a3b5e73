package dev.vigil.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.client.context.RequestContext;
import dev.vigil.client.context.TraceParent;
import dev.vigil.schema.correlation.Correlation;
import dev.vigil.schema.correlation.TraceContext;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.JavaLibraries;
import dev.vigil.schema.event.MetricKind;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every kind of record the library writes is accepted by the pipeline's own parser, with the values it was given:
 * thousands of events over random text (every Unicode plane, control characters, NUL, unpaired surrogates, lines
 * longer than the library's cut), random metric values, deep stacks, and IDs valid or not.
 */
class ContractParityTest {
    private static final String[] LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};

    private final ClientSettings settings = ClientSettings.builder()
            .service("checkout")
            .environment("prod")
            .host("web-7")
            .instance("checkout-5d9f")
            .bootstrapServers("unused:9092")
            .build();
    private final ContractJson json = new ContractJson(settings);
    private final EventParser parser = new EventParser(new ParserLimits());
    private final Random random = new Random(20261201);

    @Test
    void logLinesOfAnyTextParseWithTheirValues() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            String message = RandomText.any(random, i % 100 == 0 ? 40_000 : 200);
            String logger = RandomText.any(random, 60);
            String level = LEVELS[i % LEVELS.length];
            TraceParent trace = TraceParent.newRoot();
            long t = System.currentTimeMillis() - random.nextInt(1_000_000);
            Event e = parse(new LogEntry(
                    t, level, logger, message, "worker-" + i, "req-" + i, trace.traceId(), trace.spanId()));
            assertThat(e.type).isEqualTo(EventType.AGENT_LOG);
            assertThat(e.timestamp).isEqualTo(t);
            assertThat(e.service).isEqualTo("checkout");
            assertThat(e.environment).isEqualTo("prod");
            assertThat(e.host).isEqualTo("web-7");
            assertThat(e.instance).isEqualTo("checkout-5d9f");
            assertThat(e.correlationId).isEqualTo("req-" + i);
            assertThat(e.traceId).isEqualTo(trace.traceId());
            assertThat(e.spanId).isEqualTo(trace.spanId());
            assertThat(e.agentLog.level).isEqualTo(level);
            assertThat(e.agentLog.message).isEqualTo(expectedText(message));
            assertThat(e.attributes.get("thread.name").text).isEqualTo("worker-" + i);
            assertThat(e.eventIdDerived).isFalse();
            assertThat(ids.add(e.eventId)).as("event IDs are unique").isTrue();
        }
    }

    @Test
    void idsTheContractWouldRefuseAreLeftOutNotSent() {
        Event e = parse(new LogEntry(
                System.currentTimeMillis(),
                "INFO",
                "a",
                "m",
                null,
                "has space",
                "4BF92F3577B34DA6A3CE929D0E0E4736",
                "0000000000000000"));
        assertThat(e.correlationId).isNotEqualTo("has space"); // the pipeline then derives its own
        assertThat(e.traceId).isNull();
        assertThat(e.spanId).isNull();
    }

    @Test
    void businessEventsMetricsAndErrorsParseWithTheirValues() {
        for (int i = 0; i < 1000; i++) {
            BusinessEvent b = new BusinessEvent(System.currentTimeMillis(), "purchase", "req-" + i, null, null);
            b.userId = "user-" + i;
            b.value = BigDecimal.valueOf(random.nextInt(1_000_000), 2);
            b.currency = "EUR";
            b.properties = new LinkedHashMap<>(Map.of("plan", "pro", "seats", i, "trial", i % 2 == 0));
            // dimensions of any text: the parser refuses control characters in them (found by the NestJS parity test)
            String referrer = RandomText.any(random, 40);
            b.properties.put("referrer", referrer);
            b.attribute("note", RandomText.any(random, 50));
            Event e = parse(b);
            assertThat(e.business.name).isEqualTo("purchase");
            assertThat(e.business.userId).isEqualTo("user-" + i);
            assertThat(e.business.value).isEqualTo(b.value.doubleValue());
            assertThat(e.business.currency).isEqualTo("EUR");
            assertThat(e.business.properties)
                    .containsEntry("plan", "pro")
                    .containsEntry("seats", String.valueOf(i))
                    .containsEntry("trial", String.valueOf(i % 2 == 0))
                    .containsEntry("referrer", dimension(referrer));

            double v = i % 3 == 0 ? random.nextGaussian() * 1e9 : random.nextDouble();
            MetricReading.Kind kind = MetricReading.Kind.values()[i % 3];
            String path = RandomText.any(random, 40);
            Event m = parse(new MetricReading(
                    System.currentTimeMillis(),
                    RandomText.any(random, 30) + "x",
                    kind,
                    Math.abs(v),
                    "ms",
                    "GET /cart",
                    Map.of("region", "eu-1", "path", path),
                    null,
                    null,
                    null));
            assertThat(m.metric.kind).isEqualTo(MetricKind.valueOf(kind.name()));
            assertThat(m.metric.value).isEqualTo(Math.abs(v));
            assertThat(m.metric.operation).isEqualTo("GET /cart");
            assertThat(m.metric.tags).containsEntry("region", "eu-1").containsEntry("path", dimension(path));
        }
    }

    @Test
    void errorsCarryTheirFramesInnermostFirst() {
        IllegalStateException thrown = recurse(600);
        ErrorReport r = new ErrorReport(
                System.currentTimeMillis(), thrown, "checkout failed", "checkout.Cart", "error", "req-1", null, null);
        r.httpStatus = 500;
        Event e = parse(r);
        assertThat(e.type).isEqualTo(EventType.ERROR);
        assertThat(e.error.errorType).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.error.message).isEqualTo("too deep: 0");
        assertThat(e.error.httpStatus).isEqualTo(500);
        assertThat(e.attributes.get("log.message").text).isEqualTo("checkout failed");
        // the parser keeps the first and last 128 of the frames sent
        assertThat(e.error.frames).hasSize(256);
        assertThat(e.error.framesOmitted).isEqualTo(thrown.getStackTrace().length - 256);
        assertThat(e.error.frames[0].module).isEqualTo(ContractParityTest.class.getName());
        assertThat(e.error.frames[0].function).isEqualTo("recurse");
        assertThat(e.error.frames[0].inApp).isTrue();
        StackTraceElement outermost = thrown.getStackTrace()[thrown.getStackTrace().length - 1];
        assertThat(e.error.frames[255].module).isEqualTo(outermost.getClassName());
        assertThat(e.error.frames[255].inApp).isFalse(); // Surefire's booter, org.apache.*
    }

    @Test
    void libraryFramesAreThoseThePipelineTakesForLibrariesInOtlpInput() {
        assertThat(ErrorReport.LIBRARY_PREFIXES).containsExactlyElementsOf(JavaLibraries.PACKAGES);
    }

    @Test
    void aLogCallWithAThrowableIsAnError() {
        ContractEvent c = LogEvents.of(
                System.currentTimeMillis(),
                "WARN",
                "checkout.Cart",
                "retrying",
                "main",
                new RuntimeException(),
                null,
                null,
                null);
        Event e = parse(c);
        assertThat(e.type).isEqualTo(EventType.ERROR);
        assertThat(e.error.message).isEqualTo("retrying"); // the exception has none
        assertThat(e.error.severity).isEqualTo("warning");
        assertThat(e.attributes.get("log.logger").text).isEqualTo("checkout.Cart");
    }

    @Test
    void traceparentsAreReadAsThePipelineReadsThem() {
        String good = TraceParent.newRoot().header();
        String[] headers = {
            good,
            good.toUpperCase(),
            " " + good,
            good.substring(0, 54),
            good + "-extra",
            "01" + good.substring(2) + "-extra",
            "ff" + good.substring(2),
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
            "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "",
        };
        for (String h : headers) {
            TraceParent ours = TraceParent.parse(h); // it trims, as HTTP allows spaces around a header value
            TraceContext theirs = TraceContext.parse(h.trim());
            assertThat(ours == null).as(h).isEqualTo(theirs == null);
            if (ours != null) {
                assertThat(ours.traceId()).isEqualTo(theirs.traceId);
                assertThat(ours.spanId()).isEqualTo(theirs.spanId);
                assertThat(ours.sampled()).isEqualTo(theirs.sampled);
            }
        }
        assertThat(RequestContext.CORRELATION_HEADER).isEqualTo(Correlation.HEADER_CORRELATION_ID);
    }

    @Test
    void anEventWhoseWritingFailsPartWayLeavesTheNextOneWhole() {
        ContractEvent failing = new ContractEvent(System.currentTimeMillis(), "req-1", null, null) {
            @Override
            String type() {
                return "agent_log";
            }

            @Override
            void writePayload(com.fasterxml.jackson.core.JsonGenerator g, ContractJson json)
                    throws java.io.IOException {
                g.writeStringField("level", "INFO");
                throw new IllegalStateException("a payload that cannot be written");
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> json.write(failing))
                .isInstanceOf(IllegalStateException.class);
        long t = System.currentTimeMillis();
        Event e = parse(new LogEntry(t, "WARN", "a.B", "after the failure", null, "req-2", null, null));
        assertThat(e.correlationId).isEqualTo("req-2");
        assertThat(e.agentLog.message).isEqualTo("after the failure");
        assertThat(e.timestamp).isEqualTo(t);
    }

    private Event parse(ContractEvent c) {
        byte[] bytes = json.write(c);
        ParseOutcome o = parser.parse(bytes);
        assertThat(o.isValid())
                .as(() -> o.reason() + ": " + o.detail() + " in "
                        + new String(bytes, StandardCharsets.UTF_8).substring(0, Math.min(300, bytes.length)))
                .isTrue();
        return o.event();
    }

    /** What the parser stores of a property or tag value: a label, the empty string staying empty. */
    private static String dimension(String s) {
        String label = Text.label(s);
        return label == null ? "" : label;
    }

    /** What the parser stores of a message the library was given: cut, surrogates repaired, NUL replaced. */
    private static String expectedText(String s) {
        return Text.text(s).replace('\u0000', '\uFFFD');
    }

    private static IllegalStateException recurse(int depth) {
        if (depth == 0) return new IllegalStateException("too deep: 0");
        return recurse(depth - 1);
    }
}
