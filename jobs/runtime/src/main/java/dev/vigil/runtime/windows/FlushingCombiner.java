package dev.vigil.runtime.windows;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * A combiner chained before a shuffle that keeps no state: what it buffers leaves before every watermark
 * (so the keyed operator after the shuffle judges it against the watermark its inputs would have met),
 * before every checkpoint barrier and at the end of input. Flink SQL's mini-batch, for one keyed operator.
 */
public abstract class FlushingCombiner<IN, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT>, BoundedOneInput {

    protected FlushingCombiner() {
        this.chainingStrategy = ChainingStrategy.ALWAYS;
    }

    /** Emits everything buffered and empties the buffer. */
    protected abstract void flush();

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) {
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }
}
