package dev.vigil.workload;

import dev.vigil.client.ClientSettings;
import dev.vigil.client.Overflow;
import dev.vigil.client.Publisher;
import java.time.Duration;

/**
 * Publishing through the producer library where every record must arrive, because what is counted downstream is
 * compared with what was written (the demo's workload, the bench's preload): a full queue waits instead of dropping,
 * one request in flight ({@link Topics#IN_FLIGHT}), and a publisher that lost anything fails its run.
 */
public final class ExactPublishing {
    private ExactPublishing() {}

    /** Settings for {@code service}'s exact publisher; callers may add Kafka settings of their own. */
    public static ClientSettings.Builder settings(String service, String bootstrap) {
        return ClientSettings.builder()
                .service(service)
                .bootstrapServers(bootstrap)
                .overflow(Overflow.BLOCK)
                .closeTimeout(Duration.ofSeconds(60))
                .kafka(Topics.IN_FLIGHT, "1");
    }

    /** Throws, naming {@code what} would no longer be exact, unless the closed publisher sent every record it accepted. */
    public static void requireAllSent(Publisher published, String who, String what) {
        if (published.dropped() != 0 || published.failed() != 0 || published.sent() != published.accepted()) {
            throw new IllegalStateException(who + " lost records (" + published.dropped() + " dropped, "
                    + published.failed() + " failed): " + what + " would not be exact");
        }
    }
}
