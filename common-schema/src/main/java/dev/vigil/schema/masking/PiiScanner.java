package dev.vigil.schema.masking;

import java.util.Arrays;

/**
 * Finds PII spans in text in linear time: each detector is a hand-written scan over maximal runs
 * of candidate characters, never a backtracking regex, so adversarial input (megabytes of digits,
 * {@code @} or dots) costs the same per character as ordinary text.
 *
 * <p>Each kind of value has its own class, which reports its spans back here: {@link EmailAddresses}, {@link
 * DigitRuns} (cards, phones, IPv4 addresses, national IDs by their format), {@link NetworkAddresses} (IPv6, MAC),
 * {@link Ibans}, {@link PasswordHashes}, {@link SecretAssignments} (secrets named by a key, in URLs, XML, PEM), {@link
 * FreeTextTokens} (tokens and keys in free text, and the national IDs, command lines, prose credentials and crypto
 * addresses a token starts), {@link CardExpiry}. This class decides which of them a text needs, keeps the spans, and
 * holds the character and word helpers the parts share.
 *
 * <p>Spans are reported as [start, end) pairs with a {@link PiiKind}. Not thread-safe (reuses buffers).
 */
public final class PiiScanner {
    /** {@link PiiKind#values()} once: each call of it copies the array. */
    private static final PiiKind[] KINDS = PiiKind.values();

    private long[] spans = new long[16]; // (start << 32 | end), kinds in parallel
    private byte[] kinds = new byte[16];
    private int count;

    final EmailAddresses emails = new EmailAddresses(this);

    private final DigitRuns digitRuns = new DigitRuns(this);

    private final NetworkAddresses networkAddresses = new NetworkAddresses(this);

    private final Ibans ibans = new Ibans(this);

    final CommandLineSecrets commandLines = new CommandLineSecrets(this);

    final CardExpiry cardExpiry = new CardExpiry(this);

    private final FreeTextTokens tokens = new FreeTextTokens(this);

    final ProseCredentials proseCredentials = new ProseCredentials(this);

    private final SecretAssignments secretAssignments = new SecretAssignments(this);

    /** Scans {@code s}; returns the number of spans, read back with {@link #start}, {@link #end}, {@link #kind}. */
    public int scan(String s) {
        count = 0;
        int n = s.length();
        if (n == 0) return 0;
        boolean hasAt = false;
        int digits = 0;
        boolean hasColon = false;
        boolean hasEquals = false;
        boolean hasUpper = false;
        boolean hasLowerKeyStart = false;
        boolean hasLt = false;
        boolean hasPercent = false;
        boolean hasNonAscii = false; // a word of another script, with the number it names (身份证号码 1101...)
        boolean hasComma = false; // header pairs: ("x-api-key", "..."), rawHeaders
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') digits++;
            else if (c == '@') hasAt = true;
            else if (c == ':' || c == '\uFF1A') hasColon = true; // and the full-width colon of CJK text
            else if (c == '=') hasEquals = true;
            else if (c >= 'A' && c <= 'Z') hasUpper = true;
            else if (c == '<') hasLt = true;
            else if (c == '%') hasPercent = true;
            else if (c >= 0x80) hasNonAscii = true;
            else if (c == ',') hasComma = true;
            else if (c == 'e'
                    || c == 's'
                    || c == 'r'
                    || c == 'p'
                    || c == 'g'
                    || c == 'x'
                    || c == 'b'
                    || c == 'h'
                    || c == 'n'
                    || c == 'k'
                    || c == 't'
                    || c == 'u'
                    || VendorKeys.mayStartWith(c)) hasLowerKeyStart = true;
        }
        if (hasAt) {
            emails.scan(s, "@");
            commandLines.scanOracleLogons(s);
        }
        if (hasPercent) {
            emails.scan(s, "%40");
            secretAssignments.scanPercentEncoded(s);
        }
        boolean hasDigit = digits > 0;
        if (hasDigit) digitRuns.scan(s);
        if (hasColon) networkAddresses.scanIpv6(s);
        if (hasColon || hasEquals) secretAssignments.scan(s);
        if (hasColon) secretAssignments.scanUrlCredentials(s);
        if (hasLt) secretAssignments.scanXmlSecrets(s);
        if (hasComma) secretAssignments.scanHeaderPairs(s);
        if (hasUpper) secretAssignments.scanPrivateKeys(s);
        scanPasswordHashes(s); // by String.indexOf, whose search for a '$' is vectorised: not in the loop above
        networkAddresses.scanDashedMacs(s);
        networkAddresses.scanDottedMacs(s);
        if (hasUpper || hasLowerKeyStart || (hasNonAscii && hasDigit)) {
            tokens.scan(s, digits >= NationalIds.MIN_DIGITS);
        }
        if (hasUpper && hasDigit) ibans.scan(s);
        normalize();
        return count;
    }

    private void scanPasswordHashes(String s) {
        int at = s.indexOf('$');
        while (at >= 0) {
            int e = PasswordHashes.end(s, at);
            if (e > 0) add(at, e, PiiKind.DENIED_FIELD);
            at = s.indexOf('$', Math.max(e, at + 1));
        }
    }

    public int start(int i) {
        return (int) (spans[i] >>> 32);
    }

    public int end(int i) {
        return (int) spans[i];
    }

    public PiiKind kind(int i) {
        return KINDS[kinds[i]];
    }

    // ---- spans ---------------------------------------------------------------------------------

    /**
     * Adds a span whose kind wins over the spans found inside it before: "SSN 219 09 9999" is a national ID, though the
     * digit runs ({@link DigitRuns}), which come first, took it for a phone.
     */
    void addOver(int start, int end, PiiKind kind) {
        for (int k = 0; k < count; k++) {
            if ((int) (spans[k] >>> 32) >= start && (int) spans[k] <= end) kinds[k] = (byte) kind.ordinal();
        }
        add(start, end, kind);
    }

    void add(int start, int end, PiiKind kind) {
        if (count == spans.length) {
            spans = Arrays.copyOf(spans, count * 2);
            kinds = Arrays.copyOf(kinds, count * 2);
        }
        spans[count] = ((long) start << 32) | (end & 0xFFFFFFFFL);
        kinds[count] = (byte) kind.ordinal();
        count++;
    }

    /** Sorts by start and merges overlaps (the earlier span's kind wins). */
    private void normalize() {
        if (count <= 1) return;
        boolean sorted = true;
        for (int i = 1; i < count && sorted; i++) sorted = spans[i - 1] <= spans[i];
        if (!sorted) {
            // sort (start, index) pairs as primitive longs: no boxing, O(n log n) even for megabytes of spans
            long[] order = new long[count];
            for (int i = 0; i < count; i++) order[i] = (spans[i] >>> 32) << 32 | i;
            Arrays.sort(order);
            long[] ns = new long[spans.length];
            byte[] nk = new byte[kinds.length];
            for (int i = 0; i < count; i++) {
                int from = (int) order[i];
                ns[i] = spans[from];
                nk[i] = kinds[from];
            }
            spans = ns;
            kinds = nk;
        }
        int w = 0;
        for (int i = 1; i < count; i++) {
            int curEnd = (int) spans[w];
            int nextStart = (int) (spans[i] >>> 32);
            if (nextStart < curEnd) {
                int nextEnd = (int) spans[i];
                if (nextEnd > curEnd) spans[w] = (spans[w] & 0xFFFFFFFF00000000L) | (nextEnd & 0xFFFFFFFFL);
            } else {
                w++;
                spans[w] = spans[i];
                kinds[w] = kinds[i];
            }
        }
        count = w + 1;
    }

    // ---- character and word helpers the parts share ----------------------------------------------

    static int skipBlanks(String s, int from) {
        int v = from;
        while (v < s.length() && (s.charAt(v) == ' ' || s.charAt(v) == '\t')) v++;
        return v;
    }

    static boolean allLetters(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isLetter(s.charAt(i))) return false;
        }
        return true;
    }

    /** At least one ASCII letter and one digit: random keys have both, words and hyphenated names rarely do. */
    static boolean lettersAndDigits(String s, int from, int to) {
        boolean letter = false;
        boolean digit = false;
        for (int i = from; i < to && !(letter && digit); i++) {
            char c = s.charAt(i);
            letter |= isLetter(c);
            digit |= isDigit(c);
        }
        return letter && digit;
    }

    static boolean isTokenChar(char c) {
        return isAlnum(c) || c == '_' || c == '-' || c == '.';
    }

    /** A letter of any script, with the marks that Indic scripts write vowels with ({@code पासवर्ड}). */
    static boolean isWordChar(char c) {
        if (c < 0x80) return isLetter(c);
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    static boolean isOneOf(String s, int from, int to, String[] words) {
        for (String w : words) {
            if (w.length() == to - from && s.regionMatches(true, from, w, 0, w.length())) return true;
        }
        return false;
    }

    static int unquotedEnd(String s, int from) {
        int e = from;
        while (e < s.length()) {
            char c = s.charAt(e);
            if (c == '&' || c == ';' || c == ',' || c == '}' || c == '"' || c == '\'' || c == ' ' || c == '\t'
                    || c == '\n' || c == '\r') break;
            e++;
        }
        return e;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isAlnum(char c) {
        return isDigit(c) || isLetter(c);
    }

    /** Whether {@code %HL}, a percent-encoded character (the letter in either case), is at {@code at}. */
    static boolean percentEncoded(String s, int at, char high, char low) {
        return at + 2 < s.length()
                && s.charAt(at) == '%'
                && s.charAt(at + 1) == high
                && (s.charAt(at + 2) | 0x20) == (low | 0x20);
    }

    static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
