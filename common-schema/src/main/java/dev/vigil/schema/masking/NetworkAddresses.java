package dev.vigil.schema.masking;

import static dev.vigil.schema.masking.PiiScanner.isAlnum;
import static dev.vigil.schema.masking.PiiScanner.isDigit;
import static dev.vigil.schema.masking.PiiScanner.isHex;

/**
 * IPv6 addresses and MAC addresses for {@link PiiScanner} (IPv4 addresses are runs of digit groups: {@link
 * DigitRuns}).
 */
final class NetworkAddresses {
    private final PiiScanner scanner;

    NetworkAddresses(PiiScanner scanner) {
        this.scanner = scanner;
    }

    void scanIpv6(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!(isHex(c) || c == ':')) {
                i++;
                continue;
            }
            boolean boundary =
                    i == 0 || !(isAlnum(s.charAt(i - 1)) || s.charAt(i - 1) == '_' || s.charAt(i - 1) == ':');
            int j = i;
            int colons = 0;
            while (j < n && (isHex(s.charAt(j)) || s.charAt(j) == ':' || s.charAt(j) == '.')) {
                if (s.charAt(j) == ':') colons++;
                j++;
            }
            int end = j;
            while (end > i && s.charAt(end - 1) == '.') end--;
            boolean boundaryAfter = j >= n || !(isAlnum(s.charAt(j)) || s.charAt(j) == '_');
            if (boundary && boundaryAfter && colons == 5 && end - i == 17 && mac(s, i, ':', false)) {
                scanner.add(i, end, PiiKind.MAC);
            } else if (boundary && boundaryAfter && colons >= 2 && validIpv6(s, i, end)) {
                scanner.add(i, end, PiiKind.IPV6);
            }
            if (j == i) j++;
            // a run glued to a word on the right: skip the rest of that word too
            while (j < n && (isAlnum(s.charAt(j)) || s.charAt(j) == '_')) j++;
            i = j;
        }
    }

    /**
     * Six groups of two hex digits joined by {@code sep} at {@code from}; with {@code aLetter}, one of them a letter: a
     * dashed run of digits alone is as often a date or a phone number.
     */
    private static boolean mac(String s, int from, char sep, boolean aLetter) {
        boolean letter = false;
        for (int k = 0; k < 17; k++) {
            char c = s.charAt(from + k);
            if (k % 3 == 2) {
                if (c != sep) return false;
            } else if (!isHex(c)) {
                return false;
            } else {
                letter |= !isDigit(c);
            }
        }
        return letter || !aLetter;
    }

    /** MAC addresses written with dashes, as Windows prints them ({@code 00-1A-2B-3C-4D-5E}); found by their dashes. */
    void scanDashedMacs(String s) {
        int n = s.length();
        int dash = s.indexOf('-', 2);
        while (dash >= 0) {
            int from = dash - 2;
            boolean found = from + 17 <= n
                    && (from == 0 || !(isAlnum(s.charAt(from - 1)) || s.charAt(from - 1) == '-'))
                    && (from + 17 == n || !(isAlnum(s.charAt(from + 17)) || s.charAt(from + 17) == '-'))
                    && mac(s, from, '-', true);
            if (found) scanner.add(from, from + 17, PiiKind.MAC);
            dash = s.indexOf('-', found ? from + 18 : dash + 1);
        }
    }

    /**
     * MAC addresses as Cisco IOS prints them, three groups of four lower-case hex digits joined by dots ({@code
     * 0050.56a3.1b2c}, in "Host 0050.56a3.1b2c in vlan 1 is flapping"); not with capitals, nor after {@code *} or
     * {@code [} (Unicode's collation weights, {@code [*150B.0020.0002]}).
     */
    void scanDottedMacs(String s) {
        int n = s.length();
        int dot = s.indexOf('.', 4);
        while (dot >= 0) {
            int from = dot - 4;
            boolean found = from + 14 <= n
                    && (from == 0 || " \t(=:\"',".indexOf(s.charAt(from - 1)) >= 0)
                    && endsWord(s, from + 14)
                    && dottedMac(s, from);
            if (found) scanner.add(from, from + 14, PiiKind.MAC);
            dot = s.indexOf('.', found ? from + 15 : dot + 1);
        }
    }

    /** The text's end, or neither a letter, a digit nor a dot there, or a sentence's full stop. */
    private static boolean endsWord(String s, int at) {
        int n = s.length();
        if (at == n) return true;
        char c = s.charAt(at);
        if (c == '.') return at + 1 == n || s.charAt(at + 1) == ' ';
        return !isAlnum(c);
    }

    private static boolean dottedMac(String s, int from) {
        for (int k = 0; k < 14; k++) {
            char c = s.charAt(from + k);
            if (k == 4 || k == 9) {
                if (c != '.') return false;
            } else if (!isDigit(c) && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean validIpv6(String s, int from, int to) {
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (to - from >= 2 && s.charAt(from) == ':' && s.charAt(from + 1) == ':') {
            compressed = true;
            i = from + 2;
            if (i == to) return false;
        } else if (s.charAt(from) == ':') {
            return false;
        }
        while (i < to) {
            int gs = i;
            while (i < to && isHex(s.charAt(i))) i++;
            int gl = i - gs;
            if (i < to && s.charAt(i) == '.') {
                // embedded IPv4 as the last two groups
                if (!validDottedQuad(s, gs, to)) return false;
                groups += 2;
                i = to;
                break;
            }
            if (gl == 0 || gl > 4) return false;
            groups++;
            if (i == to) break;
            i++; // ':'
            if (i < to && s.charAt(i) == ':') {
                if (compressed) return false;
                compressed = true;
                i++;
                if (i == to) break;
            } else if (i == to) {
                return false;
            }
        }
        return compressed ? groups >= 1 && groups <= 7 : groups == 8;
    }

    private static boolean validDottedQuad(String s, int from, int to) {
        int parts = 0;
        int i = from;
        while (i <= to) {
            int v = 0;
            int len = 0;
            while (i < to && isDigit(s.charAt(i))) {
                v = v * 10 + (s.charAt(i) - '0');
                len++;
                i++;
            }
            if (len == 0 || len > 3 || v > 255) return false;
            parts++;
            if (i == to) break;
            if (s.charAt(i) != '.') return false;
            i++;
        }
        return parts == 4;
    }
}
