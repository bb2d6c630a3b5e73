package dev.vigil.client;

import java.util.Random;

/** Text no formatter here would produce: any code point, control characters, NUL and unpaired surrogates. */
final class RandomText {
    private RandomText() {}

    static String any(Random r, int maxLength) {
        int n = r.nextInt(maxLength + 1);
        StringBuilder b = new StringBuilder(n);
        while (b.length() < n) {
            switch (r.nextInt(8)) {
                case 0 -> b.append((char) r.nextInt(0x20)); // control, NUL included
                case 1 -> b.append((char) (0xD800 + r.nextInt(0x800))); // a lone surrogate, high or low
                case 2 -> b.appendCodePoint(0x10000 + r.nextInt(0x10FFFF - 0x10000)); // astral, e.g. emoji
                case 3 -> b.append("\"\\/\u2028\u2029");
                case 4 -> b.appendCodePoint(0x0590 + r.nextInt(0x200)); // Hebrew, Arabic
                default -> b.append((char) (0x20 + r.nextInt(0x5F)));
            }
        }
        return b.toString();
    }
}
