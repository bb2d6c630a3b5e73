package dev.vigil.schema.masking;

import static dev.vigil.schema.masking.PiiScanner.isAlnum;
import static dev.vigil.schema.masking.PiiScanner.isDigit;
import static dev.vigil.schema.masking.PiiScanner.isOneOf;
import static dev.vigil.schema.masking.PiiScanner.isWordChar;

/**
 * A card's expiry after a word for it, for {@link FreeTextTokens} and {@link SecretAssignments}: masked as a secret,
 * since a card's default partial mask would keep the expiry's four digits.
 */
final class CardExpiry {
    /** Not "expires": "the offer expires 12/25" is a day as often as a card's month. */
    static final String[] EXPIRY_WORDS = {"exp", "expiry", "expiration", "expira", "vence"};

    /**
     * "valid thru", "gültig bis": their last words, after one of {@link #VALID_WORDS}; not "through", so common a word
     * that its look-up cost every message that has it.
     */
    static final String[] THRU_WORDS = {"thru", "bis"};

    private static final String[] VALID_WORDS = {"valid", "good", "gültig"};

    private final PiiScanner scanner;

    CardExpiry(PiiScanner scanner) {
        this.scanner = scanner;
    }

    /**
     * A card's expiry month after a word for it ({@code exp 12/27}, {@code expiry: 08/2026}, {@code expiration date
     * 1/29}, {@code valid thru 09/28}, {@code gültig bis 03/27}) at {@code s[part, afterKey)}, the word's last part:
     * masked as a secret, since a card's default partial mask would keep the expiry's four digits. Returns its end, or
     * -1 when the word is none of those or no month and year follow.
     */
    int end(String s, int part, int afterKey) {
        if (isOneOf(s, part, afterKey, THRU_WORDS)) {
            int w = wordBefore(s, part);
            if (w < 0 || !isOneOf(s, w, wordEnd(s, w), VALID_WORDS)) return -1;
        } else if (!isOneOf(s, part, afterKey, EXPIRY_WORDS)) {
            return -1;
        }
        int n = s.length();
        int v = afterKey;
        while (v < n && (s.charAt(v) == ' ' || s.charAt(v) == ':' || s.charAt(v) == '.')) v++;
        if (s.regionMatches(true, v, "date", 0, 4)) {
            v += 4;
            while (v < n && (s.charAt(v) == ' ' || s.charAt(v) == ':')) v++;
        }
        int e = v;
        while (e < n && e - v <= 2 && isDigit(s.charAt(e))) e++;
        int digits = e - v;
        if (digits < 1 || digits > 2 || e + 2 >= n || s.charAt(e) != '/') return -1;
        int month = digits == 1 ? s.charAt(v) - '0' : (s.charAt(v) - '0') * 10 + s.charAt(v + 1) - '0';
        int y = e + 1;
        int ye = y;
        while (ye < n && ye - y <= 4 && isDigit(s.charAt(ye))) ye++;
        if ((ye - y != 2 && ye - y != 4) || month < 1 || month > 12 || !numberEnds(s, ye)) return -1;
        scanner.add(v, ye, PiiKind.DENIED_FIELD);
        return ye;
    }

    /** Whether a key's first letter is one of {@link #EXPIRY_WORDS}' or {@link #THRU_WORDS}'. */
    static boolean mayBeNamed(char first) {
        char f = (char) (first | 0x20);
        return f == 'e' || f == 'v' || f == 't' || f == 'b';
    }

    /** Whether a number ends at {@code e}: not followed by a letter, a digit or another group ({@code 123-4}, {@code 1.5}). */
    private static boolean numberEnds(String s, int e) {
        if (e >= s.length()) return true;
        char c = s.charAt(e);
        if (isAlnum(c) || c == '_') return false;
        return !((c == '/' || c == '-' || c == '.' || c == ':') && e + 1 < s.length() && isDigit(s.charAt(e + 1)));
    }

    /** Where the word before {@code at} starts, across one blank; -1 when none is there. */
    private static int wordBefore(String s, int at) {
        int p = at - 1;
        if (p < 1 || s.charAt(p) != ' ') return -1;
        p--;
        int end = p + 1;
        while (p >= 0 && end - p <= 16 && isWordChar(s.charAt(p))) p--;
        return p + 1 < end ? p + 1 : -1;
    }

    private static int wordEnd(String s, int from) {
        int e = from;
        while (e < s.length() && isWordChar(s.charAt(e))) e++;
        return e;
    }
}
