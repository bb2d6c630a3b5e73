package dev.vigil.schema.masking;

import java.util.Arrays;
import java.util.Locale;

/**
 * Words found in a message by one look-up of their first letter and length, ignoring case, each with an index its
 * owner keeps facts by (the lists it is in, the pairs it starts): comparing each candidate word with every word of
 * several lists in turn cost a third of masking real log lines. Filled once, in a static initialiser; read-only after.
 */
final class WordTable {
    private static final int MAX_LENGTH = 31;

    private String[] words = new String[0];
    /** By {@link #slot}: the indexes of the words there. */
    private final int[][] bySlot = new int[128 * 32][];

    /** Adds a word (stored in lower case) unless it is there; returns its index. */
    int add(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        int index = Arrays.asList(words).indexOf(lower);
        if (index >= 0) return index;
        if (lower.length() > MAX_LENGTH) throw new IllegalStateException("word too long for the table: " + lower);
        index = words.length;
        words = Arrays.copyOf(words, index + 1);
        words[index] = lower;
        int at = slot(lower.charAt(0), lower.length());
        int[] here = bySlot[at] == null ? new int[0] : bySlot[at];
        bySlot[at] = Arrays.copyOf(here, here.length + 1);
        bySlot[at][here.length] = index;
        return index;
    }

    int size() {
        return words.length;
    }

    /** The index of {@code s[from, to)} among the words, ignoring case; -1 when it is none of them. */
    int find(String s, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > MAX_LENGTH) return -1;
        int[] here = bySlot[slot(s.charAt(from), length)];
        if (here == null) return -1;
        for (int i : here) {
            if (s.regionMatches(true, from, words[i], 0, length)) return i;
        }
        return -1;
    }

    /** The same slot for every spelling {@link String#regionMatches(boolean, int, String, int, int)} equates. */
    private static int slot(char first, int length) {
        char c = first < 0x80
                ? (first >= 'A' && first <= 'Z' ? (char) (first | 0x20) : first)
                : Character.toLowerCase(Character.toUpperCase(first));
        return (c & 0x7F) << 5 | length;
    }
}
