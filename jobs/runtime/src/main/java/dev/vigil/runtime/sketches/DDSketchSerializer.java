package dev.vigil.runtime.sketches;

import com.datadoghq.sketch.ddsketch.DDSketch;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Flink serializer for DDSketch state: sketches-java's encoding, length-prefixed. */
public final class DDSketchSerializer extends EncodedSerializer<DDSketch> {
    public static final DDSketchSerializer INSTANCE = new DDSketchSerializer();

    @Override
    protected byte[] encode(DDSketch value) {
        return Sketches.encode(value);
    }

    @Override
    protected DDSketch decode(byte[] bytes) {
        return Sketches.decode(bytes);
    }

    @Override
    public DDSketch createInstance() {
        return Sketches.empty();
    }

    @Override
    public DDSketch copy(DDSketch from) {
        return from.copy();
    }

    @Override
    public TypeSerializerSnapshot<DDSketch> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot: the format has no parameters. */
    public static final class Snapshot extends EncodedSerializer.Snapshot<DDSketch> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
