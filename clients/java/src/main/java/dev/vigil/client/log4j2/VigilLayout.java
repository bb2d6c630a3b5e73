package dev.vigil.client.log4j2;

import dev.vigil.client.ClientSettings;
import dev.vigil.client.ContractEvent;
import dev.vigil.client.ContractJson;
import dev.vigil.client.LogEvents;
import dev.vigil.client.context.Mdc;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractLayout;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.StringBuilderFormattable;

/**
 * log4j2 layout writing each event as one line of Vigil's contract ({@code agent_log}, or {@code error} with a
 * throwable), for any appender: a file a shipper tails, log4j's own Kafka appender. The {@link VigilAppender}
 * publishes without it (asynchronously, writing JSON off the application thread).
 *
 * <pre>{@code <VigilLayout service="checkout" environment="prod"/>}</pre>
 */
@Plugin(name = "VigilLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE, printObject = true)
public final class VigilLayout extends AbstractLayout<byte[]> {
    private static final int MAX_KEPT_BUILDER = 8192;
    private static final ThreadLocal<StringBuilder> TEXT = ThreadLocal.withInitial(() -> new StringBuilder(256));
    private final ContractJson json;

    private VigilLayout(ClientSettings settings) {
        super(null, null, null);
        this.json = new ContractJson(settings);
    }

    @PluginFactory
    public static VigilLayout create(
            @PluginAttribute("service") String service,
            @PluginAttribute("environment") String environment,
            @PluginAttribute("instance") String instance) {
        // no Kafka here: the settings only name the service
        return new VigilLayout(ClientSettings.builder()
                .service(service)
                .environment(environment)
                .instance(instance)
                .bootstrapServers("unused")
                .build());
    }

    /** The contract event of a log4j2 event, IDs from its context data. */
    static ContractEvent event(LogEvent e) {
        ReadOnlyStringMap mdc = e.getContextData();
        return LogEvents.of(
                e.getTimeMillis(),
                level(e.getLevel()),
                e.getLoggerName(),
                text(e.getMessage()),
                e.getThreadName(),
                e.getThrown(),
                mdc.getValue(Mdc.CORRELATION_ID),
                mdc.getValue(Mdc.TRACE_ID),
                mdc.getValue(Mdc.SPAN_ID));
    }

    /**
     * The message's text, formatted into this thread's reused builder where the message can (log4j2's own
     * messages can): one String per call instead of a growing builder and its copies.
     */
    static String text(Message message) {
        if (message == null) return null;
        if (!(message instanceof StringBuilderFormattable)) return message.getFormattedMessage();
        StringBuilder b = TEXT.get();
        b.setLength(0);
        ((StringBuilderFormattable) message).formatTo(b);
        String text = b.toString();
        if (b.capacity() > MAX_KEPT_BUILDER) TEXT.remove(); // one huge message does not pin its buffer
        return text;
    }

    /** log4j2's levels, custom ones by their nearest standard level. */
    static String level(Level level) {
        int l = level.intLevel(); // FATAL 100, ERROR 200, WARN 300, INFO 400, DEBUG 500, TRACE 600
        if (l <= Level.FATAL.intLevel()) return "FATAL";
        if (l <= Level.ERROR.intLevel()) return "ERROR";
        if (l <= Level.WARN.intLevel()) return "WARN";
        if (l <= Level.INFO.intLevel()) return "INFO";
        if (l <= Level.DEBUG.intLevel()) return "DEBUG";
        return "TRACE";
    }

    @Override
    public synchronized byte[] toByteArray(LogEvent event) {
        return json.writeLine(event(event));
    }

    @Override
    public byte[] toSerializable(LogEvent event) {
        return toByteArray(event);
    }

    @Override
    public String getContentType() {
        return "application/x-ndjson";
    }

    @Override
    public Map<String, String> getContentFormat() {
        return Map.of();
    }
}
