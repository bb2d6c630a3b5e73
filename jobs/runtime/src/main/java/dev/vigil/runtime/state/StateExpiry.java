package dev.vigil.runtime.state;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/** How Vigil's keyed state expires: {@code ttl} after it was last written (or accessed), never read back once expired. */
public final class StateExpiry {
    private StateExpiry() {}

    public static StateTtlConfig afterLastWrite(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
    }

    /** {@code ttl} after it was last read or written: for state every later event reads but need not rewrite. */
    public static StateTtlConfig afterLastAccess(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
    }
}
