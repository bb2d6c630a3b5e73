package dev.vigil.schema.event;

import dev.vigil.schema.types.FixedSerializerTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Alerts between the alerting job's tasks ({@link #TYPE}: the stream's type there), by hand: Flink's POJO serializer
 * took 176 of the 310 JFR samples of the job's team task (reflective creation and field sets, two string maps through
 * MapSerializer, a ThreadLocal lookup per string; 2026-12-04). On the wire only: state holding alerts keeps the POJO
 * serializer ({@code TypeInformation.of(Alert.class)}), so no savepoint changes. {@code AlertWireSerializerTest} fills
 * every field and fails for one this does not carry.
 */
public final class AlertWireSerializer extends WireSerializer<Alert> {
    private static final long serialVersionUID = 1L;
    public static final TypeInformation<Alert> TYPE =
            new FixedSerializerTypeInfo<>(Alert.class, new AlertWireSerializer(), false);

    @Override
    protected WireSerializer<Alert> fresh() {
        return new AlertWireSerializer();
    }

    @Override
    public Alert createInstance() {
        return new Alert();
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
