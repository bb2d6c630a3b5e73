package dev.vigil.schema.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.flink.shaded.guava31.com.google.common.hash.Hashing;
import org.junit.jupiter.api.Test;

/**
 * Derived event IDs must not change between versions (a replay after an upgrade must overwrite, not duplicate), so
 * the hash is checked against an implementation we did not write: Guava's MurmurHash3 x64 128.
 */
class ContentHashTest {

    @Test
    void hashesAsGuavasMurmur3OfEveryTailLengthAndOffset() {
        Random random = new Random(7);
        for (int length = 0; length <= 300; length++) {
            byte[] data = new byte[length + 5];
            random.nextBytes(data);
            for (int offset : new int[] {0, 3}) {
                byte[] guava =
                        Hashing.murmur3_128().hashBytes(data, offset, length).asBytes();
                ByteBuffer expected = ByteBuffer.wrap(guava).order(ByteOrder.LITTLE_ENDIAN);
                long[] ours = ContentHash.hash128(data, offset, length, 0);
                assertThat(ours)
                        .as("length %d offset %d", length, offset)
                        .containsExactly(expected.getLong(0), expected.getLong(8));
            }
        }
    }

    @Test
    void writesTheHashAs32LowerCaseHexCharactersHighHalfFirst() {
        byte[] data = "{\"type\":\"agent_log\"}".getBytes(StandardCharsets.UTF_8);
        long[] h = ContentHash.hash128(data);
        assertThat(ContentHash.hex128(data)).isEqualTo(String.format("%016x%016x", h[0], h[1]));
        assertThat(ContentHash.hex128(new byte[0])).isEqualTo("00000000000000000000000000000000");
    }

    @Test
    void writes64BitHashesAsTheFormatterWould() {
        java.util.List<String> inputs = new java.util.ArrayList<>(
                java.util.List.of("", "a", "payments", "stack\u0000svc\u0000java.io.IOException", "é中"));
        // enough strings that some hashes start with zero digits (the padding) and some are negative
        for (int i = 0; i < 300; i++) inputs.add("group-" + i);
        assertThat(inputs).anyMatch(s -> ContentHash.hash64(s) >>> 60 == 0).anyMatch(s -> ContentHash.hash64(s) < 0);
        for (String s : inputs) {
            assertThat(ContentHash.hex64(s))
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%016x", ContentHash.hash64(s)))
                    .hasSize(16);
        }
    }

    @Test
    void givesEachRecordOfOneMessageItsOwnStableId() {
        long[] message = ContentHash.hash128("request".getBytes(StandardCharsets.UTF_8));
        assertThat(ContentHash.hex128(message, 0))
                .isEqualTo(ContentHash.hex128(message, 0))
                .hasSize(32);
        assertThat(ContentHash.hex128(message, 0)).isNotEqualTo(ContentHash.hex128(message, 1));
    }
}
