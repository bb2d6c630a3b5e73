package dev.vigil.schema.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation of JSON text (no overlongs, no surrogates, nothing above U+10FFFF), with an
 * ASCII fast path. A raw NUL byte is refused too: JSON text never holds one (a NUL inside a string is
 * written as an escape), while UTF-16 and UTF-32 text always do, so this is what keeps Jackson from
 * detecting and decoding them as if the contract allowed other encodings.
 */
public final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;

    private Utf8() {}

    public static boolean isValid(byte[] b) {
        int i = 0;
        int n = b.length;
        // Events are mostly ASCII: skip it eight bytes at a time (no high bit, and no zero byte: (v - 0x01..) & ~v &
        // 0x80..).
        while (i + 8 <= n) {
            long v = (long) LONGS.get(b, i);
            if (((v | ((v - LOW_BITS) & ~v)) & HIGH_BITS) != 0) break;
            i += 8;
        }
        while (i < n && b[i] > 0) i++;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c == 0) {
                return false;
            } else if (c < 0x80) {
                i++;
            } else if (c >= 0xC2 && c <= 0xDF) {
                if (i + 1 >= n || !cont(b[i + 1])) return false;
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                if (i + 2 >= n || !cont(b[i + 1]) || !cont(b[i + 2])) return false;
                int c1 = b[i + 1] & 0xFF;
                if (c == 0xE0 && c1 < 0xA0) return false; // overlong
                if (c == 0xED && c1 > 0x9F) return false; // surrogate
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                if (i + 3 >= n || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) return false;
                int c1 = b[i + 1] & 0xFF;
                if (c == 0xF0 && c1 < 0x90) return false; // overlong
                if (c == 0xF4 && c1 > 0x8F) return false; // above U+10FFFF
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean cont(byte x) {
        return (x & 0xC0) == 0x80;
    }
}
