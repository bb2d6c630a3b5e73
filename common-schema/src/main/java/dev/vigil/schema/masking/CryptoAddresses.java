package dev.vigil.schema.masking;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Cryptocurrency addresses, which tie payments to a person as an account number does: Bitcoin's legacy and script
 * addresses ({@code 1...}, {@code 3...}: base58 with a double-SHA-256 checksum), its segwit and taproot addresses
 * ({@code bc1...}: bech32 and bech32m, BIP-173 and BIP-350, with their checksums), and Ethereum's ({@code 0x} and 40 hex
 * digits, which carry no checksum in lower case). A token is asked only when its length and first characters fit, and
 * the checksums turn away random look-alikes (about one in four billion for base58, one in a billion for bech32).
 * Like {@link PiiScanner}, whose tokens these are, not thread-safe; a checked candidate allocates nothing.
 */
final class CryptoAddresses {
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final byte[] BASE58_VALUE = new byte[128];
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final byte[] BECH32_VALUE = new byte[128];

    static {
        java.util.Arrays.fill(BASE58_VALUE, (byte) -1);
        java.util.Arrays.fill(BECH32_VALUE, (byte) -1);
        for (int i = 0; i < BASE58.length(); i++) BASE58_VALUE[BASE58.charAt(i)] = (byte) i;
        for (int i = 0; i < BECH32.length(); i++) {
            BECH32_VALUE[BECH32.charAt(i)] = (byte) i;
            BECH32_VALUE[Character.toUpperCase(BECH32.charAt(i))] = (byte) i;
        }
    }

    private final byte[] decoded = new byte[25];
    private final byte[] hash = new byte[32];
    private final MessageDigest sha256;

    CryptoAddresses() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Whether a token of {@code length} characters (with a sentence's full stop) starting with {@code first} may be an
     * address: one test per token.
     */
    static boolean mayBe(char first, int length) {
        return length >= 26
                && length <= 63
                && (first == '1' || first == '3' || first == 'b' || first == 'B' || first == '0');
    }

    /** Whether the token {@code s[from, to)} is an address whose checksum holds (Ethereum's: whose shape does). */
    boolean is(String s, int from, int to) {
        char first = s.charAt(from);
        int length = to - from;
        if (first == '0') return length == 42 && s.charAt(from + 1) == 'x' && hex(s, from + 2, to);
        if (first == 'b' || first == 'B') return (length == 42 || length == 62) && bech32(s, from, to);
        return length <= 35 && base58Check(s, from, to);
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(PiiScanner.isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
        }
        return true;
    }

    /** A version byte, 20 bytes of hash and 4 of checksum, in base58: the checksum is SHA-256 twice of the first 21. */
    private boolean base58Check(String s, int from, int to) {
        java.util.Arrays.fill(decoded, (byte) 0);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int carry = c < 128 ? BASE58_VALUE[c] : -1;
            if (carry < 0) return false;
            for (int k = decoded.length - 1; k >= 0; k--) {
                carry += 58 * (decoded[k] & 0xFF);
                decoded[k] = (byte) carry;
                carry >>>= 8;
            }
            if (carry != 0) return false; // more than 25 bytes
        }
        // version 0 (P2PKH, "1...") or 5 (P2SH, "3..."), as the first character says
        if (decoded[0] != (s.charAt(from) == '1' ? 0 : 5)) return false;
        try {
            sha256.update(decoded, 0, 21);
            sha256.digest(hash, 0, 32);
            sha256.update(hash, 0, 32);
            sha256.digest(hash, 0, 32);
        } catch (java.security.DigestException e) {
            return false;
        }
        return hash[0] == decoded[21] && hash[1] == decoded[22] && hash[2] == decoded[23] && hash[3] == decoded[24];
    }

    /** BIP-173's bech32 (witness version 0) and BIP-350's bech32m (versions 1 to 16) with the human part "bc". */
    private static boolean bech32(String s, int from, int to) {
        if (!s.regionMatches(true, from, "bc1", 0, 3)) return false;
        boolean lower = false;
        boolean upper = false;
        int chk = 1;
        // the human-readable part "bc" expanded: high bits, a zero, low bits
        chk = polymodStep(chk) ^ ('b' >> 5);
        chk = polymodStep(chk) ^ ('c' >> 5);
        chk = polymodStep(chk);
        chk = polymodStep(chk) ^ ('b' & 31);
        chk = polymodStep(chk) ^ ('c' & 31);
        int version = -1;
        for (int i = from + 3; i < to; i++) {
            char c = s.charAt(i);
            int v = c < 128 ? BECH32_VALUE[c] : -1;
            if (v < 0) return false;
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
            if (version < 0) version = v;
            chk = polymodStep(chk) ^ v;
        }
        if (lower && upper) return false; // one case, as BIP-173 requires
        if (version == 0) return chk == 1;
        return version <= 16 && chk == 0x2bc830a3;
    }

    private static int polymodStep(int pre) {
        int b = pre >>> 25;
        int chk = (pre & 0x1ffffff) << 5;
        if ((b & 1) != 0) chk ^= 0x3b6a57b2;
        if ((b & 2) != 0) chk ^= 0x26508e6d;
        if ((b & 4) != 0) chk ^= 0x1ea119fa;
        if ((b & 8) != 0) chk ^= 0x3d4233dd;
        if ((b & 16) != 0) chk ^= 0x2a1462b3;
        return chk;
    }
}
