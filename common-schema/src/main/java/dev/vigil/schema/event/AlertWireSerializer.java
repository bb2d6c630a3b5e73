package dev.vigil.schema.event;

import dev.vigil.schema.types.FixedSerializerTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Alerts between the alerting job's tasks ({@link #TYPE}: the stream's type there), by hand: Flink's POJO serializer
 * took 176 of the 310 JFR samples of the job's team task (reflective creation and field sets, two string maps through
 * MapSerializer, a ThreadLocal lookup per string; 2026-12-04). On the wire only: state holding alerts keeps the POJO
 * serializer ({@code TypeInformation.of(Alert.class)}), so no savepoint changes. {@code AlertWireSerializerTest} fills
 * every field and fails for one this does not carry.
 */
public final class AlertWireSerializer extends TypeSerializer<Alert> {
    private static final long serialVersionUID = 1L;
    public static final TypeInformation<Alert> TYPE =
            new FixedSerializerTypeInfo<>(Alert.class, new AlertWireSerializer(), false);

    private transient WireStrings strings;

    private WireStrings strings() {
        if (strings == null) strings = new WireStrings();
        return strings;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<Alert> duplicate() {
        return new AlertWireSerializer();
    }

    @Override
    public Alert createInstance() {
        return new Alert();
    }

    @Override
    public Alert copy(Alert from) {
        if (from == null) return null;
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("copying an alert", e);
        }
    }

    @Override
    public Alert copy(Alert from, Alert reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Alert a, DataOutputView out) throws IOException {
        WireStrings s = strings();
        s.write(a.fingerprint, out);
        s.write(a.name, out);
        s.write(a.severity, out);
        s.write(a.status, out);
        s.write(a.service, out);
        out.writeLong(a.startsAt);
        out.writeLong(a.endsAt);
        out.writeLong(a.windowStart);
        out.writeLong(a.windowEnd);
        out.writeDouble(a.observed);
        out.writeDouble(a.baseline);
        s.writeMap(a.labels, out);
        s.writeMap(a.annotations, out);
    }

    @Override
    public Alert deserialize(DataInputView in) throws IOException {
        WireStrings s = strings();
        Alert a = new Alert();
        a.fingerprint = s.read(in);
        a.name = s.read(in);
        a.severity = s.read(in);
        a.status = s.read(in);
        a.service = s.read(in);
        a.startsAt = in.readLong();
        a.endsAt = in.readLong();
        a.windowStart = in.readLong();
        a.windowEnd = in.readLong();
        a.observed = in.readDouble();
        a.baseline = in.readDouble();
        a.labels = s.readMap(in);
        a.annotations = s.readMap(in);
        return a;
    }

    @Override
    public Alert deserialize(Alert reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertWireSerializer;
    }

    @Override
    public int hashCode() {
        return AlertWireSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Alert> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the format above. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Alert> {
        public Snapshot() {
            super(AlertWireSerializer::new);
        }
    }
}
