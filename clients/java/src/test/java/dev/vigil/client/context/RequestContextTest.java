package dev.vigil.client.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A request's IDs: taken from valid headers or made, put in both MDCs, and the thread's previous ones restored. */
class RequestContextTest {
    private static final String INCOMING = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void validHeadersAreContinuedWithANewSpanOfTheSameTrace() {
        try (RequestContext.Scope ignored = RequestContext.fromHeaders("req-9", INCOMING)) {
            RequestContext c = RequestContext.current();
            assertThat(c.correlationId()).isEqualTo("req-9");
            assertThat(c.trace().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(c.trace().spanId()).isNotEqualTo("00f067aa0ba902b7").matches("[0-9a-f]{16}");
            assertThat(MDC.get(Mdc.CORRELATION_ID)).isEqualTo("req-9");
            assertThat(ThreadContext.get(Mdc.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(ThreadContext.get(Mdc.SPAN_ID)).isEqualTo(c.trace().spanId());
            RequestContext.OutgoingHeaders out = c.outgoing();
            assertThat(out.correlationId).isEqualTo("req-9");
            TraceParent child = TraceParent.parse(out.traceparent);
            assertThat(child.traceId()).isEqualTo(c.trace().traceId());
            assertThat(child.spanId()).isNotEqualTo(c.trace().spanId());
        }
        assertThat(RequestContext.current()).isNull();
        assertThat(MDC.get(Mdc.CORRELATION_ID)).isNull();
        assertThat(ThreadContext.get(Mdc.TRACE_ID)).isNull();
    }

    @Test
    void anSlf4jMdcThatIsLog4jsThreadContextIsNotWrittenTwice() {
        assertThat(Mdc.isLog4j("org.apache.logging.slf4j.Log4jMDCAdapter")).isTrue(); // log4j-slf4j2-impl
        assertThat(Mdc.isLog4j("ch.qos.logback.classic.util.LogbackMDCAdapter")).isFalse();
        assertThat(Mdc.isLog4j("org.slf4j.helpers.NOPMDCAdapter")).isFalse();
        assertThat(Mdc.isLog4j(null)).isFalse();
        // here SLF4J is bound to logback: two stores, both written (the test above reads each)
        assertThat(Mdc.isLog4j(MDC.getMDCAdapter().getClass().getName())).isFalse();
    }

    @Test
    void invalidHeadersStartANewRequestAndANewTrace() {
        String[] badCorrelation = {null, "", "has space", "x".repeat(129), "tab\there"};
        for (String bad : badCorrelation) {
            try (RequestContext.Scope ignored = RequestContext.fromHeaders(bad, "00-zz-01")) {
                RequestContext c = RequestContext.current();
                assertThat(UUID.fromString(c.correlationId()).version()).isEqualTo(4);
                assertThat(c.trace().traceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
                assertThat(TraceParent.isTraceId(c.trace().traceId())).isTrue();
            }
        }
    }

    @Test
    void aNestedScopeRestoresTheOuterRequest() {
        try (RequestContext.Scope outer = RequestContext.fromHeaders("outer", INCOMING)) {
            String outerSpan = RequestContext.current().trace().spanId();
            try (RequestContext.Scope inner = RequestContext.fromHeaders("inner", null)) {
                assertThat(MDC.get(Mdc.CORRELATION_ID)).isEqualTo("inner");
            }
            assertThat(RequestContext.current().correlationId()).isEqualTo("outer");
            assertThat(MDC.get(Mdc.CORRELATION_ID)).isEqualTo("outer");
            assertThat(MDC.get(Mdc.SPAN_ID)).isEqualTo(outerSpan);
        }
    }
}
