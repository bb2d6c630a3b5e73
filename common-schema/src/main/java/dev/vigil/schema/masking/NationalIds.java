package dev.vigil.schema.masking;

/**
 * National identification numbers, and dates of birth after the words that name them ({@link PiiKind#BIRTH_DATE}:
 * {@code DOB}, {@code date of birth}, {@code geboren am}, read by the same word table). After a word that names one ({@code SSN}, {@code passport}, {@code DNI}, {@code
 * CPF}, {@code Aadhaar}, {@code social security number}, {@code passport_number=}, ...) the number that follows in any
 * of the shapes such numbers take (digits in groups, letters and digits). Without such a word only the formats whose
 * check digits or letters a random number seldom passes: Brazil's CPF and CNPJ written with their punctuation, India's
 * Aadhaar in three groups of four (Verhoeff), Spain's DNI and NIE (mod 23), Italy's codice fiscale; and a US SSN
 * written 3-2-4 with dashes, which {@link DigitRuns} recognises, as it does CPF, CNPJ and Aadhaar. Called per
 * token of {@link FreeTextTokens}, only for messages with {@link #MIN_DIGITS} digits or more; nothing here
 * allocates. Spans go to the scanner this belongs to, which, like this, is not thread-safe.
 */
final class NationalIds {
    private final PiiScanner scanner;

    NationalIds(PiiScanner scanner) {
        this.scanner = scanner;
    }

    /**
     * Words that name an identification number, lower case; a leading {@code =} means upper case only (in lower case
     * they are other words: Spanish "sin", German "nie" and "ein", "pan"), a leading {@code @} a date of birth, a
     * leading {@code $} a bank account's number, {@code %} a mobile device's or subscriber's, {@code &} a vehicle's.
     * Spelled as their countries write them.
     */
    private static final String[] ANCHORS = {
        "ssn",
        "=SIN",
        "=NINO",
        "passport",
        "passeport",
        "pasaporte",
        "passaporto",
        "reisepass",
        "paspoort",
        "paszport",
        "dni",
        "nif",
        "=NIE",
        "=NSS",
        "cpf",
        "cnpj",
        "cuit",
        "cuil",
        "curp",
        "=RUT",
        "cedula",
        "cédula",
        "aadhaar",
        "aadhar",
        "=PAN",
        "bsn",
        "pesel",
        "personnummer",
        "fødselsnummer",
        "henkilötunnus",
        "=CPR",
        "nric",
        "=RRN",
        "hkid",
        "=TFN",
        "=TIN",
        "=EIN",
        "itin",
        "=NHS",
        "=NIR",
        "medicare",
        "steuerid",
        "steuer-id",
        "steuernummer",
        "steueridentifikationsnummer",
        "identifikationsnummer",
        "ausweisnummer",
        "personalausweisnummer",
        "taxid",
        "nationalid",
        // Malaysia's MyKad, Türkiye's T.C. Kimlik No (TCKN), Indonesia's NIK, Pakistan's CNIC, Bangladesh's NID,
        // Ireland's PPS, Romania's CNP, Bulgaria's EGN, the former Yugoslavia's JMBG, Croatia's OIB, Slovenia's EMŠO,
        // Estonia's isikukood, Greece's AMKA
        "mykad",
        "kimlik",
        "tckn",
        "=NIK",
        "=CNIC",
        "=NID",
        "=PPS",
        "=CNP",
        "=EGN",
        "=JMBG",
        "=OIB",
        "=EMSO",
        "isikukood",
        "=AMKA",
        // a driving licence's number: DL# in the US, Germany's Führerschein, the Netherlands' rijbewijs, Brazil's CNH
        "=DL",
        "führerschein",
        "führerscheinnummer",
        "rijbewijs",
        "rijbewijsnummer",
        "=CNH",
        "@dob",
        "@birthdate",
        "@birthday",
        "@born",
        "@geburtsdatum",
        "@geboren",
        "@geboortedatum",
        "@nacimiento",
        "@nascimento",
        "@nascita",
        "@naissance",
        "@urodzenia",
        "@födelsedatum",
        "@née", // French: née le 14/03/1985 (né, which ends beyond ASCII, never reaches this scan as a word)
        "@fødselsdato",
        "%imei",
        "%imsi",
        "%iccid",
        "&=VIN",
        "$kontonummer",
        "$rekeningnummer",
        "$kontonr",
        "$bsb",
        "$swift", // a bank's code, with the country's, for an international transfer (BIC)
        "$bic",
        "&kenteken", // a vehicle's registration plate
        "&matrícula",
        "&matricula",
        "&immatriculation",
        "&targa"
    };

    /** A word that names an identification number only after one of the words given with it. */
    private static final String[][] ANCHORS_AFTER = {
        {"security", "social"},
        {"insurance", "national"},
        {"license", "driver", "drivers", "driver's", "driver’s", "driving"},
        {"licence", "driver", "drivers", "driver's", "driver’s", "driving"},
        {"id", "tax", "national", "taxpayer", "personal", "voter", "citizen", "steuer", "identity", "emirates"},
        {"identification", "tax", "national", "taxpayer", "personal"},
        {"number", "tax", "identity"},
        {"card", "id", "identity"},
        {"fiscale", "codice"},
        {"kad", "my"}, // MyKad, as Malaysia writes it (mykad alone is in the anchors)
        {"conduire", "de"}, // permis de conduire, permiso/licencia de conducir
        {"conducir", "de"},
        {"sociale", "sécurité", "securite"},
        {"social", "seguridad", "segurança", "seguranca"},
        {"identidad", "documento", "cédula", "cedula"},
        {"@birth", "of"},
        {"@date", "birth"},
        {"$number", "account", "acct", "routing", "aba"},
        {"$account", "bank", "checking", "savings", "chequing", "current"},
        {"$code", "sort", "swift", "bic"},
        {"&plate", "license", "licence", "number", "registration"},
        {"&registration", "vehicle"},
        {"&kennzeichen", "kfz", "amtliches"},
        {"$cuenta", "de"},
        {"$conta", "de", "da"},
        {"$compte", "de", "du"},
    };

    /** Between the word and its number: "SSN no. 123…", "passport number is X123…", "numéro de sécurité sociale". */
    private static final String[] FILLERS = {
        "no", "nr", "num", "nbr", "number", "numbers", "numero", "número", "nummer", "n", "nº", "is", "was", "of", "id",
        "card", "de", "do", "da", "ist", "es", "é", "s", "on", "am", "le"
    };

    /** Parts after a compound's anchor: {@code passport_number}, {@code ssnNo}. */
    private static final String[] TAILS = {"no", "nr", "num", "nbr", "number"};

    private static final int MAX_WORD = 27;

    /** The fewest digits of any number found here (a Dutch passport's KNMTZZE18 has two): a message without is skipped. */
    static final int MIN_DIGITS = 1;

    /** A word of the tables: an anchor (with the words one of which must come before it, or none) or a tail. */
    private static final class Word {
        final char[] lower;
        final boolean capitalsOnly;
        final boolean tail;
        final PiiKind kind;
        final char[][] after;

        Word(String spelled, boolean tail, String[] after) {
            int marks = spelled.charAt(0) == '@'
                            || spelled.charAt(0) == '$'
                            || spelled.charAt(0) == '%'
                            || spelled.charAt(0) == '&'
                    ? 1
                    : 0;
            kind = marks == 0 ? PiiKind.NATIONAL_ID : kindMarked(spelled.charAt(0));
            capitalsOnly = spelled.charAt(marks) == '=';
            lower = spelled.substring(capitalsOnly ? marks + 1 : marks)
                    .toLowerCase(java.util.Locale.ROOT)
                    .toCharArray();
            this.tail = tail;
            this.after = after == null ? null : lowerArrays(after, 1);
        }
    }

    private static PiiKind kindMarked(char mark) {
        return switch (mark) {
            case '@' -> PiiKind.BIRTH_DATE;
            case '$' -> PiiKind.BANK_ACCOUNT;
            case '%' -> PiiKind.DEVICE_ID;
            default -> PiiKind.VEHICLE_ID;
        };
    }

    /**
     * The words by first letter and length, so that most words of a message are turned away by one look-up and the
     * rest compared with one or two: String.regionMatches against every word of the same length took ~600 ns a
     * 70-character message (a timed loop).
     */
    private static final Word[][][] WORDS = new Word[26][MAX_WORD + 1][];

    /** The lengths of the table's words, a bit each, by first letter: {@link #mayMatter}'s one look-up. */
    private static final int[] LENGTHS = new int[26];

    private static final char[][] FILLER_WORDS = lowerArrays(FILLERS, 0);

    static {
        for (String a : ANCHORS) put(new Word(a, false, null));
        for (String[] after : ANCHORS_AFTER) put(new Word(after[0], false, after));
        for (String t : TAILS) put(new Word(t, true, null));
    }

    private static void put(Word w) {
        Word[][] byLength = WORDS[w.lower[0] - 'a'];
        Word[] bucket = byLength[w.lower.length];
        bucket = bucket == null ? new Word[1] : java.util.Arrays.copyOf(bucket, bucket.length + 1);
        bucket[bucket.length - 1] = w;
        byLength[w.lower.length] = bucket;
        LENGTHS[w.lower[0] - 'a'] |= 1 << w.lower.length;
    }

    private static char[][] lowerArrays(String[] words, int from) {
        char[][] out = new char[words.length - from][];
        for (int k = from; k < words.length; k++)
            out[k - from] = words[k].toLowerCase(java.util.Locale.ROOT).toCharArray();
        return out;
    }

    /**
     * After a token of {@link FreeTextTokens}' scan ({@code [from, to)}, letters, digits, {@code _ - .}): the number after
     * it when it names one, or the token itself when it is a format with a check letter. Returns where the scan goes
     * on: the number's end, or {@code to}.
     */
    int afterToken(String s, int from, int to) {
        if (PiiScanner.isDigit(s.charAt(from)) && cjkWordBefore(s, from, CJK_ID_WORDS))
            return Math.max(number(s, from, PiiKind.NATIONAL_ID), to);
        if (PiiScanner.isDigit(s.charAt(from)) && cjkWordBefore(s, from, CJK_BIRTH_WORDS))
            return Math.max(birthDate(s, from), to);
        int start = from > 0 && s.charAt(from - 1) >= 0x80 ? wordStart(s, from) : from; // cédula
        PiiKind kind = start < from || PiiScanner.isLetter(s.charAt(from)) ? named(s, start, to, false) : null;
        if (kind == PiiKind.BANK_ACCOUNT && namesBic(s, start, to)) {
            int e = bic(s, to);
            if (e > to) return e; // else a sort code's digits
        }
        if (kind == PiiKind.VEHICLE_ID && !lastWordIs(s, start, to, "vin")) return Math.max(plate(s, to), to);
        if (kind != null && kind != PiiKind.BIRTH_DATE) return Math.max(number(s, to, kind), to);
        if (kind == PiiKind.BIRTH_DATE) return Math.max(birthDate(s, to), to);
        if (to - from >= 9 && to - from <= 17) checkedToken(s, from, to);
        return to;
    }

    /**
     * The words for a national ID in Chinese (the resident identity card, 身份证号), Japanese (My Number) and Korean (the
     * resident registration number), which scripts without spaces write right before the number.
     */
    private static final String[] CJK_ID_WORDS = {"身份证", "身份證", "身分證", "公民身份号码", "マイナンバー", "個人番号", "주민등록번호", "주민번호"};

    /** Number words written after them: 身份证号, 身份证号码, 身份證號碼. */
    private static final String[] CJK_NUMBER_WORDS = {"号码", "號碼", "号", "號"};

    /** The words for a date of birth in Japanese (生年月日), Chinese (出生日期) and Korean (생년월일). */
    private static final String[] CJK_BIRTH_WORDS = {"生年月日", "出生日期", "出生年月日", "생년월일"};

    /** Whether one of {@code words} ends right before the token at {@code from}, past a colon or blanks. */
    private static boolean cjkWordBefore(String s, int from, String[] words) {
        int end = from;
        while (end > 0 && from - end < 4 && " :\uFF1A=\t".indexOf(s.charAt(end - 1)) >= 0) end--;
        if (end == 0 || s.charAt(end - 1) < 0x80) return false;
        for (String number : CJK_NUMBER_WORDS) {
            if (s.startsWith(number, end - number.length())) {
                end -= number.length();
                break;
            }
        }
        for (String word : words) {
            if (end >= word.length() && s.startsWith(word, end - word.length())) return true;
        }
        return false;
    }

    /**
     * Whether {@link #afterToken} can find anything at this token, by one look-up that turns most tokens away: a plain
     * word (SSN, Passport, "No.") of a table word's first letter and length, a key (a compound before {@code " ' = :},
     * passport_number, taxId), a word with letters beyond ASCII (cédula), or a token of a checked format's length
     * starting with a digit or capital. Small, so inlined into the scan's token loop: with a word-by-word comparison
     * instead a message cost ~600 ns more, with a two-level table ~80 ns (an interleaved timed loop).
     */
    static boolean mayMatter(String s, int from, int to) {
        char c = s.charAt(from);
        int len = to - from;
        if (len >= 9 && len <= 18 && (PiiScanner.isDigit(c) || isCapital(c))) return true; // 18: China's ID
        if (len == 4 && to < s.length() && s.charAt(to) == '年') return true; // a date as Japanese writes it: 1985年3月14日
        if (PiiScanner.isLetter(c)) {
            int wordLen = PiiScanner.isAlnum(s.charAt(to - 1)) ? len : len - 1;
            if (wordLen <= MAX_WORD && (LENGTHS[(c | 0x20) - 'a'] >>> wordLen & 1) != 0) return true;
            if (len > 3 && to < s.length()) {
                char next = s.charAt(to);
                if (next == '"' || next == '\'' || next == '=' || next == ':') return true;
            }
        }
        return from > 0 && s.charAt(from - 1) >= 0x80;
    }

    /** The start of a word with letters beyond ASCII, which reaches the scan as its ASCII runs: "cédula" as "dula". */
    private static int wordStart(String s, int from) {
        int start = from;
        while (start > 0 && from - start < MAX_WORD && (isPartLetter(s.charAt(start - 1)))) start--;
        return start;
    }

    /** Capitals of ASCII only: a letter beyond it (é, ø) continues a part. */
    private static boolean isCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isPartLetter(char c) {
        return PiiScanner.isLetter(c) || (c >= 0x80 && Character.isLetter(c));
    }

    /**
     * What the word, or its last part before a tail ({@code passport_number}, {@code social_security_no}, {@code
     * taxId}, {@code Steuer-ID}), names: {@link PiiKind#NATIONAL_ID}, {@link PiiKind#BIRTH_DATE} ({@code DOB}, {@code
     * date of birth}, {@code dateOfBirth}, {@code geboren}) or nothing (null). A field's name ({@code anyCase}) may
     * write the short words in lower case.
     */
    static PiiKind named(String s, int from, int to, boolean anyCase) {
        while (to > from && s.charAt(to - 1) < 0x80 && !PiiScanner.isAlnum(s.charAt(to - 1))) to--; // "SSN." "no-"
        if (to - from >= 3 && s.charAt(to - 1) == 's' && (s.charAt(to - 2) == '\'' || s.charAt(to - 2) == '’'))
            to -= 2; // "NINO's"
        int ps = partStart(s, from, to);
        int pe = to;
        if (find(s, ps, pe, anyCase, true) != null) { // passport_number, ssnNo: the part before the tail
            int before = ps > from && isSeparator(s.charAt(ps - 1)) ? ps - 1 : ps;
            int beforeStart = before > from ? partStart(s, from, before) : before;
            Word w = before > from ? find(s, beforeStart, before, anyCase, false) : null;
            PiiKind kind =
                    w == null ? null : w.after == null ? w.kind : kindAfter(s, from, beforeStart, before, anyCase);
            if (kind != null) return kind; // else bank_account_number, or "number" after "account": account_number
        }
        Word w = find(s, ps, pe, anyCase, false); // tax_number: "number" after "tax"
        if (w == null) return null;
        return w.after == null ? w.kind : kindAfter(s, from, ps, pe, anyCase);
    }

    /**
     * The kind of the word {@code s[ps, pe)} that names something only after one of its words ({@code tax number},
     * {@code account number}: one spelling, several entries), by the part or word before it; or null.
     */
    private static PiiKind kindAfter(String s, int from, int ps, int pe, boolean anyCase) {
        int be = ps; // the part or word before: "social_security", "dateOfBirth", "social security", "driver's license"
        if (be > from && isSeparator(s.charAt(be - 1))) be--;
        int bs;
        if (be > from) {
            bs = partStart(s, from, be);
        } else {
            while (be > 0 && (s.charAt(be - 1) == ' ' || s.charAt(be - 1) == '-')) be--;
            if (be == from) return null;
            bs = be;
            while (bs > 0
                    && be - bs < 16
                    && (isPartLetter(s.charAt(bs - 1)) || s.charAt(bs - 1) == '\'' || s.charAt(bs - 1) == '’')) bs--;
        }
        for (Word w : WORDS[(s.charAt(ps) | 0x20) - 'a'][pe - ps]) {
            if (!w.tail
                    && w.after != null
                    && (w.capitalsOnly && !anyCase ? capitals(s, ps, w.lower) : same(s, ps, pe, w.lower))
                    && isOneOf(s, bs, be, w.after)) return w.kind;
        }
        return null;
    }

    /** The table's word {@code [from, to)} is, a tail or not, or null. */
    private static Word find(String s, int from, int to, boolean anyCase, boolean tail) {
        int len = to - from;
        if (len < 2 || len > MAX_WORD) return null;
        int first = (s.charAt(from) | 0x20) - 'a';
        if (first < 0 || first >= 26) return null;
        Word[] bucket = WORDS[first][len];
        if (bucket == null) return null;
        for (Word w : bucket) {
            if (w.tail == tail
                    && (w.capitalsOnly && !anyCase ? capitals(s, from, w.lower) : same(s, from, to, w.lower))) return w;
        }
        return null;
    }

    /** {@code word} (lower case) in capitals at {@code from}. */
    private static boolean capitals(String s, int from, char[] word) {
        for (int k = 0; k < word.length; k++) {
            if (s.charAt(from + k) != (char) (word[k] - 0x20)) return false;
        }
        return true;
    }

    /** {@code [from, to)} is {@code word} (lower case) in any case. */
    private static boolean same(String s, int from, int to, char[] word) {
        if (to - from != word.length) return false;
        for (int k = 0; k < word.length; k++) {
            char c = s.charAt(from + k);
            char lower = c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c) : Character.toLowerCase(c);
            if (lower != word[k]) return false;
        }
        return true;
    }

    private static boolean isOneOf(String s, int from, int to, char[][] words) {
        for (char[] w : words) {
            if (same(s, from, to, w)) return true;
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return c == '_' || c == '-' || c == '.';
    }

    /** Where the last part of {@code [from, to)} starts: its letters, back to a separator or a camelCase capital. */
    private static int partStart(String s, int from, int to) {
        int p = to;
        if (p > from && isCapital(s.charAt(p - 1))) {
            while (p > from && isCapital(s.charAt(p - 1))) p--; // SSN, ID
        } else {
            while (p > from && isPartLetter(s.charAt(p - 1)) && !isCapital(s.charAt(p - 1))) p--;
            if (p > from && isCapital(s.charAt(p - 1))) p--; // Passport, ssnNumber
        }
        return p;
    }

    /**
     * Where the value after a word that names it starts: past blanks, {@code : = # " ' ( ) °} and up to three fillers
     * ("no.", "number", "is", "on"), at a letter or digit within 48 characters; or -1.
     */
    private static int valueStart(String s, int from) {
        int n = s.length();
        int limit = Math.min(n, from + 48);
        int p = from;
        int fillers = 0;
        while (p < limit) {
            char c = s.charAt(p);
            if (c == ' '
                    || c == ':'
                    || c == '='
                    || c == '#'
                    || c == '"'
                    || c == '\''
                    || c == '('
                    || c == ')'
                    || c == '°'
                    || c == '\t'
                    || c == '-'
                    || c == '\\' // JSON escaped inside a message: \"ssn\": \"078051120\"
                    || c == '\uFF1A') {
                p++;
                continue;
            }
            if (PiiScanner.isDigit(c)) break;
            int w = p;
            while (w < n
                    && (PiiScanner.isLetter(s.charAt(w)) || (s.charAt(w) >= 0x80 && Character.isLetter(s.charAt(w)))))
                w++;
            // a filler is a word of its own: "S" in S1234567D (Singapore's NRIC) starts the number
            if (w == p || fillers == 3 || (w < n && PiiScanner.isDigit(s.charAt(w)))) break;
            if (!isOneOf(s, p, w, FILLER_WORDS)) break;
            if (w < n && s.charAt(w) == '.') w++; // "no." "Nr."
            fillers++;
            p = w;
        }
        if (p >= limit || !PiiScanner.isAlnum(s.charAt(p)) || (p > from && !boundaryBefore(s, p))) return -1;
        return p;
    }

    /**
     * The date after a word that names a date of birth: in numbers ({@code 1985-04-12}, {@code 12/04/1985}, {@code
     * 12.04.1985}, {@code 4/12/85}: one separator, a year of four digits first or last, or of two last), or with the
     * month's name between a day and a year ({@code 12 April 1985}, {@code 12-Apr-1985}, {@code 12. März 1985}, {@code
     * 12 de abril de 1985}) or before the day ({@code April 12, 1985}). Masks it and returns its end, or returns
     * {@code from}.
     */
    private int birthDate(String s, int from) {
        int p = valueStart(s, from);
        if (p < 0) return from;
        int e = PiiScanner.isDigit(s.charAt(p)) ? numericDate(s, p) : -1;
        if (e < 0) e = namedMonthDate(s, p);
        if (e < 0) return from;
        scanner.addOver(p, e, PiiKind.BIRTH_DATE);
        return e;
    }

    private static int numericDate(String s, int p) {
        int n = s.length();
        int first = digitsAt(s, p);
        int q = p + first;
        if (first > 4 || q + 1 >= n) return -1;
        char sep = s.charAt(q);
        if (sep == '年' && first == 4) return yearMonthDay(s, q + 1);
        if (sep != '-' && sep != '/' && sep != '.') return -1;
        int second = digitsAt(s, q + 1);
        int r = q + 1 + second;
        if (second == 0 || second > 2 || r + 1 >= n || s.charAt(r) != sep) return -1;
        int third = digitsAt(s, r + 1);
        int end = r + 1 + third;
        if (end < n && PiiScanner.isAlnum(s.charAt(end))) return -1; // 1985-04-12T10:00: a timestamp, not a birthday
        boolean yearFirst = first == 4 && third >= 1 && third <= 2;
        boolean yearLast = first <= 2 && (third == 4 || third == 2);
        return yearFirst || yearLast ? end : -1;
    }

    /** The month and day after a year and 年, as Japanese and Chinese write a date (1985年3月14日): the end, or -1. */
    private static int yearMonthDay(String s, int p) {
        int month = digitsAt(s, p);
        int q = p + month;
        if (month == 0 || month > 2 || q >= s.length() || s.charAt(q) != '月') return -1;
        int day = digitsAt(s, q + 1);
        int r = q + 1 + day;
        return day == 0 || day > 2 || r >= s.length() || s.charAt(r) != '日' ? -1 : r + 1;
    }

    /** 12 April 1985, 12-Apr-1985, 12. März 1985, 12 de abril de 1985, April 12, 1985: the end, or -1. */
    private static int namedMonthDate(String s, int p) {
        int n = s.length();
        int day = -1;
        int q = p;
        if (PiiScanner.isDigit(s.charAt(q))) {
            int d = digitsAt(s, q);
            if (d > 2) return -1;
            day = number(s, q, d);
            q += d;
            if (q < n && s.charAt(q) == '.') q++; // 12. März
            q = dateSeparator(s, q);
            if (q < 0) return -1;
        }
        int m = q;
        while (m < n && isPartLetter(s.charAt(m))) m++;
        if (m - q < 3 || m - q > 10) return -1;
        if (m < n && s.charAt(m) == '.') m++; // Apr.
        q = dateSeparator(s, m);
        if (q < 0) return -1;
        if (day < 0) { // April 12, 1985
            int d = digitsAt(s, q);
            if (d == 0 || d > 2) return -1;
            day = number(s, q, d);
            q += d;
            if (q < n && s.charAt(q) == ',') q++;
            if (q >= n || s.charAt(q) != ' ') return -1;
            q++;
        }
        if (day < 1 || day > 31 || digitsAt(s, q) != 4) return -1;
        int year = number(s, q, 4);
        int end = q + 4;
        if (year < 1900 || year > 2099 || (end < n && PiiScanner.isAlnum(s.charAt(end)))) return -1;
        return end;
    }

    /** Past one space or '-' between a date's parts, and Spanish and Portuguese "de"; -1 when there is none. */
    private static int dateSeparator(String s, int q) {
        int n = s.length();
        if (q >= n || (s.charAt(q) != ' ' && s.charAt(q) != '-')) return -1;
        q++;
        if (q + 2 < n && s.charAt(q) == 'd' && s.charAt(q + 1) == 'e' && s.charAt(q + 2) == ' ') q += 3;
        return q < n ? q : -1;
    }

    private static int digitsAt(String s, int p) {
        int e = p;
        while (e < s.length() && PiiScanner.isDigit(s.charAt(e))) e++;
        return e - p;
    }

    /**
     * The number after a word that names one, past blanks, {@code : = # " ' ( ) °} and up to three fillers ("no.",
     * "number", "is"): groups of letters and digits joined by single {@code - . /}, or by single spaces between short
     * groups ({@code 219 09 9999}, {@code QQ 12 34 56 C}), or {@code +} (Sweden's {@code 620407+8221}); five digits or
     * more, or letters and digits eight or more long; at most twenty.
     * Masks it and returns its end, or returns {@code from}.
     */
    private int number(String s, int from, PiiKind kind) {
        int n = s.length();
        int p = valueStart(s, from);
        if (p < 0) return from;
        int start = p;
        int digits = 0;
        int alnum = 0;
        int groups = 0;
        int end;
        while (true) {
            int gs = p;
            groups++;
            while (p < n && PiiScanner.isAlnum(s.charAt(p))) {
                if (PiiScanner.isDigit(s.charAt(p))) digits++;
                p++;
            }
            alnum += p - gs;
            end = p;
            if (alnum > 20 || p + 1 >= n) break;
            char sep = s.charAt(p);
            char next = s.charAt(p + 1);
            if ((sep == '-' || sep == '.' || sep == '/' || sep == '+') && PiiScanner.isAlnum(next)) {
                p++;
            } else if (sep == ' '
                    && (spacedGroup(s, p + 1, p - gs, digits > 0)
                            // an IMEI as its label prints it: 35 209900 176148 1
                            || (kind == PiiKind.DEVICE_ID && digits == alnum && PiiScanner.isDigit(next)))) {
                p++;
            } else {
                break;
            }
        }
        // five digits, or letters and digits of a passport's length in one group (HPLX4916P, KNMTZZE18, India's PAN
        // ABCDE1234F; not "passport number of retries 5"); a bank's numbers are digits, six or more; IMEI, IMSI and
        // ICCID are 14 to 20 digits; a VIN is 17 letters and digits, without I, O and Q
        if (alnum < 6
                || alnum > 20
                || !(digits >= 5 || (digits >= 1 && digits < alnum && alnum >= 8 && groups == 1))
                || (kind == PiiKind.BANK_ACCOUNT && digits != alnum)
                || (kind == PiiKind.DEVICE_ID && (digits != alnum || digits < 14))
                || (kind == PiiKind.VEHICLE_ID && (alnum != 17 || groups != 1 || hasAny(s, start, end, "IOQioq"))))
            return from;
        // a payment card's number (PAN, as payments call it) is masked as a card by the card detector; an IMEI has
        // Luhn's check digit too
        if (kind != PiiKind.DEVICE_ID
                && digits == alnum
                && digits >= 13
                && digits <= 19
                && luhn(s, start, end)
                && card(s, start, digits)) return from;
        scanner.addOver(start, end, kind);
        return end;
    }

    /** Whether the token {@code s[from, to)} ends with the word {@code swift} or {@code bic}, or with "code" after one. */
    private static boolean namesBic(String s, int from, int to) {
        return lastWordIs(s, from, to, "swift") || lastWordIs(s, from, to, "bic") || lastWordIs(s, from, to, "code");
    }

    /** Whether the letters at the end of {@code s[from, to)}, trailing punctuation aside, are {@code word} in any case. */
    private static boolean lastWordIs(String s, int from, int to, String word) {
        while (to > from && !PiiScanner.isAlnum(s.charAt(to - 1))) to--;
        int w = to - word.length();
        return w >= from
                && (w == from || !PiiScanner.isLetter(s.charAt(w - 1)))
                && s.regionMatches(true, w, word, 0, word.length());
    }

    /**
     * A bank's identifier code (BIC, SWIFT code) after a word that names it: 8 or 11 capitals and digits, the bank's four
     * letters, a country's two ({@code DEUTDEFF}, {@code BOFAUS3N}, {@code DEUTDEFF500}; the country not checked
     * against a list, which would miss Kosovo's XK and codes assigned later). Masks it and returns its end, or
     * returns {@code from}.
     */
    private int bic(String s, int from) {
        int p = valueStart(s, from);
        if (p < 0) return from;
        int e = p;
        while (e < s.length() && e - p <= 11 && (isCapital(s.charAt(e)) || PiiScanner.isDigit(s.charAt(e)))) e++;
        if ((e - p != 8 && e - p != 11)
                || (e < s.length() && PiiScanner.isAlnum(s.charAt(e)))
                || !allCapitals(s, p, p + 6)) return from;
        scanner.addOver(p, e, PiiKind.BANK_ACCOUNT);
        return e;
    }

    private static boolean allCapitals(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!isCapital(s.charAt(k))) return false;
        }
        return true;
    }

    /**
     * A vehicle's registration plate after a word that names it, as countries write them: up to four groups of capitals
     * and digits joined by single spaces or dashes ({@code AB12 CDE}, {@code 7ABC123}, {@code B-MW 1234}, {@code
     * AB-123-CD}, {@code MH 12 AB 1234}), five to ten of them, at least one a digit; a group in lower case has at most
     * four letters ({@code vqs-7928}), so a word ends it. Masks
     * it and returns its end, or returns {@code from}.
     */
    private int plate(String s, int from) {
        int n = s.length();
        int p = valueStart(s, from);
        if (p < 0) return from;
        int end = p;
        int alnum = 0;
        int digits = 0;
        int q = p;
        boolean lowerCase = false;
        boolean capitals = false;
        for (int groups = 0; groups < 4; groups++) {
            int e = q;
            int groupDigits = 0;
            int lower = 0;
            while (e < n && PiiScanner.isAlnum(s.charAt(e))) {
                if (PiiScanner.isDigit(s.charAt(e))) groupDigits++;
                else if (!isCapital(s.charAt(e))) lower++;
                e++;
            }
            // typed in lower case ("vqs-7928"): a group of few letters, joined by dashes, all in that case, so
            // "lookup3", "recognition" and "OCR took 12" end it
            boolean typed =
                    lower == 0 || (lower == e - q - groupDigits && lower <= 4 && (q == p || s.charAt(q - 1) == '-'));
            if (e == q || !typed || alnum + e - q > 10) break;
            if (lower > 0) lowerCase = true;
            else if (groupDigits < e - q) capitals = true;
            if (lowerCase && capitals) break;
            alnum += e - q;
            digits += groupDigits;
            end = e;
            if (e + 1 >= n || (s.charAt(e) != ' ' && s.charAt(e) != '-')) break;
            q = e + 1;
        }
        if (alnum < 5 || digits == 0) return from;
        scanner.addOver(p, end, PiiKind.VEHICLE_ID);
        return end;
    }

    private static boolean boundaryBefore(String s, int p) {
        return !PiiScanner.isAlnum(s.charAt(p - 1));
    }

    /**
     * A group that continues a number after a space: digits, or a capital letter ending it (the UK's {@code QQ 12 34 56
     * C}) after digits; of two groups at most one longer than four ({@code 28 12345678 40}), neither longer than eight.
     */
    private static boolean spacedGroup(String s, int at, int before, boolean afterDigits) {
        int n = s.length();
        int e = at;
        while (e < n && PiiScanner.isAlnum(s.charAt(e))) e++;
        int len = e - at;
        if (len == 0 || len > 8 || before > 8 || (len > 4 && before > 4)) return false;
        if (PiiScanner.isDigit(s.charAt(at))) return len <= 4 || allDigits(s, at, e);
        return afterDigits && len == 1 && isCapital(s.charAt(at));
    }

    private static boolean hasAny(String s, int from, int to, String chars) {
        for (int k = from; k < to; k++) {
            if (chars.indexOf(s.charAt(k)) >= 0) return true;
        }
        return false;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!PiiScanner.isDigit(s.charAt(k))) return false;
        }
        return true;
    }

    /**
     * A word of 9 to 17 characters that is, trailing punctuation aside, a DNI ({@code 12345678Z}), an NIE ({@code
     * X1234567L}) or a codice fiscale ({@code RSSMRA80A01H501U}) whose check letter holds.
     */
    private void checkedToken(String s, int from, int to) {
        while (to > from && !PiiScanner.isAlnum(s.charAt(to - 1))) to--;
        int len = to - from;
        if (len == 9 ? spanishId(s, from) : len == 16 && codiceFiscale(s, from)) {
            scanner.addOver(from, to, PiiKind.NATIONAL_ID);
        }
    }

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    /** Spain's DNI (8 digits and a letter) or NIE (X, Y or Z, 7 digits, a letter): the letter is the number mod 23. */
    static boolean spanishId(String s, int at) {
        char first = s.charAt(at);
        int v;
        if (first == 'X' || first == 'Y' || first == 'Z') v = first - 'X';
        else if (PiiScanner.isDigit(first)) v = first - '0';
        else return false;
        for (int k = at + 1; k < at + 8; k++) {
            char c = s.charAt(k);
            if (!PiiScanner.isDigit(c)) return false;
            v = v * 10 + (c - '0');
        }
        return s.charAt(at + 8) == DNI_LETTERS.charAt(v % 23);
    }

    /** A letter of the month in a codice fiscale, and the letters that stand for digits when two persons share one. */
    private static final String CF_MONTHS = "ABCDEHLMPRST";

    private static final String CF_DIGIT_LETTERS = "LMNPQRSTUV";

    /** The value of each of 0-9 then A-Z at an odd (1st, 3rd, ...) place of a codice fiscale. */
    private static final int[] CF_ODD = {
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10,
        22, 25, 24, 23
    };

    /** Italy's codice fiscale: 6 letters, 2 digits, a month letter, 2 digits, a letter, 3 digits, the check letter. */
    static boolean codiceFiscale(String s, int at) {
        int sum = 0;
        for (int k = 0; k < 15; k++) {
            char c = s.charAt(at + k);
            boolean digitPlace = (k >= 6 && k <= 7) || (k >= 9 && k <= 10) || k >= 12;
            if (digitPlace) {
                if (!PiiScanner.isDigit(c) && CF_DIGIT_LETTERS.indexOf(c) < 0) return false;
            } else if (c < 'A' || c > 'Z' || (k == 8 && CF_MONTHS.indexOf(c) < 0)) {
                return false;
            }
            int index = PiiScanner.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += k % 2 == 0 ? CF_ODD[index] : (PiiScanner.isDigit(c) ? c - '0' : c - 'A');
        }
        return s.charAt(at + 15) == (char) ('A' + sum % 26);
    }

    /** A US SSN as the SSA issues them: area 001-899 but 666, group 01-99, serial 0001-9999 (digits at three places). */
    static boolean ssn(String s, int area, int group, int serial) {
        int a = number(s, area, 3);
        return a != 0 && a != 666 && a < 900 && number(s, group, 2) != 0 && number(s, serial, 4) != 0;
    }

    /** Brazil's CPF (11 digits): two mod-11 check digits; all digits equal is no CPF. */
    static boolean cpf(int[] d) {
        boolean same = true;
        for (int k = 1; k < 11; k++) same &= d[k] == d[0];
        return !same && cpfCheck(d, 9) == d[9] && cpfCheck(d, 10) == d[10];
    }

    private static int cpfCheck(int[] d, int count) {
        int sum = 0;
        for (int k = 0; k < count; k++) sum += d[k] * (count + 1 - k);
        int r = sum * 10 % 11;
        return r == 10 ? 0 : r;
    }

    /** Brazil's CNPJ (14 digits): two mod-11 check digits with weights 2-9 from the right. */
    static boolean cnpj(int[] d) {
        return cnpjCheck(d, 12) == d[12] && cnpjCheck(d, 13) == d[13];
    }

    private static int cnpjCheck(int[] d, int count) {
        int sum = 0;
        int weight = 2;
        for (int k = count - 1; k >= 0; k--) {
            sum += d[k] * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    /*
     * Verhoeff's tables: multiplication in the dihedral group D5 and the position permutation. The check digits here are
     * written out rather than taken from commons-validator's CheckDigit routines, which take a String: an allocation per
     * candidate on the masking hot path, for algorithms of a few lines each.
     */
    private static final int[][] VERHOEFF_D = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
        {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
        {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
        {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
        {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
        {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
    };

    private static final int[][] VERHOEFF_P = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
        {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
        {9, 4, 5, 3, 1, 2, 0, 7, 6, 8},
        {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
        {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}
    };

    /** India's Aadhaar (12 digits, the first 2-9): Verhoeff's check digit. */
    static boolean aadhaar(int[] d) {
        if (d[0] < 2) return false;
        int c = 0;
        for (int k = 0; k < 12; k++) c = VERHOEFF_D[c][VERHOEFF_P[k % 8][d[11 - k]]];
        return c == 0;
    }

    /** In a card network's range: South Africa's ID numbers are Luhn-valid too. */
    private static boolean card(String s, int from, int digits) {
        int iin = 0;
        for (int k = from, taken = 0; taken < 6; k++) {
            char c = s.charAt(k);
            if (PiiScanner.isDigit(c)) {
                iin = iin * 10 + (c - '0');
                taken++;
            }
        }
        return CardIssuers.issued(iin, digits);
    }

    private static boolean luhn(String s, int from, int to) {
        int sum = 0;
        boolean doubled = false;
        for (int k = to - 1; k >= from; k--) {
            char c = s.charAt(k);
            if (!PiiScanner.isDigit(c)) continue;
            int d = c - '0';
            if (doubled && (d *= 2) > 9) d -= 9;
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static int number(String s, int at, int digits) {
        int v = 0;
        for (int k = at; k < at + digits; k++) v = v * 10 + (s.charAt(k) - '0');
        return v;
    }
}
