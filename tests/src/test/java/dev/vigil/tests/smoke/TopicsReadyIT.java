package dev.vigil.tests.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sources.TopicsReady;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.TestJobConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job started before its topics exist waits for them (against the real broker) instead of failing and restarting. */
class TopicsReadyIT {
    @Test
    void aJobWaitsForItsTopicsAndStartsOnceTheyExist(@TempDir Path tmp) throws Exception {
        String prefix = "tr" + UUID.randomUUID().toString().substring(0, 8) + ".";
        VigilConfig config = TestJobConfig.create(prefix, tmp, "");
        List<String> needed = TopicsReady.needed(config, "errors", false);
        assertThat(needed).containsExactly(prefix + "errors", prefix + "alerts", prefix + "dead-letters");
        assertThat(TopicsReady.needed(config, "alerting", true))
                .containsExactly(prefix + "alerts", prefix + "dead-letters");

        assertThat(TopicsReady.await(config, needed, Duration.ofMillis(200), Duration.ofSeconds(2)))
                .as("none exists yet")
                .isFalse();
        KafkaTopics.create(1, prefix + "errors", prefix + "alerts");
        assertThat(TopicsReady.await(config, needed, Duration.ofMillis(200), Duration.ofSeconds(2)))
                .as("dead letters still missing")
                .isFalse();

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return TopicsReady.await(config, needed, Duration.ofMillis(200), Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1000);
        assertThat(waiting).isNotDone();
        KafkaTopics.create(1, prefix + "dead-letters");
        assertThat(waiting.get()).isTrue();
    }
}
