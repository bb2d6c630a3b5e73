package dev.vigil.schema.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings as the hand-written serializers write them: the length in UTF-8 bytes plus one as a varint (0 for null),
 * then the bytes. Flink's {@code StringValue} format is the same for ASCII, but it decodes a varint per character
 * into a thread-local buffer: a ThreadLocal lookup per string, which in task threads often missed its slot
 * (getEntryAfterMiss: 25 of 39 deserialization samples in the errors job's grouping task, 91 of 310 samples of the
 * alerting job's team task). One instance per serializer instance, so per task thread: not thread-safe.
 */
final class WireStrings {
    /** Strings longer than this are read through an array of their own rather than the scratch buffer. */
    private static final int MAX_SCRATCH = 1 << 16;

    private byte[] scratch = new byte[256];

    void write(String s, DataOutputView out) throws IOException {
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

    String read(DataInputView in) throws IOException {
        int n = readLength(in) - 1;
        if (n < 0) return null;
        byte[] b = n <= MAX_SCRATCH ? scratch(n) : new byte[n];
        in.readFully(b, 0, n);
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** A string map: its size ({@code -1} for null), then each key and value; read back in its order. */
    void writeMap(Map<String, String> map, DataOutputView out) throws IOException {
        if (map == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            write(e.getKey(), out);
            write(e.getValue(), out);
        }
    }

    Map<String, String> readMap(DataInputView in) throws IOException {
        int size = in.readInt();
        if (size < 0) return null;
        Map<String, String> map = new LinkedHashMap<>(size * 4 / 3 + 1);
        for (int i = 0; i < size; i++) map.put(read(in), read(in));
        return map;
    }

    private byte[] scratch(int n) {
        if (scratch.length < n) scratch = new byte[n];
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
}
