package dev.vigil.schema.masking;

import static dev.vigil.schema.masking.PiiScanner.isAlnum;
import static dev.vigil.schema.masking.PiiScanner.isDigit;
import static dev.vigil.schema.masking.PiiScanner.isUpper;

/** IBANs for {@link PiiScanner}: a country's code and length from ISO 13616's registry, and the mod-97 check. */
final class Ibans {
    /** IBAN length per country (ISO 13616 registry), indexed by the two letters; 0 = no IBAN. */
    private static final byte[] IBAN_LENGTH = new byte[26 * 26];

    static {
        String registry =
                "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 ES24 "
                        + "FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 "
                        + "LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 "
                        + "SC31 SE24 SI19 SK24 SM27 TL23 TN24 TR26 UA29 VA22 VG24 XK20";
        for (String entry : registry.split(" ")) {
            IBAN_LENGTH[(entry.charAt(0) - 'A') * 26 + (entry.charAt(1) - 'A')] =
                    (byte) Integer.parseInt(entry.substring(2));
        }
    }

    private final PiiScanner scanner;

    /** The characters of the IBAN being read, without its spaces. */
    private final char[] buf = new char[34];

    Ibans(PiiScanner scanner) {
        this.scanner = scanner;
    }

    /** Country code, check digits, then exactly the country's length, compact or in groups of four; mod 97 = 1. */
    void scan(String s) {
        int n = s.length();
        for (int i = 0; i + 15 <= n; i++) {
            char c0 = s.charAt(i);
            char c1 = s.charAt(i + 1);
            if (!(isUpper(c0) && isUpper(c1) && isDigit(s.charAt(i + 2)) && isDigit(s.charAt(i + 3)))) continue;
            if (i > 0 && isAlnum(s.charAt(i - 1))) continue;
            int want = IBAN_LENGTH[(c0 - 'A') * 26 + (c1 - 'A')];
            if (want == 0) continue;
            int len = 0;
            int groupLen = 0;
            int p = i;
            while (p < n && len < want) {
                char c = s.charAt(p);
                if (isUpper(c) || isDigit(c)) {
                    buf[len++] = c;
                    groupLen++;
                    p++;
                } else if (c == ' '
                        && groupLen == 4
                        && p + 1 < n
                        && (isUpper(s.charAt(p + 1)) || isDigit(s.charAt(p + 1)))) {
                    groupLen = 0;
                    p++;
                } else {
                    break;
                }
            }
            if (len == want && (p >= n || !isAlnum(s.charAt(p))) && ibanChecksum(buf, len)) {
                scanner.add(i, p, PiiKind.IBAN);
                i = p - 1;
            }
        }
    }

    private static boolean ibanChecksum(char[] b, int len) {
        int mod = 0;
        for (int k = 0; k < len; k++) {
            char c = b[(k + 4) % len];
            if (isDigit(c)) {
                mod = (mod * 10 + (c - '0')) % 97;
            } else {
                int v = c - 'A' + 10;
                mod = (mod * 100 + v) % 97;
            }
        }
        return mod == 1;
    }
}
