package dev.vigil.client.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** logback events, with their MDC, through the encoder and the pipeline's parser. */
class VigilEncoderTest {
    private final LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    private final Logger logger = context.getLogger("checkout.api.CartController");
    private final VigilEncoder encoder = new VigilEncoder();
    private final EventParser parser = new EventParser(new ParserLimits());

    VigilEncoderTest() {
        encoder.setContext(context);
        encoder.setService("checkout");
        encoder.setEnvironment("prod");
        encoder.start();
    }

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void aLogLineKeepsItsLevelMessageAndIdsFromTheMdc() {
        MDC.put("correlation_id", "req-7");
        MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        MDC.put("span_id", "00f067aa0ba902b7");
        Event e = parse(new LoggingEvent(
                Logger.FQCN, logger, Level.INFO, "cart {} loaded in {} ms", null, new Object[] {"c-9", 42}));
        assertThat(e.type).isEqualTo(EventType.AGENT_LOG);
        assertThat(e.agentLog.level).isEqualTo("INFO");
        assertThat(e.agentLog.logger).isEqualTo("checkout.api.CartController");
        assertThat(e.agentLog.message).isEqualTo("cart c-9 loaded in 42 ms");
        assertThat(e.correlationId).isEqualTo("req-7");
        assertThat(e.traceId).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(e.spanId).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void aThrowableMakesAnErrorWithFrames() {
        Event e = parse(new LoggingEvent(
                Logger.FQCN, logger, Level.WARN, "retrying payment", new IllegalStateException("declined"), null));
        assertThat(e.type).isEqualTo(EventType.ERROR);
        assertThat(e.error.errorType).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.error.message).isEqualTo("declined");
        assertThat(e.error.severity).isEqualTo("warning");
        assertThat(e.error.frames[0].module).isEqualTo(VigilEncoderTest.class.getName());
        assertThat(e.attributes.get("log.message").text).isEqualTo("retrying payment");
    }

    private Event parse(LoggingEvent event) {
        byte[] line = encoder.encode(event);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        ParseOutcome o = parser.parse(Arrays.copyOf(line, line.length - 1));
        assertThat(o.isValid()).as(() -> o.reason() + ": " + o.detail()).isTrue();
        return o.event();
    }
}
