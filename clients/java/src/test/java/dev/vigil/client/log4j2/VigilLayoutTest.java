package dev.vigil.client.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import java.util.Arrays;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;

/** log4j2 events, with their MDC and levels, custom ones included, through the layout and the pipeline's parser. */
class VigilLayoutTest {
    private final VigilLayout layout = VigilLayout.create("checkout", "prod", null);
    private final EventParser parser = new EventParser(new ParserLimits());

    @Test
    void aLogLineKeepsItsLevelMessageAndIdsFromTheMdc() {
        SortedArrayStringMap mdc = new SortedArrayStringMap();
        mdc.putValue("correlation_id", "req-42");
        mdc.putValue("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        mdc.putValue("span_id", "00f067aa0ba902b7");
        Event e = parse(Log4jLogEvent.newBuilder()
                .setLoggerName("checkout.api.CartController")
                .setLevel(Level.WARN)
                .setMessage(new ParameterizedMessage("cart {} loaded in {} ms", "c-9", 42))
                .setThreadName("http-nio-8080-exec-3")
                .setTimeMillis(System.currentTimeMillis())
                .setContextData(mdc)
                .build());
        assertThat(e.type).isEqualTo(EventType.AGENT_LOG);
        assertThat(e.agentLog.level).isEqualTo("WARN");
        assertThat(e.agentLog.logger).isEqualTo("checkout.api.CartController");
        assertThat(e.agentLog.message).isEqualTo("cart c-9 loaded in 42 ms");
        assertThat(e.correlationId).isEqualTo("req-42");
        assertThat(e.traceId).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(e.spanId).isEqualTo("00f067aa0ba902b7");
        assertThat(e.attributes.get("thread.name").text).isEqualTo("http-nio-8080-exec-3");
    }

    @Test
    void customLevelsTakeTheNearestStandardOne() {
        assertThat(VigilLayout.level(Level.forName("NOTICE", 350))).isEqualTo("INFO");
        assertThat(VigilLayout.level(Level.forName("VERBOSE", 550))).isEqualTo("TRACE");
        assertThat(VigilLayout.level(Level.forName("CRITICAL", 150))).isEqualTo("ERROR");
        assertThat(VigilLayout.level(Level.OFF)).isEqualTo("FATAL");
        assertThat(VigilLayout.level(Level.ALL)).isEqualTo("TRACE");
    }

    @Test
    void aThrowableMakesAnErrorWithFrames() {
        Event e = parse(Log4jLogEvent.newBuilder()
                .setLoggerName("checkout.Payments")
                .setLevel(Level.ERROR)
                .setMessage(new ParameterizedMessage("payment failed"))
                .setThrown(new java.io.UncheckedIOException("gateway timed out", new java.io.IOException()))
                .setTimeMillis(System.currentTimeMillis())
                .build());
        assertThat(e.type).isEqualTo(EventType.ERROR);
        assertThat(e.error.errorType).isEqualTo("java.io.UncheckedIOException");
        assertThat(e.error.message).isEqualTo("gateway timed out");
        assertThat(e.error.severity).isEqualTo("error");
        assertThat(e.error.frames[0].module).isEqualTo(VigilLayoutTest.class.getName());
        assertThat(e.attributes.get("log.message").text).isEqualTo("payment failed");
        assertThat(e.attributes.get("exception.cause").text).isEqualTo("java.io.IOException");
    }

    private Event parse(LogEvent event) {
        byte[] line = layout.toByteArray(event);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        ParseOutcome o = parser.parse(Arrays.copyOf(line, line.length - 1));
        assertThat(o.isValid()).as(() -> o.reason() + ": " + o.detail()).isTrue();
        return o.event();
    }
}
