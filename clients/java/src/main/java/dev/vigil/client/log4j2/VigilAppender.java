package dev.vigil.client.log4j2;

import dev.vigil.client.ClientSettings;
import dev.vigil.client.Overflow;
import dev.vigil.client.Publisher;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.config.plugins.validation.constraints.Required;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * log4j2 appender publishing each event to Vigil's topics through a {@link Publisher}: the application thread
 * only queues a small object (the JSON is written on the publisher thread); when the queue is full the event is
 * dropped and counted. Its warnings go to log4j's status logger, never through itself.
 *
 * <pre>{@code
 * <Vigil name="vigil" service="checkout" environment="prod" bootstrapServers="kafka:9092"
 *        kafkaConfigFile="/etc/vigil/kafka.properties" overflow="DROP"/>
 * }</pre>
 *
 * Log lines go to {@code topic} (default {@code vigil.agent-logs}), lines with a throwable to {@code errorTopic}
 * (default {@code vigil.errors}).
 */
@Plugin(name = "Vigil", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class VigilAppender extends AbstractAppender {
    private final Publisher publisher;

    private VigilAppender(String name, Filter filter, Publisher publisher) {
        super(name, filter, null, true, Property.EMPTY_ARRAY);
        this.publisher = publisher;
    }

    @PluginFactory
    public static VigilAppender create(
            @PluginAttribute("name") @Required(message = "the Vigil appender needs a name") String name,
            @PluginAttribute("service") String service,
            @PluginAttribute("environment") String environment,
            @PluginAttribute("instance") String instance,
            @PluginAttribute("bootstrapServers") String bootstrapServers,
            @PluginAttribute("kafkaConfigFile") String kafkaConfigFile,
            @PluginAttribute("topic") String topic,
            @PluginAttribute("errorTopic") String errorTopic,
            @PluginAttribute(value = "queueCapacity", defaultInt = ClientSettings.DEFAULT_QUEUE_CAPACITY)
                    int queueCapacity,
            @PluginAttribute(value = "overflow", defaultString = "DROP") String overflow,
            @PluginElement("Filter") Filter filter) {
        ClientSettings.Builder b = ClientSettings.builder()
                .service(service)
                .environment(environment)
                .instance(instance)
                .queueCapacity(queueCapacity)
                .overflow(Overflow.valueOf(overflow.toUpperCase(java.util.Locale.ROOT)));
        if (bootstrapServers != null) b.bootstrapServers(bootstrapServers);
        if (kafkaConfigFile != null) b.kafkaConfigFile(Path.of(kafkaConfigFile));
        if (topic != null) b.topic("agent_log", topic);
        if (errorTopic != null) b.topic("error", errorTopic);
        return new VigilAppender(name, filter, Publisher.shared(b.build(), StatusLogger.getLogger()::warn));
    }

    /** An appender publishing through {@code publisher}, for configuration in code. */
    public static VigilAppender of(String name, Publisher publisher) {
        return new VigilAppender(name, null, publisher);
    }

    @Override
    public void append(LogEvent event) {
        publisher.publish(VigilLayout.event(event));
    }

    public Publisher publisher() {
        return publisher;
    }

    @Override
    public boolean stop(long timeout, TimeUnit unit) {
        if (isStopping() || isStopped()) return true; // once: a shared publisher counts each user's close
        setStopping();
        publisher.close();
        setStopped();
        return true;
    }
}
