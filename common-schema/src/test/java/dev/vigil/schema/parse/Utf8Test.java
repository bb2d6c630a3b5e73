package dev.vigil.schema.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void acceptsValidText() {
        assertThat(Utf8.isValid("plain ascii".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid("café ✓ 𝄞 日本".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void rejectsMalformedSequences() {
        assertThat(Utf8.isValid(new byte[] {'a', (byte) 0xC3, 0x28})).as("bad continuation").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0xAF})).as("overlong /").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).as("surrogate").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).as("above U+10FFFF").isFalse();
        assertThat(Utf8.isValid(new byte[] {'a', (byte) 0xE2, (byte) 0x82})).as("truncated").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xFF})).isFalse();
    }
}
