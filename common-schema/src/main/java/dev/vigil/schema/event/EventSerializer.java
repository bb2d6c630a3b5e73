package dev.vigil.schema.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
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
public final class EventSerializer extends TypeSerializer<Event> {
    private static final long serialVersionUID = 1L;
    /** Strings longer than this are read through an array of their own rather than the scratch buffer. */
    private static final int MAX_SCRATCH = 1 << 16;

    private static final EventType[] TYPES = EventType.values();
    private static final MetricKind[] KINDS = MetricKind.values();
    private static final Attribute.Kind[] ATTRIBUTE_KINDS = Attribute.Kind.values();

    /** This instance's (one task's) buffer for a string's bytes: {@link #duplicate} gives each user its own. */
    private transient byte[] scratch = new byte[256];

    @Override
    public TypeSerializer<Event> duplicate() {
        return new EventSerializer();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventSerializer;
    }

    @Override
    public int hashCode() {
        return EventSerializer.class.hashCode();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Event createInstance() {
        return new Event();
    }

    @Override
    public Event copy(Event from) {
        // by value through the format: copies are rare (object reuse is on in every job)
        if (from == null) return null;
        try {
            DataOutputSerializer out = new DataOutputSerializer(512);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("copying an event", e);
        }
    }

    @Override
    public Event copy(Event from, Event reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Event e, DataOutputView out) throws IOException {
        if (e == null) throw new IllegalArgumentException("a null event cannot be serialized");
        writeString(e.eventId, out);
        out.writeByte((e.eventIdDerived ? 1 : 0) | (e.correlationGenerated ? 2 : 0));
        out.writeByte(e.type == null ? -1 : e.type.ordinal());
        out.writeInt(e.schemaVersion);
        out.writeLong(e.timestamp);
        writeString(e.service, out);
        writeString(e.environment, out);
        writeString(e.host, out);
        writeString(e.instance, out);
        writeString(e.correlationId, out);
        writeString(e.traceId, out);
        writeString(e.spanId, out);
        writeString(e.parentSpanId, out);
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
        e.eventId = readString(in);
        int flags = in.readByte();
        e.eventIdDerived = (flags & 1) != 0;
        e.correlationGenerated = (flags & 2) != 0;
        int type = in.readByte();
        e.type = type < 0 ? null : TYPES[type];
        e.schemaVersion = in.readInt();
        e.timestamp = in.readLong();
        e.service = readString(in);
        e.environment = readString(in);
        e.host = readString(in);
        e.instance = readString(in);
        e.correlationId = readString(in);
        e.traceId = readString(in);
        e.spanId = readString(in);
        e.parentSpanId = readString(in);
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
    public Event deserialize(Event reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
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
        writeString(a.level, out);
        writeString(a.logger, out);
        writeString(a.message, out);
        writeString(a.agentId, out);
        writeString(a.sessionId, out);
        if (a.step != null) out.writeLong(a.step);
        writeString(a.tool, out);
        writeString(a.model, out);
        if (a.tokensIn != null) out.writeLong(a.tokensIn);
        if (a.tokensOut != null) out.writeLong(a.tokensOut);
        if (a.cost != null) out.writeDouble(a.cost);
        if (a.durationMs != null) out.writeDouble(a.durationMs);
        writeString(a.outcome, out);
    }

    private AgentLog readAgentLog(DataInputView in) throws IOException {
        AgentLog a = new AgentLog();
        int present = in.readByte();
        a.level = readString(in);
        a.logger = readString(in);
        a.message = readString(in);
        a.agentId = readString(in);
        a.sessionId = readString(in);
        if ((present & 1) != 0) a.step = in.readLong();
        a.tool = readString(in);
        a.model = readString(in);
        if ((present & 2) != 0) a.tokensIn = in.readLong();
        if ((present & 4) != 0) a.tokensOut = in.readLong();
        if ((present & 8) != 0) a.cost = in.readDouble();
        if ((present & 16) != 0) a.durationMs = in.readDouble();
        a.outcome = readString(in);
        return a;
    }

    private void writeBusiness(BusinessEvent b, DataOutputView out) throws IOException {
        writeString(b.name, out);
        writeString(b.userId, out);
        writeString(b.accountId, out);
        out.writeBoolean(b.value != null);
        if (b.value != null) out.writeDouble(b.value);
        writeString(b.currency, out);
        writeString(b.feature, out);
        writeStrings(b.properties, out);
    }

    private BusinessEvent readBusiness(DataInputView in) throws IOException {
        BusinessEvent b = new BusinessEvent();
        b.name = readString(in);
        b.userId = readString(in);
        b.accountId = readString(in);
        if (in.readBoolean()) b.value = in.readDouble();
        b.currency = readString(in);
        b.feature = readString(in);
        b.properties = readStrings(in);
        return b;
    }

    private void writeMetric(PerformanceMetric m, DataOutputView out) throws IOException {
        writeString(m.name, out);
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
        writeString(m.unit, out);
        writeString(m.operation, out);
        writeStrings(m.tags, out);
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
        m.name = readString(in);
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
        m.unit = readString(in);
        m.operation = readString(in);
        m.tags = readStrings(in);
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
        writeString(x.errorType, out);
        writeString(x.message, out);
        if (x.frames == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(x.frames.length);
            for (StackFrame f : x.frames) {
                out.writeByte(f == null ? -1 : f.inApp ? 1 : 0);
                if (f == null) continue;
                writeString(f.module, out);
                writeString(f.function, out);
                writeString(f.file, out);
                out.writeInt(f.line);
            }
        }
        out.writeInt(x.framesOmitted);
        writeString(x.severity, out);
        if (x.httpStatus != null) out.writeInt(x.httpStatus);
        writeString(x.operation, out);
        writeString(x.fingerprint, out);
        writeString(x.userId, out);
        writeString(x.groupId, out);
        writeString(x.groupedBy, out);
        writeString(x.template, out);
    }

    private ErrorEvent readError(DataInputView in) throws IOException {
        ErrorEvent x = new ErrorEvent();
        int flags = in.readByte();
        x.handled = (flags & 3) == 0 ? null : (flags & 3) == 1;
        x.errorType = readString(in);
        x.message = readString(in);
        int frames = in.readInt();
        if (frames >= 0) {
            x.frames = new StackFrame[frames];
            for (int i = 0; i < frames; i++) {
                int inApp = in.readByte();
                if (inApp < 0) continue;
                StackFrame f = new StackFrame();
                f.inApp = inApp == 1;
                f.module = readString(in);
                f.function = readString(in);
                f.file = readString(in);
                f.line = in.readInt();
                x.frames[i] = f;
            }
        }
        x.framesOmitted = in.readInt();
        x.severity = readString(in);
        if ((flags & 4) != 0) x.httpStatus = in.readInt();
        x.operation = readString(in);
        x.fingerprint = readString(in);
        x.userId = readString(in);
        x.groupId = readString(in);
        x.groupedBy = readString(in);
        x.template = readString(in);
        return x;
    }

    private void writeAttributes(Map<String, Attribute> attributes, DataOutputView out) throws IOException {
        if (attributes == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(attributes.size());
        for (Map.Entry<String, Attribute> a : attributes.entrySet()) {
            writeString(a.getKey(), out);
            Attribute v = a.getValue();
            if (v == null) {
                out.writeByte(-2);
                continue;
            }
            out.writeByte(v.kind == null ? -1 : v.kind.ordinal());
            writeString(v.text, out);
        }
    }

    private Map<String, Attribute> readAttributes(DataInputView in) throws IOException {
        int size = in.readInt();
        if (size < 0) return null;
        Map<String, Attribute> attributes = new LinkedHashMap<>(size * 4 / 3 + 1);
        for (int i = 0; i < size; i++) {
            String key = readString(in);
            int kind = in.readByte();
            if (kind == -2) {
                attributes.put(key, null);
                continue;
            }
            Attribute v = new Attribute();
            v.kind = kind < 0 ? null : ATTRIBUTE_KINDS[kind];
            v.text = readString(in);
            attributes.put(key, v);
        }
        return attributes;
    }

    private void writeStrings(Map<String, String> map, DataOutputView out) throws IOException {
        if (map == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writeString(entry.getKey(), out);
            writeString(entry.getValue(), out);
        }
    }

    private Map<String, String> readStrings(DataInputView in) throws IOException {
        int size = in.readInt();
        if (size < 0) return null;
        Map<String, String> map = new LinkedHashMap<>(size * 4 / 3 + 1);
        for (int i = 0; i < size; i++) map.put(readString(in), readString(in));
        return map;
    }

    /**
     * Its length in UTF-8 bytes plus one as a varint (0 for null), then the bytes. StringValue's format is the same
     * for ASCII, but it decodes a varint per character into a thread-local buffer (a ThreadLocal lookup per string,
     * which in a task thread's crowded map missed its slot: 25 of 39 deserialization samples in the errors job).
     */
    private void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        int n = s.length();
        byte[] b = n <= MAX_SCRATCH ? scratch(n) : null;
        if (b != null) {
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    b = null;
                    break;
                }
                b[i] = (byte) c;
            }
        }
        if (b == null) {
            b = s.getBytes(StandardCharsets.UTF_8);
            n = b.length;
        }
        writeLength(n + 1, out);
        out.write(b, 0, n);
    }

    private String readString(DataInputView in) throws IOException {
        int n = readLength(in) - 1;
        if (n < 0) return null;
        byte[] b = n <= MAX_SCRATCH ? scratch(n) : new byte[n];
        in.readFully(b, 0, n);
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    private byte[] scratch(int n) {
        if (scratch == null || scratch.length < n) scratch = new byte[Math.max(n, 256)];
        return scratch;
    }

    private static void writeLength(int v, DataOutputView out) throws IOException {
        while (v >= 0x80) {
            out.writeByte(v & 0x7F | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readLength(DataInputView in) throws IOException {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if (b < 0x80) return v;
            if (shift > 21) throw new IOException("a string length longer than 5 bytes: corrupt input");
        }
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
