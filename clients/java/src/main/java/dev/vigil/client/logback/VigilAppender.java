package dev.vigil.client.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.vigil.client.ClientSettings;
import dev.vigil.client.Overflow;
import dev.vigil.client.Publisher;
import java.nio.file.Path;
import java.util.Locale;

/**
 * logback appender publishing each event to Vigil's topics through a {@link Publisher}: the application thread
 * only queues a small object; when the queue is full the event is dropped and counted. Its warnings go to
 * logback's status manager, never through itself.
 *
 * <pre>{@code
 * <appender name="vigil" class="dev.vigil.client.logback.VigilAppender">
 *   <service>checkout</service><environment>prod</environment>
 *   <bootstrapServers>kafka:9092</bootstrapServers><kafkaConfigFile>/etc/vigil/kafka.properties</kafkaConfigFile>
 * </appender>
 * }</pre>
 */
public final class VigilAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private String service;
    private String environment;
    private String instance;
    private String bootstrapServers;
    private String kafkaConfigFile;
    private String topic;
    private String errorTopic;
    private int queueCapacity = ClientSettings.DEFAULT_QUEUE_CAPACITY;
    private String overflow = "DROP";
    private Publisher publisher;

    public void setService(String service) {
        this.service = service;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public void setInstance(String instance) {
        this.instance = instance;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public void setKafkaConfigFile(String kafkaConfigFile) {
        this.kafkaConfigFile = kafkaConfigFile;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public void setErrorTopic(String errorTopic) {
        this.errorTopic = errorTopic;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    public void setOverflow(String overflow) {
        this.overflow = overflow;
    }

    public Publisher publisher() {
        return publisher;
    }

    @Override
    public void start() {
        try {
            ClientSettings.Builder b = ClientSettings.builder()
                    .service(service)
                    .environment(environment)
                    .instance(instance)
                    .queueCapacity(queueCapacity)
                    .overflow(Overflow.valueOf(overflow.toUpperCase(Locale.ROOT)));
            if (bootstrapServers != null) b.bootstrapServers(bootstrapServers);
            if (kafkaConfigFile != null) b.kafkaConfigFile(Path.of(kafkaConfigFile));
            if (topic != null) b.topic("agent_log", topic);
            if (errorTopic != null) b.topic("error", errorTopic);
            publisher = Publisher.shared(b.build(), this::addWarn);
        } catch (IllegalArgumentException e) {
            addError("Vigil appender '" + getName() + "' not started: " + e.getMessage());
            return;
        }
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        publisher.publish(VigilEncoder.event(event));
    }

    @Override
    public void stop() {
        if (!isStarted()) return;
        super.stop();
        publisher.close();
    }
}
