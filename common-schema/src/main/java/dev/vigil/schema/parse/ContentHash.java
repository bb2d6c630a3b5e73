package dev.vigil.schema.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3 x64 128-bit: a fast, well-distributed, non-cryptographic content hash. Used to derive
 * event IDs from the raw bytes (same bytes, same ID, so replays overwrite instead of duplicating)
 * and to place correlation IDs on the sampling line.
 */
public final class ContentHash {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    /** Eight bytes as one little-endian load: byte by byte, the hash of a derived event ID cost 6% of a source thread. */
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ContentHash() {}

    /** 32 lower-case hex characters. */
    public static String hex128(byte[] data) {
        long[] h = hash128(data, 0, data.length, 0);
        return hex(h[0], h[1]);
    }

    /** The 128-bit hash of a message that holds many records (an OTLP request), for {@link #hex128(long[], int)}. */
    public static long[] hash128(byte[] data) {
        return hash128(data, 0, data.length, 0);
    }

    /**
     * The ID of the record at {@code index} of a message whose hash is {@code messageHash}, 32 lower-case hex
     * characters: the same message gives the same IDs, and no two indexes of one message the same ID (each half is
     * the message's half plus an odd multiple of the index, through a bijective mix).
     */
    public static String hex128(long[] messageHash, int index) {
        long i = index + 1L;
        return hex(fmix(messageHash[0] + i * C1), fmix(messageHash[1] + i * C2));
    }

    /** The first 64 bits of the hash of a string's UTF-8 bytes. */
    public static long hash64(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return hash128(b, 0, b.length, 0)[0];
    }

    /**
     * {@link #hash64} as 16 lower-case hex characters, as {@code String.format("%016x", hash64(s))} writes it without
     * the formatter: group IDs are made per error event, and the formatter took a few percent of the template task.
     */
    public static String hex64(String s) {
        byte[] out = new byte[16];
        writeHex(hash64(s), out, 0);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    static long[] hash128(byte[] data, int offset, int length, long seed) {
        long h1 = seed;
        long h2 = seed;
        int blocks = length / 16;
        for (int i = 0; i < blocks; i++) {
            int p = offset + i * 16;
            long k1 = getLong(data, p);
            long k2 = getLong(data, p + 8);
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        long k1 = 0;
        long k2 = 0;
        int tail = offset + blocks * 16;
        switch (length & 15) {
            case 15:
                k2 ^= (long) (data[tail + 14] & 0xff) << 48;
            case 14:
                k2 ^= (long) (data[tail + 13] & 0xff) << 40;
            case 13:
                k2 ^= (long) (data[tail + 12] & 0xff) << 32;
            case 12:
                k2 ^= (long) (data[tail + 11] & 0xff) << 24;
            case 11:
                k2 ^= (long) (data[tail + 10] & 0xff) << 16;
            case 10:
                k2 ^= (long) (data[tail + 9] & 0xff) << 8;
            case 9:
                k2 ^= data[tail + 8] & 0xff;
                k2 *= C2;
                k2 = Long.rotateLeft(k2, 33);
                k2 *= C1;
                h2 ^= k2;
            case 8:
                k1 ^= (long) (data[tail + 7] & 0xff) << 56;
            case 7:
                k1 ^= (long) (data[tail + 6] & 0xff) << 48;
            case 6:
                k1 ^= (long) (data[tail + 5] & 0xff) << 40;
            case 5:
                k1 ^= (long) (data[tail + 4] & 0xff) << 32;
            case 4:
                k1 ^= (long) (data[tail + 3] & 0xff) << 24;
            case 3:
                k1 ^= (long) (data[tail + 2] & 0xff) << 16;
            case 2:
                k1 ^= (long) (data[tail + 1] & 0xff) << 8;
            case 1:
                k1 ^= data[tail] & 0xff;
                k1 *= C1;
                k1 = Long.rotateLeft(k1, 31);
                k1 *= C2;
                h1 ^= k1;
            default:
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        return new long[] {h1, h2};
    }

    private static long getLong(byte[] b, int p) {
        return (long) LONG_LE.get(b, p);
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static String hex(long high, long low) {
        byte[] out = new byte[32];
        writeHex(high, out, 0);
        writeHex(low, out, 16);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static void writeHex(long v, byte[] out, int at) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
    }
}
