package dev.vigil.client.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.vigil.client.ClientSettings;
import dev.vigil.client.ContractEvent;
import dev.vigil.client.ContractJson;
import dev.vigil.client.LogEvents;
import dev.vigil.client.context.Mdc;
import java.util.Map;

/**
 * logback encoder writing each event as one line of Vigil's contract, for any appender (a file a shipper tails).
 * The {@link VigilAppender} publishes without it, writing JSON off the application thread.
 *
 * <pre>{@code <encoder class="dev.vigil.client.logback.VigilEncoder"><service>checkout</service></encoder>}</pre>
 */
public final class VigilEncoder extends EncoderBase<ILoggingEvent> {
    private String service;
    private String environment;
    private String instance;
    private ContractJson json;

    public void setService(String service) {
        this.service = service;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public void setInstance(String instance) {
        this.instance = instance;
    }

    @Override
    public void start() {
        json = new ContractJson(ClientSettings.builder()
                .service(service)
                .environment(environment)
                .instance(instance)
                .bootstrapServers("unused")
                .build());
        super.start();
    }

    /** The contract event of a logback event, IDs from its MDC. */
    static ContractEvent event(ILoggingEvent e) {
        Map<String, String> mdc = e.getMDCPropertyMap();
        IThrowableProxy proxy = e.getThrowableProxy();
        Throwable thrown = proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null;
        return LogEvents.of(
                e.getTimeStamp(),
                level(e.getLevel()),
                e.getLoggerName(),
                e.getFormattedMessage(),
                e.getThreadName(),
                thrown,
                mdc.get(Mdc.CORRELATION_ID),
                mdc.get(Mdc.TRACE_ID),
                mdc.get(Mdc.SPAN_ID));
    }

    static String level(Level level) {
        switch (level.toInt()) {
            case Level.ERROR_INT:
                return "ERROR";
            case Level.WARN_INT:
                return "WARN";
            case Level.INFO_INT:
                return "INFO";
            case Level.DEBUG_INT:
                return "DEBUG";
            default:
                return "TRACE";
        }
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public synchronized byte[] encode(ILoggingEvent event) {
        return json.writeLine(event(event));
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
