package dev.vigil.schema.masking;

import static dev.vigil.schema.masking.PiiScanner.isAlnum;
import static dev.vigil.schema.masking.PiiScanner.isDigit;
import static dev.vigil.schema.masking.PiiScanner.isLetter;
import static dev.vigil.schema.masking.PiiScanner.percentEncoded;

import java.util.Arrays;

/**
 * Card numbers, phone numbers, IPv4 addresses and the national IDs whose format alone tells them, for {@link
 * PiiScanner}: each maximal run of digit groups (with {@code +}, parentheses, spaces, dashes, dots or an area code's
 * slash between them) is read once, then windows of its groups are classified, longest first.
 */
final class DigitRuns {
    private final PiiScanner scanner;

    // group start, group end, separator before the group
    private int[] gStart = new int[32];
    private int[] gEnd = new int[32];
    private char[] gSep = new char[32];

    /**
     * Phone-number plans consulted per scan at most: a number plan check costs microseconds, so a
     * message of thousands of digit groups (a hostile or a binary dump) would cost seconds. Beyond the
     * budget, runs are judged by the shape rules alone.
     */
    static final int PHONE_PLAN_BUDGET = 16;

    private int phonePlanChecks;

    private final int[] idDigits = new int[14];

    DigitRuns(PiiScanner scanner) {
        this.scanner = scanner;
    }

    void scan(String s) {
        phonePlanChecks = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            boolean digitStart = isDigit(c);
            // %2B15551234567: a plus percent-encoded in a form or query string, as Twilio's webhooks post From and To
            boolean prefixStart = ((c == '+' || c == '(') && i + 1 < n && isDigit(s.charAt(i + 1)))
                    || parenthesisedPlus(s, i)
                    || (c == '%' && i + 3 < n && percentEncoded(s, i, '2', 'B') && isDigit(s.charAt(i + 3)));
            if (!digitStart && !prefixStart) {
                i++;
                continue;
            }
            // blk_-4430291708660291878: after an underscore, a minus belongs to the word as the digits do
            boolean gluedMinus = i > 1 && s.charAt(i - 1) == '-' && s.charAt(i - 2) == '_';
            if (i > 0 && (isAlnum(s.charAt(i - 1)) || s.charAt(i - 1) == '_' || gluedMinus)) {
                // inside a word: skip it; "alert(1" or "a+1" start with a non-word char, which must be stepped over too
                i++;
                while (i < n && (isAlnum(s.charAt(i)) || s.charAt(i) == '_')) i++;
                continue;
            }
            // 13:53:08, 00:00:04.500 25746, HAProxy's timers 0/0/1/23/24 200: after a digit and a colon or slash the
            // digits go on the number before (a time, its fraction too; a list)
            if (digitStart && i > 1 && (s.charAt(i - 1) == ':' || s.charAt(i - 1) == '/') && isDigit(s.charAt(i - 2))) {
                while (i < n && isDigit(s.charAt(i))) i++;
                if (i + 1 < n && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
                    i++;
                    while (i < n && isDigit(s.charAt(i))) i++;
                }
                continue;
            }
            i = numericRun(s, i);
        }
    }

    /** A country code in parentheses with its plus, as UK and European sites write it: {@code (+44) 20 7946 0958}. */
    private static boolean parenthesisedPlus(String s, int i) {
        return s.charAt(i) == '(' && i + 2 < s.length() && s.charAt(i + 1) == '+' && isDigit(s.charAt(i + 2));
    }

    /** Reads the digit groups starting at {@code i}, classifies windows of them, returns the run's end. */
    private int numericRun(String s, int i) {
        int n = s.length();
        boolean parenthesisedPlus = parenthesisedPlus(s, i);
        boolean encodedPlus = s.charAt(i) == '%';
        // WhatsApp's click-to-chat link holds the number in international form without its plus: wa.me/15551234567
        boolean waMe = i >= 6 && s.startsWith("wa.me/", i - 6);
        boolean plus = s.charAt(i) == '+' || parenthesisedPlus || encodedPlus || waMe;
        int groups = 0;
        char sep = plus ? '+' : '^';
        int p = i;
        if (plus && !waMe) p += parenthesisedPlus ? 2 : encodedPlus ? 3 : 1;
        while (p < n) {
            boolean paren = s.charAt(p) == '(';
            int gs = paren ? p + 1 : p;
            int q = gs;
            while (q < n && isDigit(s.charAt(q))) q++;
            if (q == gs) break;
            if (paren) {
                // a trunk prefix and an area code in one pair of parentheses, as Hungary and Lithuania write them:
                // "(06 1) 506 5063", "(8 5) 212 3456", "(8-612) 34567"
                int inner = q < n - 2
                                && (s.charAt(q) == ' ' || s.charAt(q) == '-')
                                && q - gs <= 2
                                && isDigit(s.charAt(q + 1))
                        ? q + 1
                        : -1;
                int innerEnd = inner;
                while (innerEnd > 0 && innerEnd < n && innerEnd - inner < 4 && isDigit(s.charAt(innerEnd))) innerEnd++;
                if (inner > 0 && innerEnd < n && s.charAt(innerEnd) == ')') {
                    addGroup(groups++, gs, q, '(');
                    gs = inner;
                    q = innerEnd;
                } else if (q >= n || s.charAt(q) != ')') {
                    break;
                }
            }
            addGroup(groups++, gs, q, paren ? '(' : sep);
            p = paren ? q + 1 : q;
            if (parenthesisedPlus && groups == 1) { // (+44): the country code's closing parenthesis
                if (p >= n || s.charAt(p) != ')') break;
                p++;
            }
            if (paren && p < n && isDigit(s.charAt(p))) { // +44 (0)20 7946 0018, (11)91234-5678
                sep = ' ';
                continue;
            }
            // German numbers as DIN 5008 wrote them, the area code with its trunk 0 then a slash: 030/1234567,
            // 030 / 123 45 67 (a date's slash comes after a day or month, which the phone's shape rule turns away)
            int slash = groups == 1
                            && !plus
                            && s.charAt(gStart[0]) == '0'
                            && gEnd[0] - gStart[0] >= 3
                            && gEnd[0] - gStart[0] <= 6
                    ? areaCodeSlash(s, p)
                    : -1;
            if (slash > 0) {
                sep = '/';
                p = slash;
                continue;
            }
            // one separator (or ") " after a parenthesised group) must be followed by a digit or "("
            if (p < n
                    && (s.charAt(p) == ' ' || s.charAt(p) == '-' || s.charAt(p) == '.')
                    && p + 1 < n
                    && (isDigit(s.charAt(p + 1)) || s.charAt(p + 1) == '(')) {
                sep = s.charAt(p);
                p++;
            } else {
                break;
            }
        }
        if (groups == 0) return p + 1;
        int runEnd = gEnd[groups - 1];
        if (gSep[groups - 1] == '(') runEnd++;
        boolean boundaryAfter = runEnd >= n || !(isAlnum(s.charAt(runEnd)) || s.charAt(runEnd) == '_');
        // A run glued to a following word ("2026-11-28T10") is not a number on its own.
        if (!boundaryAfter) {
            int q = runEnd;
            while (q < n && (isAlnum(s.charAt(q)) || s.charAt(q) == '_')) q++;
            return q;
        }
        if (!plus && hostOctets(s, i, groups, runEnd)) return runEnd;
        if (!plus && groups == 3 && runEnd < n && s.charAt(runEnd) == '/') {
            int e = cnpjEnd(s, runEnd);
            if (e > 0) {
                scanner.add(gStart[0], e, PiiKind.NATIONAL_ID);
                return e;
            }
        }
        classifyGroups(s, groups, plus ? i : -1);
        return runEnd;
    }

    /**
     * An IPv4 address written with dashes inside a host name, as reverse DNS and cloud providers name hosts:
     * {@code 24-54-76-216.bflony.adelphia.net}, {@code calvisitor-10-105-160-95}, {@code ip-10-0-1-23.ec2.internal}.
     * Four octets joined by dashes, after a name's letter and dash or before a dot and a domain's letter.
     */
    private boolean hostOctets(String s, int start, int groups, int runEnd) {
        if (groups != 4) return false;
        for (int k = 0; k < 4; k++) {
            int length = gEnd[k] - gStart[k];
            if ((k > 0 && gSep[k] != '-') || length > 3 || Integer.parseInt(s, gStart[k], gEnd[k], 10) > 255)
                return false;
        }
        boolean nameBefore = start > 1 && s.charAt(start - 1) == '-' && Character.isLetterOrDigit(s.charAt(start - 2));
        boolean domainAfter = runEnd + 1 < s.length() && s.charAt(runEnd) == '.' && isLetter(s.charAt(runEnd + 1));
        return nameBefore || domainAfter;
    }

    /** Where the digits after an area code's slash ({@code /} or {@code  / }) start, or -1. */
    private static int areaCodeSlash(String s, int p) {
        int n = s.length();
        int q = p;
        if (q < n && s.charAt(q) == ' ') q++;
        if (q >= n || s.charAt(q) != '/') return -1;
        q++;
        if (q - p == 2) { // " /": a space after it too
            if (q >= n || s.charAt(q) != ' ') return -1;
            q++;
        }
        return q < n && isDigit(s.charAt(q)) ? q : -1;
    }

    private void addGroup(int g, int start, int end, char sep) {
        if (g == gStart.length) {
            gStart = Arrays.copyOf(gStart, g * 2);
            gEnd = Arrays.copyOf(gEnd, g * 2);
            gSep = Arrays.copyOf(gSep, g * 2);
        }
        gStart[g] = start;
        gEnd[g] = end;
        gSep[g] = sep;
    }

    /**
     * Tries windows of at most six groups, longest first, from each group on; a window may only be
     * cut out of a longer run at a space (so "12 555-123-4567" still yields the phone).
     */
    private void classifyGroups(String s, int groups, int plusAt) {
        if (plusAt < 0 && (thousands(s, groups) || smallNumbers(groups))) return;
        int g = 0;
        while (g < groups) {
            // 081111 031143: HDFS's date and time, a valid number in Germany's plan
            if (g + 1 < groups && compactDateTime(s, g)) {
                g += 2;
                continue;
            }
            int matched = 0;
            for (int len = Math.min(6, groups - g); len >= 1 && matched == 0; len--) {
                int last = g + len - 1;
                boolean cutBefore = g > 0 && gSep[g] != ' ' && gSep[g] != '(';
                boolean cutAfter = last + 1 < groups && gSep[last + 1] != ' ' && gSep[last + 1] != '(';
                if (cutBefore || cutAfter) continue;
                PiiKind kind = classifyWindow(s, g, len, g == 0 && plusAt >= 0);
                if (kind != null) {
                    int start = g == 0 && plusAt >= 0 ? plusAt : (gSep[g] == '(' ? gStart[g] - 1 : gStart[g]);
                    scanner.add(start, gEnd[last], kind);
                    matched = len;
                }
            }
            g += Math.max(matched, 1);
        }
    }

    /**
     * Whether groups {@code g} and {@code g + 1} are a date and a time of day written without separators, as log
     * formats print them ({@code yyMMdd HHmmss}, {@code yyyyMMdd HHmmss}, {@code yyyyMMdd-HHmmss}): a date of six digits
     * read as year, month and day in any order people write them, or of eight from a year of 19xx or 20xx, then six
     * digits that are an hour, a minute and a second. Two groups of six are not how any country groups a phone number.
     */
    private boolean compactDateTime(String s, int g) {
        int date = gStart[g];
        int dateLength = gEnd[g] - date;
        int time = gStart[g + 1];
        if (gEnd[g + 1] - time != 6 || (gSep[g + 1] != ' ' && gSep[g + 1] != '-')) return false;
        if (twoDigits(s, time) > 23 || twoDigits(s, time + 2) > 59 || twoDigits(s, time + 4) > 59) return false;
        if (dateLength == 8) {
            int century = twoDigits(s, date);
            return (century == 19 || century == 20) && monthAndDay(s, date + 4, date + 6);
        }
        return dateLength == 6
                && (monthAndDay(s, date + 2, date + 4) // yyMMdd
                        || monthAndDay(s, date + 2, date) // ddMMyy
                        || monthAndDay(s, date, date + 2)); // MMddyy
    }

    private static boolean monthAndDay(String s, int month, int day) {
        int m = twoDigits(s, month);
        int d = twoDigits(s, day);
        return m >= 1 && m <= 12 && d >= 1 && d <= 31;
    }

    private static int twoDigits(String s, int at) {
        return (s.charAt(at) - '0') * 10 + s.charAt(at + 1) - '0';
    }

    /**
     * A list of small numbers ({@code queue depth 0 1 2 3 4 5 6 7 8 9 10 11 12}, a matrix's row, a histogram): eight
     * groups or more of at most three digits between single spaces, more than any phone number is written in. Windows
     * of it would pass a number plan's check ({@code 9 10 11 12 13} is a Spanish number).
     */
    private boolean smallNumbers(int groups) {
        if (groups < 8) return false;
        for (int k = 0; k < groups; k++) {
            if ((k > 0 && gSep[k] != ' ') || gEnd[k] - gStart[k] > 3) return false;
        }
        return true;
    }

    /**
     * A number written with spaces between its thousands ({@code 1 234 567 890}, {@code 12 345 678}): four groups or
     * more, the first of one to three digits and not 0, every other of three. Windows of it would pass a number
     * plan's check ({@code 234 567 890} is a Polish number), so none is tried.
     */
    private boolean thousands(String s, int groups) {
        if (groups < 4 || s.charAt(gStart[0]) == '0' || gEnd[0] - gStart[0] > 3) return false;
        for (int k = 1; k < groups; k++) {
            if (gSep[k] != ' ' || gEnd[k] - gStart[k] != 3) return false;
        }
        return true;
    }

    private PiiKind classifyWindow(String s, int g, int len, boolean plus) {
        int digits = 0;
        char seps = 0; // the separator used inside the window (0 = none, '!' = mixed)
        boolean paren = false;
        for (int k = g; k < g + len; k++) {
            digits += gEnd[k] - gStart[k];
            if (gSep[k] == '(') paren = true;
            if (k > g && gSep[k] != '(') {
                char sp = gSep[k];
                if (seps == 0) seps = sp;
                else if (seps != sp) seps = '!';
            }
        }
        if (plus) {
            return digits >= 8 && digits <= 15 ? PiiKind.PHONE : null;
        }
        if (!paren && seps == '.' && len == 4 && isIpv4(s, g)) {
            return NumberContext.namesAVersion(s, gStart[g]) ? null : PiiKind.IPV4;
        }
        if (!paren && len >= 3 && nationalId(s, g, len, seps, digits)) return PiiKind.NATIONAL_ID;
        if (!paren
                && digits >= 13
                && digits <= 19
                && (seps == 0 || seps == ' ' || seps == '-')
                && cardGrouping(g, len)
                && luhn(s, g, len)
                && CardIssuers.issued(firstDigits(s, g, len, 6), digits)
                && !NumberContext.namesAnIdentifier(s, gStart[g])) {
            return PiiKind.CARD;
        }
        if (digits >= 7
                && digits <= 15
                && (len == 1 ? !paren : len <= 5 && phoneShaped(s, g, len, seps, paren))
                && NumberContext.namesAPhone(s, gSep[g] == '(' ? gStart[g] - 1 : gStart[g])) {
            // phone=4155552671, "mobile": "07700900123", tel: 8312 3456, Telefon: 8 (301) 123-45-67: the key says what
            // the digits are, in any country's plan and grouping
            return PiiKind.PHONE;
        }
        if (digits >= 7 && digits <= 15 && !paren && len <= 5) {
            int words = NumberContext.phoneWordsBefore(s, gStart[g]);
            // after a word that names a phone ("phone 555-0142", "mobile number is 620 1234") or asks for a call ("call
            // me at 71234567", "reach us on 8312 3456"), seven digits or more in any country's plan and grouping, as
            // under a key; "call 1 234 567 failed" stays, where such digits are as often a count. Before the plans,
            // which cost a microsecond a region
            if ((words & NumberContext.PHONE_ASKED) != 0
                    || ((words & NumberContext.PHONE_NAMED) != 0 && len > 1 && phoneShaped(s, g, len, seps, false)))
                return PiiKind.PHONE;
            // after a word that says phone or call, a number of the plans in up to five groups: 11 98765-4321,
            // Russia's 8-912-345-67-89
            if ((words & NumberContext.PHONE_WORD) != 0 && phoneAfterWord(s, g, len, seps)) return PiiKind.PHONE;
        }
        if (digits >= 7
                && digits <= 17
                && (len >= 2 || paren)
                && phonePlanChecks < PHONE_PLAN_BUDGET
                && phoneShaped(s, g, len, seps, paren)) {
            phonePlanChecks++;
            String d = digitsOf(s, g, len);
            // "00" + country code, or a trunk prefix or an area code in parentheses: the plan of each region decides;
            // without either, only a number split into three or more groups is offered to the regions without trunk
            // prefix
            if (d.startsWith("00")
                    ? PhoneNumbers.international(d.substring(2))
                    : d.charAt(0) == '0' || paren
                            ? PhoneNumbers.national(d, true)
                            : len >= 3 && PhoneNumbers.national(d, false)) {
                return PiiKind.PHONE;
            }
        }
        if (seps == '!' && !paren) return null;
        if (digits == 10 && len == 3 && groupLens(g, len, 3, 3, 4) && (seps != 0 || paren)) return PiiKind.PHONE;
        if (digits == 11 && len == 4 && groupLens(g, len, 1, 3, 3, 4) && !paren && seps != 0) return PiiKind.PHONE;
        if (!paren
                && seps == ' '
                && s.charAt(gStart[g]) == '0'
                && len >= 2
                && len <= 3
                && (digits == 10 || digits == 11)
                && (groupLens(g, len, 3, 4, 4)
                        || groupLens(g, len, 5, 6)
                        || groupLens(g, len, 5, 3, 3)
                        || groupLens(g, len, 4, 3, 3))) {
            return PiiKind.PHONE;
        }
        return null;
    }

    /**
     * "call me at 4155552671", "ligue para 11 98765-4321", "call 91-9876543210": after a word that says phone, a number
     * without groups, or in two or three, is offered to every plan, and a country code without its "+" when it is the
     * first group (or the number has none). Apart from {@link #classifyWindow}, whose every other number skips it; the
     * caller has found the word ({@link NumberContext#PHONE_WORD}).
     */
    private boolean phoneAfterWord(String s, int g, int len, char seps) {
        if (phonePlanChecks >= PHONE_PLAN_BUDGET || (len > 1 && !phoneShaped(s, g, len, seps, false))) return false;
        phonePlanChecks++;
        String d = digitsOf(s, g, len);
        boolean countryCodeFirst = len == 1 || gEnd[g] - gStart[g] <= 3;
        return d.startsWith("00")
                ? PhoneNumbers.international(d.substring(2))
                : d.charAt(0) == '0'
                        ? PhoneNumbers.national(d, true)
                        : (countryCodeFirst && PhoneNumbers.international(d))
                                || PhoneNumbers.afterPhoneWord(d, len > 1);
    }

    /**
     * A national ID whose format and check digits need no word before it ({@link NationalIds}): a US SSN written 3-2-4
     * with dashes, Brazil's CPF as {@code 123.456.789-09}, India's Aadhaar in three groups of four.
     */
    private boolean nationalId(String s, int g, int len, char seps, int digits) {
        if (len == 3 && seps == '-' && groupLens(g, len, 3, 2, 4)) {
            return NationalIds.ssn(s, gStart[g], gStart[g + 1], gStart[g + 2]);
        }
        if (len == 4
                && digits == 11
                && groupLens(g, len, 3, 3, 3, 2)
                && gSep[g + 1] == '.'
                && gSep[g + 2] == '.'
                && gSep[g + 3] == '-') {
            return NationalIds.cpf(digitArray(s, g, len));
        }
        return len == 3
                && digits == 12
                && (seps == ' ' || seps == '-')
                && groupLens(g, len, 4, 4, 4)
                && NationalIds.aadhaar(digitArray(s, g, len));
    }

    /** Brazil's CNPJ as {@code 12.345.678/0001-95}, its first three groups read: the end, or -1. */
    private int cnpjEnd(String s, int slash) {
        if (!groupLens(0, 3, 2, 3, 3) || gSep[1] != '.' || gSep[2] != '.') return -1;
        int n = s.length();
        int e = slash + 8;
        if (e > n || (e < n && (isAlnum(s.charAt(e)) || s.charAt(e) == '_')) || s.charAt(slash + 5) != '-') return -1;
        for (int k = slash + 1; k < e; k++) {
            if (k != slash + 5 && !isDigit(s.charAt(k))) return -1;
        }
        int d = 0;
        for (int k = 0; k < 3; k++) {
            for (int q = gStart[k]; q < gEnd[k]; q++) idDigits[d++] = s.charAt(q) - '0';
        }
        for (int k = slash + 1; k < e; k++) {
            if (k != slash + 5) idDigits[d++] = s.charAt(k) - '0';
        }
        return NationalIds.cnpj(idDigits) ? e : -1;
    }

    /** The window's digits into {@link #idDigits} (at most its length). */
    private int[] digitArray(String s, int g, int len) {
        int d = 0;
        for (int w = g; w < g + len; w++) {
            for (int q = gStart[w]; q < gEnd[w] && d < idDigits.length; q++) idDigits[d++] = s.charAt(q) - '0';
        }
        return idDigits;
    }

    /** The window's digits without separators. */
    private String digitsOf(String s, int g, int len) {
        StringBuilder b = new StringBuilder(20);
        for (int w = g; w < g + len; w++) b.append(s, gStart[w], gEnd[w]);
        return b.toString();
    }

    /**
     * Grouped like a phone number rather than a date (2026-11-28, 28.11.2026, 2026-10-06 03), a year-led
     * identifier (2026-004226) or a version (2026.10.1.403), whatever a number plan would make of its digits.
     */
    private boolean phoneShaped(String s, int g, int len, char seps, boolean paren) {
        int first = gEnd[g] - gStart[g];
        boolean yearFirst = first == 4 && yearLike(s, gStart[g]);
        if (yearFirst && !paren && len > 1 && gSep[g + 1] != ' ') return false;
        if (len >= 3
                && !paren
                && first <= 2
                && gEnd[g + 1] - gStart[g + 1] <= 2
                && gEnd[g + 2] - gStart[g + 2] == 4
                && yearLike(s, gStart[g + 2])
                && gSep[g + 1] != ' ') {
            return false;
        }
        // a date after a number: "count 7 2024-03-15", "retries 1 28.11.2026"
        for (int k = g + 1; k + 2 < g + len; k++) {
            char sep = gSep[k + 1];
            if (sep == ' ' || gSep[k + 2] != sep) continue;
            int a = gEnd[k] - gStart[k];
            int b = gEnd[k + 1] - gStart[k + 1];
            int c = gEnd[k + 2] - gStart[k + 2];
            if ((a == 4 && yearLike(s, gStart[k]) && b == 2 && c == 2)
                    || (a <= 2 && b <= 2 && c == 4 && yearLike(s, gStart[k + 2]))) return false;
        }
        boolean dots = false;
        // IRQs 3 4 5 6 7 10 11 12: a list; a phone has at most one group of one digit (1 800 555 0199), besides an
        // area code of one digit after its trunk prefix in the same parentheses (Vilnius: (8 5) 212 3456)
        int singles = 0;
        for (int k = g; k < g + len; k++) {
            if (k > g) dots |= gSep[k] == '.';
            boolean innerAreaCode = k > g && gSep[k] == '(' && gSep[k - 1] == '(';
            if (gEnd[k] - gStart[k] == 1 && !innerAreaCode && ++singles > 1) return false;
        }
        if (dots) { // 01.23.45.67.89 is a number, 1.2.3 a version
            for (int k = g; k < g + len; k++) {
                if (gEnd[k] - gStart[k] < 2) return false;
            }
        }
        return true;
    }

    private static boolean yearLike(String s, int at) {
        return s.startsWith("19", at) || s.startsWith("20", at);
    }

    /** The first {@code k} digits of the window as a number (the issuer identification prefix). */
    private int firstDigits(String s, int g, int len, int k) {
        int v = 0;
        int taken = 0;
        for (int w = g; w < g + len && taken < k; w++) {
            for (int q = gStart[w]; q < gEnd[w] && taken < k; q++, taken++) v = v * 10 + (s.charAt(q) - '0');
        }
        return v;
    }

    private boolean cardGrouping(int g, int len) {
        if (len == 1) return true;
        for (int k = g; k < g + len - 1; k++) {
            if (gEnd[k] - gStart[k] != 4)
                return (len == 3 && groupLens(g, len, 4, 6, 5)) || (len == 4 && groupLens(g, len, 4, 3, 3, 3));
        }
        int lastLen = gEnd[g + len - 1] - gStart[g + len - 1];
        return lastLen >= 1 && lastLen <= 4;
    }

    private boolean groupLens(int g, int len, int... expected) {
        if (len != expected.length) return false;
        for (int k = 0; k < len; k++) {
            if (gEnd[g + k] - gStart[g + k] != expected[k]) return false;
        }
        return true;
    }

    private boolean isIpv4(String s, int g) {
        for (int k = g; k < g + 4; k++) {
            int l = gEnd[k] - gStart[k];
            if (l > 3) return false;
            int v = 0;
            for (int q = gStart[k]; q < gEnd[k]; q++) v = v * 10 + (s.charAt(q) - '0');
            if (v > 255) return false;
        }
        return true;
    }

    private boolean luhn(String s, int g, int len) {
        int sum = 0;
        boolean dbl = false;
        for (int k = g + len - 1; k >= g; k--) {
            for (int q = gEnd[k] - 1; q >= gStart[k]; q--) {
                int d = s.charAt(q) - '0';
                if (dbl) {
                    d *= 2;
                    if (d > 9) d -= 9;
                }
                sum += d;
                dbl = !dbl;
            }
        }
        return sum % 10 == 0;
    }
}
