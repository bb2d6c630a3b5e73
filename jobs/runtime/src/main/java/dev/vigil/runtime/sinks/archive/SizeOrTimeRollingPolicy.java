package dev.vigil.runtime.sinks.archive;

import java.io.IOException;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.CheckpointRollingPolicy;

/**
 * Rolls a part file on every checkpoint (bulk formats must, for exactly-once commits), and also when
 * it grows past a size or has been open for a while, whichever comes first.
 */
public class SizeOrTimeRollingPolicy<IN, B> extends CheckpointRollingPolicy<IN, B> {
    private final long maxBytes;
    private final long maxOpenMillis;

    public SizeOrTimeRollingPolicy(long maxBytes, long maxOpenMillis) {
        this.maxBytes = maxBytes;
        this.maxOpenMillis = maxOpenMillis;
    }

    @Override
    public boolean shouldRollOnEvent(PartFileInfo<B> partFileState, IN element) throws IOException {
        return partFileState.getSize() >= maxBytes;
    }

    @Override
    public boolean shouldRollOnProcessingTime(PartFileInfo<B> partFileState, long currentTime) {
        return currentTime - partFileState.getCreationTime() >= maxOpenMillis;
    }
}
