package dev.vigil.schema.event;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes an {@link Event} with its payload by hand, for the jobs that shuffle whole events (the errors job keys
 * them by service; the performance-metrics job its counters). Flink's POJO serializer creates every payload class and
 * its fields reflectively before reading (an error event also got an empty agent log, business event and metric), then
 * sets each field by reflection: in the errors job with discarding sinks that was 61 of the grouping task's 144 JFR
 * samples, 26 after this (2026-12-04). JMH ({@code HotPathBenchmark.serializerRoundTrip*}, one fork, same day): a
 * round trip of the 1.6 KB error event 3.8 -> 1.8-2.0 µs and 3,992 -> 3,512 bytes, of the log event 1.75 -> 0.56 µs
 * and 1,496 -> 1,008 bytes.
 *
 * <p>Format (version 1): the envelope's fields in declaration order, strings as their UTF-8 length and bytes (null allowed),
 * enums by ordinal ({@code -1} for null), optional numbers behind a presence bit, maps as a size ({@code -1} for null)
 * then entries, then a byte of which payloads follow. {@code EventSerializerTest} fills every field of every class
 * reflectively and compares field by field, so a field added to a class without a line here fails it. A change of
 * format needs a new snapshot version (events are on the wire only, in no operator's state, as of this version).
 */
public final class EventSerializer extends WireSerializer<Event> {
    private static final long serialVersionUID = 1L;

    private static final EventType[] TYPES = EventType.values();
    private static final MetricKind[] KINDS = MetricKind.values();
    private static final Attribute.Kind[] ATTRIBUTE_KINDS = Attribute.Kind.values();

    @Override
    protected WireSerializer<Event> fresh() {
        return new EventSerializer();
    }

    @Override
    public Event createInstance() {
        return new Event();
    }

    @Override
    public void serialize(Event e, DataOutputView out) throws IOException {
        if (e == null) throw new IllegalArgumentException("a null event cannot be serialized");
        strings().write(e.eventId, out);
        out.writeByte((e.eventIdDerived ? 1 : 0) | (e.correlationGenerated ? 2 : 0));
        out.writeByte(e.type == null ? -1 : e.type.ordinal());
        out.writeInt(e.schemaVersion);
        out.writeLong(e.timestamp);
        strings().write(e.service, out);
        strings().write(e.environment, out);
        strings().write(e.host, out);
        strings().write(e.instance, out);
        strings().write(e.correlationId, out);
        strings().write(e.traceId, out);
        strings().write(e.spanId, out);
        strings().write(e.parentSpanId, out);
        writeAttributes(e.attributes, out);
        out.writeDouble(e.sampleRate);
        out.writeByte((e.agentLog != null ? 1 : 0)
                | (e.business != null ? 2 : 0)
                | (e.metric != null ? 4 : 0)
                | (e.error != null ? 8 : 0));
        if (e.agentLog != null) writeAgentLog(e.agentLog, out);
        if (e.business != null) writeBusiness(e.business, out);
        if (e.metric != null) writeMetric(e.metric, out);
        if (e.error != null) writeError(e.error, out);
    }

    @Override
    public Event deserialize(DataInputView in) throws IOException {
        Event e = new Event();
        e.eventId = strings().read(in);
        int flags = in.readByte();
        e.eventIdDerived = (flags & 1) != 0;
        e.correlationGenerated = (flags & 2) != 0;
        int type = in.readByte();
        e.type = type < 0 ? null : TYPES[type];
        e.schemaVersion = in.readInt();
        e.timestamp = in.readLong();
        e.service = strings().read(in);
        e.environment = strings().read(in);
        e.host = strings().read(in);
        e.instance = strings().read(in);
        e.correlationId = strings().read(in);
        e.traceId = strings().read(in);
        e.spanId = strings().read(in);
        e.parentSpanId = strings().read(in);
        e.attributes = readAttributes(in);
        e.sampleRate = in.readDouble();
        int payloads = in.readByte();
        if ((payloads & 1) != 0) e.agentLog = readAgentLog(in);
        if ((payloads & 2) != 0) e.business = readBusiness(in);
        if ((payloads & 4) != 0) e.metric = readMetric(in);
        if ((payloads & 8) != 0) e.error = readError(in);
        return e;
    }

    @Override
    public TypeSerializerSnapshot<Event> snapshotConfiguration() {
        return new EventSnapshot();
    }

    private void writeAgentLog(AgentLog a, DataOutputView out) throws IOException {
        out.writeByte((a.step != null ? 1 : 0)
                | (a.tokensIn != null ? 2 : 0)
                | (a.tokensOut != null ? 4 : 0)
                | (a.cost != null ? 8 : 0)
                | (a.durationMs != null ? 16 : 0));
        strings().write(a.level, out);
        strings().write(a.logger, out);
        strings().write(a.message, out);
        strings().write(a.agentId, out);
        strings().write(a.sessionId, out);
        if (a.step != null) out.writeLong(a.step);
        strings().write(a.tool, out);
        strings().write(a.model, out);
        if (a.tokensIn != null) out.writeLong(a.tokensIn);
        if (a.tokensOut != null) out.writeLong(a.tokensOut);
        if (a.cost != null) out.writeDouble(a.cost);
        if (a.durationMs != null) out.writeDouble(a.durationMs);
        strings().write(a.outcome, out);
    }

    private AgentLog readAgentLog(DataInputView in) throws IOException {
        AgentLog a = new AgentLog();
        int present = in.readByte();
        a.level = strings().read(in);
        a.logger = strings().read(in);
        a.message = strings().read(in);
        a.agentId = strings().read(in);
        a.sessionId = strings().read(in);
        if ((present & 1) != 0) a.step = in.readLong();
        a.tool = strings().read(in);
        a.model = strings().read(in);
        if ((present & 2) != 0) a.tokensIn = in.readLong();
        if ((present & 4) != 0) a.tokensOut = in.readLong();
        if ((present & 8) != 0) a.cost = in.readDouble();
        if ((present & 16) != 0) a.durationMs = in.readDouble();
        a.outcome = strings().read(in);
        return a;
    }

    private void writeBusiness(BusinessEvent b, DataOutputView out) throws IOException {
        strings().write(b.name, out);
        strings().write(b.userId, out);
        strings().write(b.accountId, out);
        out.writeBoolean(b.value != null);
        if (b.value != null) out.writeDouble(b.value);
        strings().write(b.currency, out);
        strings().write(b.feature, out);
        strings().writeMap(b.properties, out);
    }

    private BusinessEvent readBusiness(DataInputView in) throws IOException {
        BusinessEvent b = new BusinessEvent();
        b.name = strings().read(in);
        b.userId = strings().read(in);
        b.accountId = strings().read(in);
        if (in.readBoolean()) b.value = in.readDouble();
        b.currency = strings().read(in);
        b.feature = strings().read(in);
        b.properties = strings().readMap(in);
        return b;
    }

    private void writeMetric(PerformanceMetric m, DataOutputView out) throws IOException {
        strings().write(m.name, out);
        out.writeByte(m.kind == null ? -1 : m.kind.ordinal());
        out.writeBoolean(m.value != null);
        if (m.value != null) out.writeDouble(m.value);
        if (m.bucketBounds == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(m.bucketBounds.length);
            for (double d : m.bucketBounds) out.writeDouble(d);
        }
        if (m.bucketCounts == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(m.bucketCounts.length);
            for (long c : m.bucketCounts) out.writeLong(c);
        }
        strings().write(m.unit, out);
        strings().write(m.operation, out);
        strings().writeMap(m.tags, out);
        ResourceUsage r = m.resource;
        if (r == null) {
            out.writeByte(-1);
            return;
        }
        out.writeByte((r.cpuPercent != null ? 1 : 0)
                | (r.memoryBytes != null ? 2 : 0)
                | (r.gpuPercent != null ? 4 : 0)
                | (r.queueDepth != null ? 8 : 0));
        if (r.cpuPercent != null) out.writeDouble(r.cpuPercent);
        if (r.memoryBytes != null) out.writeDouble(r.memoryBytes);
        if (r.gpuPercent != null) out.writeDouble(r.gpuPercent);
        if (r.queueDepth != null) out.writeDouble(r.queueDepth);
    }

    private PerformanceMetric readMetric(DataInputView in) throws IOException {
        PerformanceMetric m = new PerformanceMetric();
        m.name = strings().read(in);
        int kind = in.readByte();
        m.kind = kind < 0 ? null : KINDS[kind];
        if (in.readBoolean()) m.value = in.readDouble();
        int bounds = in.readInt();
        if (bounds >= 0) {
            m.bucketBounds = new double[bounds];
            for (int i = 0; i < bounds; i++) m.bucketBounds[i] = in.readDouble();
        }
        int counts = in.readInt();
        if (counts >= 0) {
            m.bucketCounts = new long[counts];
            for (int i = 0; i < counts; i++) m.bucketCounts[i] = in.readLong();
        }
        m.unit = strings().read(in);
        m.operation = strings().read(in);
        m.tags = strings().readMap(in);
        int present = in.readByte();
        if (present >= 0) {
            ResourceUsage r = new ResourceUsage();
            if ((present & 1) != 0) r.cpuPercent = in.readDouble();
            if ((present & 2) != 0) r.memoryBytes = in.readDouble();
            if ((present & 4) != 0) r.gpuPercent = in.readDouble();
            if ((present & 8) != 0) r.queueDepth = in.readDouble();
            m.resource = r;
        }
        return m;
    }

    private void writeError(ErrorEvent x, DataOutputView out) throws IOException {
        out.writeByte((x.handled == null ? 0 : x.handled ? 1 : 2) | (x.httpStatus != null ? 4 : 0));
        strings().write(x.errorType, out);
        strings().write(x.message, out);
        if (x.frames == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(x.frames.length);
            for (StackFrame f : x.frames) {
                out.writeByte(f == null ? -1 : f.inApp ? 1 : 0);
                if (f == null) continue;
                strings().write(f.module, out);
                strings().write(f.function, out);
                strings().write(f.file, out);
                out.writeInt(f.line);
            }
        }
        out.writeInt(x.framesOmitted);
        strings().write(x.severity, out);
        if (x.httpStatus != null) out.writeInt(x.httpStatus);
        strings().write(x.operation, out);
        strings().write(x.fingerprint, out);
        strings().write(x.userId, out);
        strings().write(x.groupId, out);
        strings().write(x.groupedBy, out);
        strings().write(x.template, out);
    }

    private ErrorEvent readError(DataInputView in) throws IOException {
        ErrorEvent x = new ErrorEvent();
        int flags = in.readByte();
        x.handled = (flags & 3) == 0 ? null : (flags & 3) == 1;
        x.errorType = strings().read(in);
        x.message = strings().read(in);
        int frames = in.readInt();
        if (frames >= 0) {
            x.frames = new StackFrame[frames];
            for (int i = 0; i < frames; i++) {
                int inApp = in.readByte();
                if (inApp < 0) continue;
                StackFrame f = new StackFrame();
                f.inApp = inApp == 1;
                f.module = strings().read(in);
                f.function = strings().read(in);
                f.file = strings().read(in);
                f.line = in.readInt();
                x.frames[i] = f;
            }
        }
        x.framesOmitted = in.readInt();
        x.severity = strings().read(in);
        if ((flags & 4) != 0) x.httpStatus = in.readInt();
        x.operation = strings().read(in);
        x.fingerprint = strings().read(in);
        x.userId = strings().read(in);
        x.groupId = strings().read(in);
        x.groupedBy = strings().read(in);
        x.template = strings().read(in);
        return x;
    }

    private void writeAttributes(Map<String, Attribute> attributes, DataOutputView out) throws IOException {
        if (attributes == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(attributes.size());
        for (Map.Entry<String, Attribute> a : attributes.entrySet()) {
            strings().write(a.getKey(), out);
            Attribute v = a.getValue();
            if (v == null) {
                out.writeByte(-2);
                continue;
            }
            out.writeByte(v.kind == null ? -1 : v.kind.ordinal());
            strings().write(v.text, out);
        }
    }

    private Map<String, Attribute> readAttributes(DataInputView in) throws IOException {
        int size = in.readInt();
        if (size < 0) return null;
        Map<String, Attribute> attributes = new LinkedHashMap<>(size * 4 / 3 + 1);
        for (int i = 0; i < size; i++) {
            String key = strings().read(in);
            int kind = in.readByte();
            if (kind == -2) {
                attributes.put(key, null);
                continue;
            }
            Attribute v = new Attribute();
            v.kind = kind < 0 ? null : ATTRIBUTE_KINDS[kind];
            v.text = strings().read(in);
            attributes.put(key, v);
        }
        return attributes;
    }

    /** Version 1 of the format above; events serialized by Flink's POJO serializer are read with it and rewritten. */
    public static final class EventSnapshot extends SimpleTypeSerializerSnapshot<Event> {
        public EventSnapshot() {
            super(EventSerializer::new);
        }

        @Override
        public TypeSerializerSchemaCompatibility<Event> resolveSchemaCompatibility(TypeSerializerSnapshot<Event> old) {
            if (old instanceof PojoSerializerSnapshot)
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            return super.resolveSchemaCompatibility(old);
        }
    }
}
