package dev.vigil.jobs.business.functions;

import dev.vigil.testing.KeyTypeTestBase;
import org.junit.jupiter.api.Nested;

/** Flink's serializer suite, and the key checks, for each composite key of the business-events job and its hits. */
class KeyTypesTest {

    @Nested
    class FunnelStepKey extends KeyTypeTestBase<FunnelCounts.Key> {
        FunnelStepKey() {
            super(
                    FunnelCounts.Key.TYPE,
                    new FunnelCounts.Key("checkout", "DE", 0, "cart"),
                    new FunnelCounts.Key("checkout", "DE", 1, "cart"),
                    new FunnelCounts.Key("checkout", "", 0, "cart"),
                    new FunnelCounts.Key("checkoutDE", "", 0, "cart"),
                    new FunnelCounts.Key("checkout", "unknown", Integer.MAX_VALUE, ""));
        }
    }

    @Nested
    class FunnelUser extends KeyTypeTestBase<FunnelProgress.User> {
        FunnelUser() {
            super(
                    FunnelProgress.User.TYPE,
                    new FunnelProgress.User("checkout", "u-1"),
                    new FunnelProgress.User("signup", "u-1"),
                    new FunnelProgress.User("checkoutu", "-1"),
                    new FunnelProgress.User("", ""));
        }
    }

    /** Not a key, but written the same way: it crosses the shuffle to the funnel progress with every step. */
    @Nested
    class FunnelHit extends KeyTypeTestBase<FunnelProgress.Hit> {
        FunnelHit() {
            super(
                    FunnelProgress.Hit.TYPE,
                    new FunnelProgress.Hit(0, 1_700_000_000_000L, "DE"),
                    new FunnelProgress.Hit(1, 1_700_000_000_000L, ""),
                    new FunnelProgress.Hit(0, 1_700_000_000_001L, "DE"),
                    new FunnelProgress.Hit(Integer.MAX_VALUE, Long.MIN_VALUE, "unknown"));
        }
    }
}
