package dev.vigil.client;

/**
 * Makes any Java string acceptable where the contract puts it, so an odd value changes a character instead of
 * dead-lettering the whole event: labels (logger, metric and operation names) without control characters and at
 * most 256 characters, free text without unpaired surrogates (no UTF-8 can hold them) and within a size that
 * keeps the event under the parser's message limit.
 */
public final class Text {
    static final int MAX_LABEL = 256;
    /** Characters of one free-text field (messages); the parser accepts events of up to 1 MiB. */
    static final int MAX_TEXT = 32 * 1024;

    private Text() {}

    /** Free text: unpaired surrogates become U+FFFD, beyond {@link #MAX_TEXT} cut (marked with an ellipsis). */
    static String text(String s) {
        if (s == null) return null;
        if (s.length() > MAX_TEXT) s = s.substring(0, MAX_TEXT - 1) + '\u2026';
        return wellFormed(s);
    }

    /** A label: control characters (but tab and newline) become spaces, longer than 256 cut; never empty. */
    static String label(String s) {
        if (s == null || s.isEmpty()) return null;
        if (s.length() > MAX_LABEL) s = s.substring(0, MAX_LABEL);
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n') {
                if (out == null) out = s.toCharArray();
                out[i] = ' ';
            }
        }
        return wellFormed(out == null ? s : new String(out));
    }

    /** An identifier: 1-{@code max} printable ASCII characters without spaces, else null (not sent). */
    public static String token(String s, int max) {
        if (s == null || s.isEmpty() || s.length() > max) return null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E) return null;
        }
        return s;
    }

    private static String wellFormed(String s) {
        char[] out = null;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            if (out == null) out = s.toCharArray();
            out[i] = '\uFFFD';
        }
        return out == null ? s : new String(out);
    }
}
