package dev.vigil.schema.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void acceptsValidText() {
        assertThat(Utf8.isValid("plain ascii".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid("café ✓ 𝄞 日本".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
    }

    @Test
    void rejectsMalformedSequences() {
        assertThat(Utf8.isValid(new byte[] {'a', (byte) 0xC3, 0x28}))
                .as("bad continuation")
                .isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0xAF}))
                .as("overlong /")
                .isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))
                .as("surrogate")
                .isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}))
                .as("above U+10FFFF")
                .isFalse();
        assertThat(Utf8.isValid(new byte[] {'a', (byte) 0xE2, (byte) 0x82}))
                .as("truncated")
                .isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xFF})).isFalse();
    }

    @Test
    void aNonAsciiByteIsSeenAtEveryOffsetOfTheEightByteScan() {
        for (int at = 0; at < 40; at++) {
            byte[] b = "0123456789abcdefghijklmnopqrstuvwxyzABCD".getBytes(StandardCharsets.US_ASCII);
            b[at] = (byte) 0xFF;
            assertThat(Utf8.isValid(b)).as("0xFF at " + at).isFalse();
            b[at] = (byte) 0xC3; // starts a 2-byte sequence: valid only if followed by a continuation byte
            if (at + 1 < b.length) b[at + 1] = (byte) 0xA9;
            assertThat(Utf8.isValid(b)).as("é at " + at).isEqualTo(at + 1 < b.length);
        }
    }

    @Test
    void refusesRawNulBytesSoUtf16AndUtf32AreNeverDecoded() {
        String json = "{\"type\":\"agent_log\",\"message\":\"m\"}";
        for (String charset : new String[] {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"}) {
            assertThat(Utf8.isValid(json.getBytes(java.nio.charset.Charset.forName(charset))))
                    .as(charset)
                    .isFalse();
        }
        for (int at = 0; at < 24; at++) {
            byte[] b = "0123456789abcdefghijklmn".getBytes(StandardCharsets.US_ASCII);
            b[at] = 0;
            assertThat(Utf8.isValid(b)).as("NUL at " + at).isFalse();
        }
    }

    @Test
    void agreesWithTheJdkStrictDecoderOnRandomInput() {
        java.util.Random r = new java.util.Random(11);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++)
                b[i] = (byte) (r.nextInt(10) < 8 ? 0x20 + r.nextInt(0x5F) : r.nextInt(256));
            boolean jdk;
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(b));
                jdk = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                jdk = false;
            }
            boolean nul = false;
            for (byte x : b) nul |= x == 0;
            assertThat(Utf8.isValid(b))
                    .as(java.util.HexFormat.of().formatHex(b))
                    .isEqualTo(jdk && !nul);
        }
    }
}
