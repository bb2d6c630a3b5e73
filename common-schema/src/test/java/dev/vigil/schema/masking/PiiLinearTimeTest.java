package dev.vigil.schema.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adversarial 1 MB inputs must mask in time proportional to their length: a backtracking or
 * rescanning detector would take minutes here, a linear one milliseconds. The bounds are generous
 * (hundreds of times a plain scan) so a busy CI machine does not flake.
 */
class PiiLinearTimeTest {
    private static final int MB = 1 << 20;

    @ParameterizedTest
    @ValueSource(strings = {"digits", "digit-groups", "at-signs", "dots", "dotted-quads", "colons", "email-chain", "jwt-prefixes",
            "bearer-words", "iban-prefixes", "mixed"})
    void masksAdversarialMegabytesInLinearTime(String shape) {
        IntFunction<String> input = size -> adversarial(shape, size);
        PiiMasker masker = new PiiMasker(MaskingRules.defaults(), "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        String big = input.apply(MB);
        String sixteenth = input.apply(MB / 16);
        masker.mask(sixteenth); // warm up
        long plain = bestOf(() -> plainScan(big));
        long full = bestOf(() -> masker.mask(big).length());
        long small = bestOf(() -> masker.mask(sixteenth).length());
        System.out.printf("%-14s 1MB: mask %6.1f ms, plain scan %5.2f ms, ratio %5.1f; 16x input -> %.1fx time%n",
                shape, full / 1e6, plain / 1e6, (double) full / plain, (double) full / small);
        assertThat(full).as("1 MB masked within 500x a plain scan (or 250 ms)").isLessThan(Math.max(500 * plain, 250_000_000L));
        // linear: ~16x; quadratic: ~256x. The bound leaves room for a noisy machine.
        assertThat((double) full / Math.max(small, 1)).as("16x the input costs about 16x the time, not 256x").isLessThan(64.0);
    }

    private static String adversarial(String shape, int size) {
        StringBuilder sb = new StringBuilder(size + 64);
        String unit;
        switch (shape) {
            case "digits": unit = "1"; break;
            case "digit-groups": unit = "4111 "; break;
            case "at-signs": unit = "@"; break;
            case "dots": unit = "."; break;
            case "dotted-quads": unit = "1.2."; break;
            case "colons": unit = "a:"; break;
            case "email-chain": unit = "a@b."; break;
            case "jwt-prefixes": unit = "eyJ."; break;
            case "bearer-words": unit = "Bearer "; break;
            case "iban-prefixes": unit = "DE89 "; break;
            default: unit = "x@y.z 4111-1111 10.0.0 eyJa.eyJb Bearer AKIA ::1:: +1 (555) ";
        }
        while (sb.length() < size) sb.append(unit);
        sb.setLength(size);
        return sb.toString();
    }

    private static long plainScan(String s) {
        long sum = 0;
        for (int i = 0; i < s.length(); i++) sum += s.charAt(i);
        return sum;
    }

    private static long bestOf(java.util.function.LongSupplier work) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            work.getAsLong();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }
}
