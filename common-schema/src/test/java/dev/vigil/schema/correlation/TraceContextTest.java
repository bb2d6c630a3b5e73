package dev.vigil.schema.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.Event;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    @Test
    void parsesAndFormatsTraceparent() {
        TraceContext tc = TraceContext.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(tc.traceId).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(tc.spanId).isEqualTo("b7ad6b7169203331");
        assertThat(tc.sampled).isTrue();
        assertThat(tc.toTraceparent()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void rejectsInvalidTraceparents() {
        assertThat(TraceContext.parse("ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .isNull();
        assertThat(TraceContext.parse("00-00000000000000000000000000000000-b7ad6b7169203331-01"))
                .isNull();
        assertThat(TraceContext.parse("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01"))
                .isNull();
        assertThat(TraceContext.parse("00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01"))
                .isNull();
        assertThat(TraceContext.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra"))
                .isNull();
        assertThat(TraceContext.parse("0af7651916cd43dd8448eb211c80319c")).isNull();
        // a future version may append fields
        assertThat(TraceContext.parse("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00-extra"))
                .isNotNull();
    }

    @Test
    void propagatesCorrelationAndAChildSpanDownstream() {
        Event upstream = new Event();
        upstream.correlationId = "req-1";
        upstream.traceId = "0af7651916cd43dd8448eb211c80319c";
        upstream.spanId = "b7ad6b7169203331";
        Map<String, String> headers = Correlation.outgoingHeaders(upstream);
        assertThat(headers.get("x-correlation-id")).isEqualTo("req-1");

        Event downstream = new Event();
        Correlation.fromIncomingHeaders(
                Map.of("X-Correlation-ID", headers.get("x-correlation-id"), "Traceparent", headers.get("traceparent")),
                downstream);
        assertThat(downstream.correlationId).isEqualTo("req-1");
        assertThat(downstream.traceId).isEqualTo(upstream.traceId);
        assertThat(downstream.spanId).isNotEqualTo(upstream.spanId).hasSize(16);
        assertThat(downstream.parentSpanId).isEqualTo(TraceContext.parse(headers.get("traceparent")).spanId);
    }

    @Test
    void assignsCorrelationFromTraceElseGenerates() {
        Event withTrace = new Event();
        withTrace.eventId = "e1";
        withTrace.traceId = "0af7651916cd43dd8448eb211c80319c";
        Correlation.assign(withTrace);
        assertThat(withTrace.correlationId).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(withTrace.correlationGenerated).isFalse();

        Event bare = new Event();
        bare.eventId = "e2";
        Correlation.assign(bare);
        assertThat(bare.correlationId).isEqualTo("gen-e2");
        assertThat(bare.correlationGenerated).isTrue();
    }
}
