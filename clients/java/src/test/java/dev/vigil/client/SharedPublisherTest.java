package dev.vigil.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.client.log4j2.VigilAppender;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appenders and the API configured alike publish through one publisher, which stays open until its last user
 * closes it. No broker is needed: nothing here reaches Kafka (the one relayed record is counted as failed).
 */
class SharedPublisherTest {
    private static String unreachable;

    @BeforeAll
    static void closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            unreachable = "127.0.0.1:" + s.getLocalPort();
        }
    }

    private static ClientSettings.Builder settings(String service) {
        return ClientSettings.builder()
                .service(service)
                .environment("test")
                .bootstrapServers(unreachable)
                .kafka("max.block.ms", "200")
                .closeTimeout(Duration.ofMillis(500));
    }

    @Test
    void settingsBuiltAlikeShareOnePublisherUntilTheLastUserClosesIt() {
        List<String> warnings = new ArrayList<>();
        Publisher first = Publisher.shared(settings("shared-a").build(), warnings::add);
        Publisher second = Publisher.shared(settings("shared-a").build(), warnings::add);
        assertThat(second).isSameAs(first);

        first.close();
        RelayedRecord record = new RelayedRecord("t", null, "x".getBytes(StandardCharsets.UTF_8));
        assertThat(second.publish(record))
                .as("one user closed, the other still publishes")
                .isTrue();
        assertThat(second.accepted()).isEqualTo(1);

        second.close();
        assertThat(second.publish(record)).as("closed by its last user").isFalse();
        assertThat(second.dropped()).isEqualTo(1);
        assertThat(second.failed())
                .as("Kafka unreachable: the accepted record is counted")
                .isEqualTo(1);
        second.close(); // idempotent once closed

        Publisher next = Publisher.shared(settings("shared-a").build(), warnings::add);
        assertThat(next).as("a closed publisher is not handed out again").isNotSameAs(first);
        next.close();
    }

    @Test
    void settingsThatDifferDoNotShare() {
        List<Publisher> publishers = List.of(
                Publisher.shared(settings("shared-b").build(), w -> {}),
                Publisher.shared(settings("shared-c").build(), w -> {}),
                Publisher.shared(settings("shared-b").environment("other").build(), w -> {}),
                Publisher.shared(
                        settings("shared-b").topic("error", "other.errors").build(), w -> {}),
                Publisher.shared(settings("shared-b").overflow(Overflow.BLOCK).build(), w -> {}),
                Publisher.shared(settings("shared-b").kafka("linger.ms", "5").build(), w -> {}),
                Publisher.shared(settings("shared-b").kafka("client.id", "mine").build(), w -> {}));
        assertThat(publishers).doesNotHaveDuplicates();
        publishers.forEach(Publisher::close);
    }

    @Test
    void anAppenderAndTheApiConfiguredAlikeShareItAndAStopTwiceClosesOnlyOnce(@TempDir Path dir) throws IOException {
        Path kafka = Files.writeString(dir.resolve("kafka.properties"), "max.block.ms=200\n");
        Vigil vigil = Vigil.start(settings("shared-d").build(), w -> {});
        VigilAppender appender = VigilAppender.create(
                "vigil",
                "shared-d",
                "test",
                null,
                unreachable,
                kafka.toString(),
                null,
                null,
                ClientSettings.DEFAULT_QUEUE_CAPACITY,
                "DROP",
                null);
        // the log4j2 attributes give only what they name: the rest must match the API's own settings
        Vigil alike = Vigil.start(
                ClientSettings.builder()
                        .service("shared-d")
                        .environment("test")
                        .bootstrapServers(unreachable)
                        .kafkaConfigFile(kafka)
                        .build(),
                w -> {});
        assertThat(alike.publisher()).isSameAs(appender.publisher());
        assertThat(vigil.publisher()).as("another closeTimeout: not alike").isNotSameAs(alike.publisher());

        appender.start();
        appender.stop();
        appender.stop();
        assertThat(alike.event("signup").emit())
                .as("the appender stopped twice, the API still publishes")
                .isTrue();
        alike.close();
        assertThat(alike.event("signup").emit()).isFalse();
        vigil.close();
    }
}
