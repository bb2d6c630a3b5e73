package dev.vigil.schema.masking;

import static dev.vigil.schema.masking.PiiScanner.allLetters;
import static dev.vigil.schema.masking.PiiScanner.isAlnum;
import static dev.vigil.schema.masking.PiiScanner.isLetter;

/**
 * E-mail addresses for {@link PiiScanner}: around an {@code @} (or {@code %40} in a URL's query string), and written
 * out against harvesters ({@code john [at] example [dot] com}).
 */
final class EmailAddresses {
    private final PiiScanner scanner;

    EmailAddresses(PiiScanner scanner) {
        this.scanner = scanner;
    }

    /** Addresses with {@code at} between local part and domain: "@", or "%40" in a URL's query string. */
    void scan(String s, String atSign) {
        int n = s.length();
        int from = 0;
        int at;
        while ((at = s.indexOf(atSign, from)) >= 0) {
            from = at + atSign.length();
            int l = at - 1;
            while (l >= 0 && (isLocalChar(s.charAt(l)) || apostropheInName(s, l, at))) l--;
            int localStart = l + 1;
            while (localStart < at && s.charAt(localStart) == '.') localStart++;
            if (localStart == at || at - localStart > 64 || inUrlUserinfo(s, localStart)) continue;
            int domainStart = at + atSign.length();
            int r = domainStart;
            while (r < n && isDomainChar(s.charAt(r))) r++;
            int domainEnd = r;
            while (domainEnd > domainStart && (s.charAt(domainEnd - 1) == '.' || s.charAt(domainEnd - 1) == '-'))
                domainEnd--;
            if (!validDomain(s, domainStart, domainEnd) || gitRemote(s, localStart, at, domainEnd)) continue;
            scanner.add(localStart, domainEnd, PiiKind.EMAIL);
            from = domainEnd;
        }
    }

    /**
     * An address written out against harvesters around the bracketed {@code at} whose opening bracket is at {@code open}:
     * {@code john [at] example [dot] com}, {@code jane.doe(at)example(dot)org}, {@code support {at} acme.io}; the
     * domain's dots as dots or bracketed {@code dot}s, ending in a label of letters. Returns its end, or -1.
     */
    int writtenOut(String s, int open) {
        if ((s.charAt(open + 2) | 0x20) != 't') return -1;
        int l = open;
        if (l > 0 && s.charAt(l - 1) == ' ') l--;
        int localEnd = l;
        while (l > 0 && localEnd - l <= 64 && isLocalChar(s.charAt(l - 1))) l--;
        if (l == localEnd || localEnd - l > 64) return -1;
        int domainEnd = writtenOutDomainEnd(s, open + 4);
        if (domainEnd < 0) return -1;
        scanner.add(l, domainEnd, PiiKind.EMAIL);
        return domainEnd;
    }

    /** The bracket that closes {@code open} (one of {@code [ ( { <}), or a character no text closes with. */
    static char closer(char open) {
        return open == '[' ? ']' : open == '(' ? ')' : open == '{' ? '}' : open == '<' ? '>' : '\uFFFF';
    }

    /** The end of a domain of two labels or more after a written-out at sign, or -1. */
    private static int writtenOutDomainEnd(String s, int from) {
        int n = s.length();
        int k = from < n && s.charAt(from) == ' ' ? from + 1 : from;
        int labels = 0;
        int end = -1;
        for (int steps = 0; steps < 8; steps++) {
            int e = k;
            while (e < n && e - k <= 63 && (isAlnum(s.charAt(e)) || s.charAt(e) == '-')) e++;
            if (e == k) return -1;
            labels++;
            if (labels >= 2 && allLetters(s, k, e) && e - k >= 2) end = e;
            int next = afterWrittenOutDot(s, e);
            if (next < 0) return labels >= 2 ? end : -1;
            k = next;
        }
        return end;
    }

    /** After a dot between labels at {@code at}: {@code .}, {@code [dot]}, {@code (dot)}, {@code {dot}}, spaced or not; or -1. */
    private static int afterWrittenOutDot(String s, int at) {
        int n = s.length();
        if (at + 1 < n && s.charAt(at) == '.' && isAlnum(s.charAt(at + 1))) return at + 1;
        int k = at < n && s.charAt(at) == ' ' ? at + 1 : at;
        if (k + 4 >= n) return -1;
        char open = s.charAt(k);
        if (open != '[' && open != '(' && open != '{' && open != '<') return -1;
        if (!s.regionMatches(true, k + 1, "dot", 0, 3) || s.charAt(k + 4) != closer(open)) return -1;
        k += 5;
        if (k < n && s.charAt(k) == ' ') k++;
        return k < n && isAlnum(s.charAt(k)) ? k : -1;
    }

    /**
     * A Git remote over SSH, {@code git@github.com:org/repo.git} (scp's syntax: the path after a colon): the forge's
     * shared SSH user, no one's address.
     */
    private static boolean gitRemote(String s, int localStart, int at, int domainEnd) {
        return at - localStart == 3
                && s.startsWith("git", localStart)
                && domainEnd < s.length()
                && s.charAt(domainEnd) == ':';
    }

    /** {@code scheme://user:password@host}: the password before '@' is no e-mail's local part ({@link SecretAssignments#scanUrlCredentials}). */
    private static boolean inUrlUserinfo(String s, int localStart) {
        if (localStart == 0 || s.charAt(localStart - 1) != ':') return false;
        for (int i = localStart - 2, stop = Math.max(0, localStart - 512); i >= stop + 2; i--) {
            char c = s.charAt(i);
            if (c == '/' && s.charAt(i - 1) == '/' && s.charAt(i - 2) == ':') return true;
            if (c == '/' || c == '@' || c == ' ' || c == '\t' || c == '\n') return false;
        }
        return false;
    }

    private static boolean validDomain(String s, int from, int to) {
        int lastDot = -1;
        int labelLen = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (labelLen == 0) return false;
                lastDot = i;
                labelLen = 0;
            } else {
                labelLen++;
            }
        }
        if (lastDot < 0 || to - lastDot - 1 < 2) return false;
        for (int i = lastDot + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!isLetter(c) && !(c > 127 && Character.isLetter(c))) return false; // .com, .中国
        }
        return true;
    }

    /** An apostrophe between letters inside a local part: {@code jane.o'hara@...}, not the quote before a word. */
    private static boolean apostropheInName(String s, int i, int at) {
        return s.charAt(i) == '\'' && i > 0 && i + 1 < at && isLetter(s.charAt(i - 1)) && isLocalChar(s.charAt(i + 1));
    }

    /** ASCII local-part characters, and any letter or digit beyond ASCII (internationalised addresses, RFC 6531). */
    private static boolean isLocalChar(char c) {
        return isAlnum(c)
                || c == '.'
                || c == '_'
                || c == '%'
                || c == '+'
                || c == '-'
                || (c > 127 && Character.isLetterOrDigit(c));
    }

    /** ASCII host-name characters, and letters and digits beyond ASCII (internationalised domain names). */
    private static boolean isDomainChar(char c) {
        return isAlnum(c) || c == '.' || c == '-' || (c > 127 && Character.isLetterOrDigit(c));
    }
}
