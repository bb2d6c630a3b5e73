package dev.vigil.runtime.sketches;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer for DDSketch state: length-prefixed sketches-java encoding; no Kryo. */
public final class DDSketchSerializer extends TypeSerializerSingleton<DDSketch> {
    public static final DDSketchSerializer INSTANCE = new DDSketchSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
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
    public DDSketch copy(DDSketch from, DDSketch reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(DDSketch record, DataOutputView target) throws IOException {
        byte[] bytes = Sketches.encode(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public DDSketch deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return Sketches.decode(bytes);
    }

    @Override
    public DDSketch deserialize(DDSketch reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public TypeSerializerSnapshot<DDSketch> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot: the format has no parameters. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DDSketch> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
