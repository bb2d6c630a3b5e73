package dev.vigil.runtime.sinks.elasticsearch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One bulk request being built or sent: documents appended as NDJSON to one reused byte buffer (an
 * action line, then the source); per document only its offsets are kept, so batching allocates
 * nothing per document beyond the source bytes the document writer makes.
 */
final class BulkBatch {
    private static final byte[] ACTION_START = "{\"index\":{\"_index\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACTION_ID = ",\"_id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACTION_END = "}}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEWLINE = {'\n'};

    byte[] buffer = new byte[64 << 10];
    int length;
    /** Per document: where its action line starts; starts[count] == length. */
    private int[] starts = new int[1025];
    /** Per document: where its source starts. */
    private int[] sources = new int[1024];

    int count;

    void add(String index, String id, byte[] source) {
        int start = length;
        append(ACTION_START);
        appendJsonString(index);
        append(ACTION_ID);
        appendJsonString(id);
        append(ACTION_END);
        int sourceStart = length;
        append(source);
        append(NEWLINE);
        if (count + 1 >= sources.length) {
            sources = Arrays.copyOf(sources, sources.length * 2);
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[count] = start;
        sources[count] = sourceStart;
        count++;
        starts[count] = length;
    }

    void clear() {
        count = 0;
        length = 0;
        starts[0] = 0;
    }

    /** Bytes of document {@code doc}'s source. */
    int sourceLength(int doc) {
        return starts[doc + 1] - sources[doc];
    }

    /** A body of only documents {@code docs[0..n)} (for a retry of some, or a halved request). */
    byte[] slices(int[] docs, int n) {
        int size = 0;
        for (int i = 0; i < n; i++) size += starts[docs[i] + 1] - starts[docs[i]];
        byte[] body = new byte[size];
        int at = 0;
        for (int i = 0; i < n; i++) {
            int from = starts[docs[i]];
            int len = starts[docs[i] + 1] - from;
            System.arraycopy(buffer, from, body, at, len);
            at += len;
        }
        return body;
    }

    byte[] source(int doc) {
        return Arrays.copyOfRange(buffer, sources[doc], starts[doc + 1] - 1);
    }

    /** The action line without its braces: {@code "_index":"...","_id":"..."} (no document content). */
    String describe(int doc) {
        String action = new String(buffer, starts[doc], sources[doc] - starts[doc] - 1, StandardCharsets.UTF_8);
        return action.substring("{\"index\":{".length(), action.length() - 2);
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    /** A JSON string; index names and IDs are ASCII in practice, but anything is escaped correctly. */
    private void appendJsonString(String s) {
        ensure(s.length() * 6 + 2);
        buffer[length++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                buffer[length++] = '\\';
                buffer[length++] = (byte) c;
            } else if (c < 0x20 || c >= 0x7f) {
                String hex = String.format("\\u%04x", (int) c);
                for (int k = 0; k < 6; k++) buffer[length++] = (byte) hex.charAt(k);
            } else {
                buffer[length++] = (byte) c;
            }
        }
        buffer[length++] = '"';
    }

    private void ensure(int more) {
        if (length + more > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
}
