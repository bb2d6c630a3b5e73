package dev.vigil.schema.masking;

import static dev.vigil.schema.masking.PiiScanner.allLetters;
import static dev.vigil.schema.masking.PiiScanner.isAlnum;
import static dev.vigil.schema.masking.PiiScanner.isDigit;
import static dev.vigil.schema.masking.PiiScanner.isLetter;
import static dev.vigil.schema.masking.PiiScanner.isOneOf;
import static dev.vigil.schema.masking.PiiScanner.isTokenChar;
import static dev.vigil.schema.masking.PiiScanner.isUpper;
import static dev.vigil.schema.masking.PiiScanner.isWordChar;
import static dev.vigil.schema.masking.PiiScanner.lettersAndDigits;
import static dev.vigil.schema.masking.PiiScanner.skipBlanks;
import static dev.vigil.schema.masking.PiiScanner.unquotedEnd;

/**
 * Each token of a message (a run of letters, digits, {@code _ - . /}), for {@link PiiScanner}: JWTs, bearer tokens,
 * vendors' API keys, crypto addresses, AWS secret keys after their key IDs, the secret written after a word that names
 * it ({@code password hunter2}, {@code the password for admin is ...}); and the national IDs, command-line options and
 * prose credentials each token may start, handed to {@link NationalIds}, {@link CommandLineSecrets} and {@link
 * ProseCredentials}.
 */
final class FreeTextTokens {
    private final PiiScanner scanner;

    private final NationalIds nationalIds;

    private final CryptoAddresses cryptoAddresses = new CryptoAddresses();

    FreeTextTokens(PiiScanner scanner) {
        this.scanner = scanner;
        this.nationalIds = new NationalIds(scanner);
    }

    /** A card's security code's names: after them three or four digits are one ({@link #oneTimeCode}). */
    private static final String[] CVV_WORDS = {"cvv", "cvv2", "cvc", "cvc2"};

    /** Tokens; with {@code ids}, national identification numbers too ({@link NationalIds}). */
    void scan(String s, boolean ids) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!isTokenChar(c)) {
                i++;
                continue;
            }
            boolean boundary = i == 0 || !isTokenChar(s.charAt(i - 1));
            int j = i;
            while (j < n && isTokenChar(s.charAt(j))) j++;
            if (boundary && (ids || (i >= 2 && s.charAt(i - 2) >= 0x80))) {
                int after = beforeToken(s, i, j, ids);
                if (after >= 0) {
                    i = after;
                    continue;
                }
            }
            if (boundary) {
                if ((c == 'b' || c == 'B') && j - i == 6 && s.regionMatches(true, i, "bearer", 0, 6)) {
                    j = bearer(s, j);
                } else if ((c == 'b' || c == 'B') && j - i == 5 && s.regionMatches(true, i, "basic", 0, 5)) {
                    j = basicCredentials(s, j);
                } else if (c == 'e' && s.startsWith("eyJ", i)) {
                    jwt(s, i, j);
                } else {
                    apiKey(s, i, j);
                }
                if (j - i == 2
                        && (c | 0x20) == 'a'
                        && i > 0
                        && j < n
                        && s.charAt(j) == EmailAddresses.closer(s.charAt(i - 1))) {
                    j = Math.max(scanner.emails.writtenOut(s, i - 1), j); // john [at] example [dot] com
                } else if (c == 'r' && j - i == 11 && s.startsWith("rabbitmqctl", i)) {
                    j = Math.max(scanner.commandLines.rabbitmqPassword(s, j), j);
                } else if (c == 'c' && j - i == 8 && s.startsWith("chpasswd", i)) {
                    scanner.commandLines.chpasswdStdin(s, i);
                } else if ((c | 0x20) == 'c'
                        && j - i == 22
                        && s.regionMatches(true, i, "ConvertTo-SecureString", 0, 22)) {
                    j = Math.max(scanner.commandLines.secureString(s, j), j);
                } else if (c == '-'
                        || c == 'p'
                        || c == 'P'
                        || c == 'b'
                        || c == 'B'
                        || c == 'u'
                        || c == 'U'
                        || c == 'L'
                        || c == 'A'
                        || (c == 'a' && j < n && s.charAt(j) == '"')) { // Redis's MONITOR: "auth" "s3cret"
                    j = afterWord(s, i, j, c);
                } else if (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
                    j = Math.max(spacedSecret(s, i, j), j); // most words: only the check for a secret's name
                }
            }
            i = j;
        }
    }

    /**
     * What a token may end before the token checks: a national ID or date of birth it names or is ({@link NationalIds},
     * with {@code ids}), or the token is the value after a word wholly beyond ASCII, which no token of this scan starts
     * ("пароль Secret1"). Returns where scanning goes on, or -1. Apart from the token loop, whose common path stays small.
     */
    private int beforeToken(String s, int i, int j, boolean ids) {
        if (ids && NationalIds.mayMatter(s, i, j)) {
            int after = nationalIds.afterToken(s, i, j);
            if (after > j) return after;
        }
        if (i >= 2 && s.charAt(i - 1) == ' ' && s.charAt(i - 2) >= 0x80 && isWordChar(s.charAt(i - 2))) {
            int after = spacedSecret(s, wordStart(s, i - 1), i - 1);
            if (after > i - 1) return after;
            after = afterParticle(s, i);
            if (after > i) return after;
            after = afterHangulWord(s, i);
            if (after > i) return after;
            after = afterRussianQualifier(s, i);
            if (after > i) return after;
        }
        return -1;
    }

    /**
     * Russian names whose password it is with "от" or "для" and one word, then the value without a linking word
     * ({@code пароль от почты Qwerty2024}, {@code пароль для входа Adm1n2024}): the Latin value at {@code value}, masked
     * when it has letters and digits and six characters or more. Returns its end, or -1.
     */
    private int afterRussianQualifier(String s, int value) {
        int wordEnd = value - 1; // the word before the value: почты
        int word = wordStart(s, wordEnd);
        if (word < 5 || word == wordEnd || s.charAt(word - 1) != ' ') return -1;
        int qualifierEnd = word - 1;
        int qualifier = qualifierEnd;
        while (qualifier > 0 && qualifierEnd - qualifier < 3 && s.charAt(qualifier - 1) >= 0x80) qualifier--;
        if (!isOneOf(s, qualifier, qualifierEnd, RUSSIAN_QUALIFIERS) || qualifier < 2 || s.charAt(qualifier - 1) != ' ')
            return -1;
        int keyEnd = qualifier - 1;
        int key = wordStart(s, keyEnd);
        if (key == keyEnd || !SecretNames.namesSecretPlainly(s, key, keyEnd)) return -1;
        int e = proseValueEnd(s, value);
        if (e - value < 6 || !lettersAndDigits(s, value, e)) return -1;
        scanner.add(value, e, PiiKind.DENIED_FIELD);
        return e;
    }

    private static final String[] RUSSIAN_QUALIFIERS = {"от", "для"};

    /** "is" or a topic particle written onto the word before it in Japanese, Chinese and Korean. */
    private static final String PARTICLES = "は是为為는은";

    /**
     * The value after a secret's name in a script without spaces between words, which writes "is" or a topic particle
     * onto the word ({@code パスワードは Tokyo2024 です}, {@code 密码是 Beijing2024}, {@code 비밀번호는 Seoul2024}): masked when it has
     * letters and digits and six characters or more. Returns its end, or -1.
     */
    private int afterParticle(String s, int value) {
        int particle = value - 2;
        if (PARTICLES.indexOf(s.charAt(particle)) < 0) return -1;
        int keyStart = wordStart(s, particle);
        if (keyStart == particle || !SecretNames.namesSecretPlainly(s, keyStart, particle)) return -1;
        return latinValue(s, value);
    }

    /**
     * The Latin value at {@code value} after a secret's name in another script: to a blank, a quote or the script's own
     * text and punctuation (，。), masked when it has letters and digits and six characters or more. Returns its end, or -1.
     */
    private int latinValue(String s, int value) {
        int e = value;
        while (e < s.length() && s.charAt(e) > ' ' && s.charAt(e) < 0x80 && s.charAt(e) != '"') e++;
        e = withoutPunctuation(s, value, e);
        if (e - value < 6 || !lettersAndDigits(s, value, e)) return -1;
        scanner.add(value, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /**
     * The value after a Korean word for password and a space, as Korean writes words apart ({@code 비밀번호 Seoul2024},
     * {@code 비번 Busan2024!}; the particle's form is {@link #afterParticle}'s): masked when it has letters and digits and six
     * characters or more. Returns its end, or -1.
     */
    private int afterHangulWord(String s, int value) {
        int keyEnd = value - 1;
        int keyStart = keyEnd;
        while (keyStart > 0 && s.charAt(keyStart - 1) >= '\uAC00' && s.charAt(keyStart - 1) <= '\uD7A3') keyStart--;
        if (keyStart == keyEnd || (keyStart > 0 && isWordChar(s.charAt(keyStart - 1)))) return -1;
        return SecretNames.namesSecretPlainly(s, keyStart, keyEnd) ? latinValue(s, value) : -1;
    }

    /**
     * What follows a word that may name a secret or a command's password option: a password option's value, a spaced
     * secret, a quoted argument list's next element (see {@link CommandLineSecrets}). Returns where scanning goes on,
     * {@code j} when nothing was masked. For words starting with the letters of those commands and options; the scan
     * checks other words for a secret's name itself.
     */
    private int afterWord(String s, int i, int j, char c) {
        int n = s.length();
        if (c == '-') {
            if (j < n && s.charAt(j) == ' ') {
                int after = scanner.commandLines.htpasswdBatch(s, i, j);
                if (after == j) after = scanner.commandLines.sambaUser(s, i, j);
                if (after > j) return after;
            }
            scanner.commandLines.sudoStdin(s, i, j);
            scanner.commandLines.passwordStdin(s, i, j);
            if (CommandLineSecrets.isPasswordOption(s, i, j)) {
                int after = scanner.commandLines.passwordOption(s, i, j);
                if (after > j) return after;
            }
        } else if ((c == 'P' || c == 'p') && CommandLineSecrets.isAuthPlain(s, i, j)) {
            int after = scanner.commandLines.authPlain(s, j);
            if (after > j) return after;
        } else if (c == 'P' && CommandLineSecrets.isProtocolPass(s, i, j)) {
            int after = scanner.commandLines.protocolPassword(s, j);
            if (after > j) return after;
        } else if (c == 'L' && CommandLineSecrets.isImapLogin(s, i, j)) {
            int after = scanner.commandLines.imapPassword(s, j);
            if (after > j) return after;
        } else if ((c == 'A' || c == 'a') && CommandLineSecrets.isRedisAuth(s, i, j)) {
            int after = scanner.commandLines.redisPassword(s, j);
            if (after > j) return after;
        }
        if (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            int after = c == '-' && CommandLineSecrets.isUserOption(s, i, j)
                    ? scanner.commandLines.userPassword(s, i, j)
                    : (c == 'b' || c == 'B') && CommandLineSecrets.isIdentifiedBy(s, i, j)
                            ? scanner.commandLines.identifiedBy(s, j)
                            : (c == 'u' || c == 'U') && CommandLineSecrets.isNetUser(s, i, j)
                                    ? scanner.commandLines.netUser(s, j)
                                    : spacedSecret(s, i, j);
            return Math.max(after, j);
        }
        if (c == '-' && j < n && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
            return Math.max(scanner.commandLines.argvSecret(s, i, j), j);
        }
        return j;
    }

    /** "Bearer" then spaces then the token: only the token is masked. Returns where scanning goes on. */
    private int bearer(String s, int afterWord) {
        int n = s.length();
        int t = afterWord;
        while (t < n && s.charAt(t) == ' ') t++;
        if (t == afterWord) return afterWord;
        int e = t;
        while (e < n && b64TokenChar(s.charAt(e))) e++;
        while (e < n && s.charAt(e) == '=') e++;
        // "bearer authentication" is prose, "Bearer expires_in: 3600" a field name and "token_type=Bearer
        // expires_in=3600" an assignment, not a token: RFC 6750's b64token has '=' only as padding at its end
        if (e < n && b64TokenChar(s.charAt(e))) return afterWord;
        if (e - t >= 8 && (e - t >= 20 ? !allLetters(s, t, e) : lettersAndDigits(s, t, e))) {
            scanner.add(t, e, PiiKind.BEARER);
            return e;
        }
        return afterWord;
    }

    /**
     * HTTP Basic's credentials wherever {@code Basic} is written before them (an nginx {@code proxy_set_header
     * Authorization "Basic ..."}, a header in a list): base64 that decodes to printable text with a colon, {@code
     * user:password} (RFC 7617), so "basic authentication" and "Basic plan" stay. Returns where scanning goes on.
     */
    private int basicCredentials(String s, int afterWord) {
        int n = s.length();
        int t = afterWord;
        while (t < n && s.charAt(t) == ' ') t++;
        if (t == afterWord) return afterWord;
        int e = t;
        while (e < n && e - t <= 1024 && base64Char(s.charAt(e))) e++;
        int data = e;
        while (e < n && e - data < 2 && s.charAt(e) == '=') e++;
        if (e - t < 8 || e - t > 1024 || (e - t) % 4 != 0 || (e < n && isTokenChar(s.charAt(e)))) return afterWord;
        if (!decodesToUserAndPassword(s, t, data)) return afterWord;
        scanner.add(t, e, PiiKind.DENIED_FIELD);
        return e;
    }

    private static boolean base64Char(char c) {
        return isAlnum(c) || c == '+' || c == '/';
    }

    /**
     * Whether base64 {@code s[from, to)} decodes to printable ASCII holding a colon. Decoded with the JDK's decoder:
     * only words after {@code Basic} get here.
     */
    private static boolean decodesToUserAndPassword(String s, int from, int to) {
        byte[] decoded;
        try {
            decoded = java.util.Base64.getDecoder().decode(s.substring(from, to));
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean colon = false;
        for (byte b : decoded) {
            if (b < 0x20 || b > 0x7E) return false;
            colon |= b == ':';
        }
        return colon;
    }

    private static boolean b64TokenChar(char c) {
        return isTokenChar(c) || c == '~' || c == '+' || c == '/';
    }

    /**
     * A value after a space, not {@code =} or {@code :}, when the word before names a secret plainly
     * ({@link SecretNames#namesSecretPlainly}): command-line options ({@code --password S3cret}), {@code aws configure
     * set aws_secret_access_key wJal...}, prose ({@code password 'hunter2'}, {@code the passphrase is "..."},
     * {@code password set to Summer2026!}, {@code password for admin is hunter2}). After whose secret it is
     * ({@link #afterQualifier}) and at most three linking words ({@code is}, {@code was}, {@code set},
     * {@code to}, {@code as}, {@code are}) a quoted value is masked whole — for a token or key only when it holds
     * letters and digits — and an unquoted one when it holds letters and digits and six characters or more, so
     * "password reset", "token expired" and "password 3 attempts" stay; in a table's column (two blanks or a tab after
     * the key: {@code vault kv get}), a password's value of four characters or more whatever its shape. Returns where
     * scanning goes on, or {@code afterKey} when nothing was masked.
     */
    private int spacedSecret(String s, int keyStart, int afterKey) {
        if (keyStart > 0 && s.charAt(keyStart - 1) >= 0x80) keyStart = wordStart(s, keyStart);
        if (afterKey - keyStart < 3) return afterKey - keyStart == 2 ? twoLetters(s, keyStart, afterKey) : afterKey;
        if (!plainEnding(s, afterKey) && !pwOption(s, keyStart, afterKey)) return afterKey;
        return namedSpacedSecret(s, keyStart, afterKey);
    }

    /** {@link #spacedSecret} for a word of two letters, apart so that it stays small: "as" and "pw". */
    private int twoLetters(String s, int keyStart, int afterKey) {
        char first = (char) (s.charAt(keyStart) | 0x20);
        char second = (char) (s.charAt(keyStart + 1) | 0x20);
        if (first == 'a' && second == 's') {
            scanner.proseCredentials.valueBeforeAs(s, keyStart, afterKey); // "use Xyzzy123! as the password"
        } else if (first == 'p' && second == 'w' && (keyStart == 0 || !isTokenChar(s.charAt(keyStart - 1)))) {
            return namedSpacedSecret(s, keyStart, afterKey); // "new pw is Winter2025", "vpn pw Hunter2024"
        }
        return afterKey;
    }

    /**
     * Whether the value at {@code v} after an option of {@link #OPTION_SECRET_WORDS} looks like a secret: a letter and a
     * digit or symbol (a name's {@code - _ .} do not count), and no path, variable, placeholder ({@code <phrase>}, {@code
     * pass:<password>}), assignment ({@code docker build --secret id=npmrc,src=...}) or where OpenSSL's {@code -pass}
     * reads the password from ({@code file:path}, {@code env:VAR}, {@code fd:3}).
     */
    private static boolean optionSecretShaped(String s, int v) {
        if (v >= s.length() || "/~.".indexOf(s.charAt(v)) >= 0 || SecretAssignments.referenceEnd(s, v) >= 0)
            return false;
        if (s.startsWith("file:", v) || s.startsWith("env:", v) || s.startsWith("fd:", v)) return false;
        int e = unquotedEnd(s, v);
        boolean letter = false;
        boolean other = false;
        for (int i = v; i < e; i++) {
            char c = s.charAt(i);
            if (c == '<' || c == '=') return false; // docker build --secret id=npmrc,src=...: what the secret is
            if (isLetter(c)) letter = true;
            else if (c != '-' && c != '_' && c != '.') other = true; // a name's separators: --tls-secret my-tls-cert
        }
        return letter && other;
    }

    /** PuTTY's {@code -pw} (plink, pscp, psftp), and {@code --pw}: an option whose name is the two letters of pw. */
    private static boolean pwOption(String s, int keyStart, int afterKey) {
        return afterKey - keyStart <= 4
                && s.charAt(afterKey - 3) == '-'
                && (s.charAt(afterKey - 2) | 0x20) == 'p'
                && (s.charAt(afterKey - 1) | 0x20) == 'w'
                && isOption(s, keyStart);
    }

    /**
     * The last words of an option that holds a secret though, alone in prose, they name other things too ({@link
     * #namedSpacedSecret}): {@code --db-pass hunter}, {@code -pwd x}, {@code --jwt-secret x}, plink's {@code -pw x}.
     */
    private static final String[] OPTION_SECRET_WORDS = {"pw", "pwd", "pass", "secret", "passcode", "psk"};

    /** {@link #spacedSecret} past the look-up that turns away nearly every word, which stays small for it. */
    private int namedSpacedSecret(String s, int keyStart, int afterKey) {
        int part = lastPartStart(s, keyStart, afterKey);
        if (afterKey - keyStart > 2 && !mayEndPlainKey(s, part, afterKey) && !pwOption(s, keyStart, afterKey))
            return afterKey;
        // words for logging in and for a card's expiry have their own checks and name no secret (but "credentials"):
        // returning here spares them SecretNames' comparisons
        if (ProseCredentials.isLoginWord(s, keyStart, afterKey)) {
            scanner.proseCredentials.pair(s, keyStart, afterKey);
            if (!ProseCredentials.namesCredentials(s, keyStart, afterKey)) return afterKey;
        }
        if (isOneOf(s, part, afterKey, CardExpiry.EXPIRY_WORDS) || isOneOf(s, part, afterKey, CardExpiry.THRU_WORDS))
            return Math.max(scanner.cardExpiry.end(s, part, afterKey), afterKey);
        // pwd, pass, a lone secret, auth, cookie name other things too (the shell's pwd, a loop's pass, Kubernetes'
        // secret "db-creds" not found), so their value counts only after a linking word: "pwd was Summer2024!"
        boolean plainly =
                SecretNames.namesSecretPlainly(s, keyStart, afterKey) || pairWrittenApart(s, keyStart, afterKey);
        if (!plainly && !SecretNames.namesSecret(s, keyStart, afterKey)) return afterKey;
        char last = Character.toLowerCase(s.charAt(afterKey - 1));
        boolean keyLike = last == 'n' || last == 'y'; // token, key: a quoted name is as likely as a quoted value
        int n = s.length();
        int v = skipBlanks(s, afterKey);
        // a table's columns (vault kv get, kubectl describe): the value of a password row, whatever its shape; and so
        // right after a command's option (--password changeme, keytool's -storepass changeit), Redis's directives
        // (requirepass foobared) and a password's word after its user's name (login admin password admin), not after
        // a linking word there ("--password is required", "# requirepass is commented out")
        boolean column = plainly && (v - afterKey >= 2 || s.charAt(afterKey) == '\t');
        // an option named by pwd, pass or a lone secret holds one too, when its value holds a letter and a digit or
        // symbol and is no file's path, variable or placeholder: ffmpeg's -pass 2 is an encoding pass, gpg's --secret a
        // switch ("export --secret called with ..."), a manual's --pass <phrase> a placeholder
        boolean secretOption = !plainly
                && isOption(s, keyStart)
                && isOneOf(s, part, afterKey, OPTION_SECRET_WORDS)
                && optionSecretShaped(s, v);
        boolean bare = (plainly || secretOption)
                && !column
                && (((isOption(s, keyStart) || isOneOf(s, keyStart, afterKey, REDIS_DIRECTIVES))
                                && !ProseCredentials.describesAPassword(s, v, false))
                        || (!keyLike && ProseCredentials.valueAfterUserName(s, keyStart, v)));
        int qualified = column || bare ? -1 : afterQualifier(s, v);
        if (qualified > 0) v = qualified;
        int linked = 0;
        boolean changed = false;
        for (; linked < 4 && v < n; linked++) {
            int w = v;
            while (w < n && isWordChar(s.charAt(w))) w++;
            if (w == v || w >= n || s.charAt(w) != ' ') break;
            // "from" only after a word of change: "password was changed from OldPw11 to ...", not "token from cache"
            boolean from = changed && w - v == 4 && s.regionMatches(true, v, "from", 0, 4);
            // Finnish "salasana on ...": "on" links only after the Finnish word, where English "password on host01"
            // does not
            boolean finnishOn =
                    w - v == 2 && s.regionMatches(true, v, "on", 0, 2) && s.regionMatches(true, part, "salasana", 0, 8);
            if (!from && !finnishOn && !isLinkingWord(s, v, w)) break;
            changed = isOneOf(s, v, w, CHANGE_WORDS);
            v = skipBlanks(s, w);
        }
        // Cisco IOS writes the password's type between: "username admin password 0 Cisco123", "enable secret 5 $1$..."
        if (plainly && linked == 0 && v + 2 < n && "05789".indexOf(s.charAt(v)) >= 0 && s.charAt(v + 1) == ' ') v += 2;
        // a one-time code needs no linking word ("OTP 583920 sent", "verification code 482913 expires"), and neither
        // does a value that looks generated after pwd, pass, auth or a lone secret: "user admin pass Summer2024", "AWS
        // secret wJalrXUtnFEMI/K7MDENG/...", not "secret app-tls-2024"
        if (v >= n
                || (!plainly
                        && !secretOption
                        && linked == 0
                        && !oneTimeCode(s, part, afterKey, v, proseValueEnd(s, v))
                        && !SecretAssignments.generatedAfterSpace(s, keyStart, afterKey, v))) return afterKey;
        int e = linkedValue(s, v, linked, keyLike, column || (bare && linked == 0), part, afterKey);
        if (e < 0) return afterKey;
        // the new value after the old one: "changed from OldPw11 to NewPw22", "from 'a' to 'b'"
        if (linked > 0 && s.startsWith(" to ", e)) {
            int next = linkedValue(s, e + 4, linked, keyLike, false, part, afterKey);
            if (next > 0) return next;
        }
        return e;
    }

    private static final String[] CHANGE_WORDS = {"changed", "reset", "updated", "rotated"};

    /** Redis's password directives, in redis.conf and after {@code CONFIG SET}: {@code requirepass foobared}. */
    private static final String[] REDIS_DIRECTIVES = {"requirepass", "masterauth"};

    /** A command line's option: a word that starts with one or two dashes after a blank or the text's start. */
    private static boolean isOption(String s, int wordStart) {
        return s.charAt(wordStart) == '-' && (wordStart == 0 || s.charAt(wordStart - 1) == ' ');
    }

    /**
     * The value that starts at {@code v} after a secret's name and {@code linked} linking words, masked when it is shaped
     * like one ({@link #spacedSecret}). Returns where the value (its closing quote) ends, or -1 when nothing was masked.
     */
    private int linkedValue(String s, int v, int linked, boolean keyLike, boolean column, int part, int afterKey) {
        int n = s.length();
        if (v >= n) return -1;
        char q = s.charAt(v);
        if (q == '"' || q == '\'') {
            // a password on the same line, not the rest of the message after a stray quote: past 256 characters only
            // a token (no blank) runs on to its quote
            int e = v + 1;
            while (e < n && s.charAt(e) != q && s.charAt(e) != '\n' && (e - v <= 256 || s.charAt(e) > ' ')) e++;
            if (e == n || s.charAt(e) != q || e == v + 1) return -1;
            if (keyLike && !lettersAndDigits(s, v + 1, e)) return -1;
            scanner.add(v + 1, e, PiiKind.DENIED_FIELD);
            return e + 1;
        }
        if (q == '-') return -1; // the next option of a command line
        // prose ("my password is tr0ub4dor&3."): to the next blank, less a sentence's punctuation; else to & ; , too
        int e = linked > 0 ? proseValueEnd(s, v) : unquotedEnd(s, v);
        boolean shaped = column && !keyLike
                ? e - v >= 4
                : (e - v >= 6 && lettersAndDigits(s, v, e))
                        || oneTimeCode(s, part, afterKey, v, e)
                        // "your password is 48291734": digits alone count after a linking word, not for a token or key
                        || (linked > 0 && !keyLike && e - v >= 6 && allDigits(s, v, e));
        if (!shaped) return -1;
        scanner.add(v, e, PiiKind.DENIED_FIELD);
        return e;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!isDigit(s.charAt(k))) return false;
        }
        return true;
    }

    /**
     * Where a value in prose ends: at a blank or quote, without the sentence's comma, full stop or bracket. Unbounded: a
     * session token runs to a thousand characters, and the scan goes on after it.
     */
    static int proseValueEnd(String s, int from) {
        int e = from;
        while (e < s.length()) {
            char c = s.charAt(e);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'') break;
            e++;
        }
        return withoutPunctuation(s, from, e);
    }

    /** {@code to}, less a sentence's comma, full stop, semicolon, colon or closing bracket before it. */
    private static int withoutPunctuation(String s, int from, int to) {
        int e = to;
        while (e > from
                && (s.charAt(e - 1) == ','
                        || s.charAt(e - 1) == '.'
                        || s.charAt(e - 1) == ';'
                        || s.charAt(e - 1) == ':'
                        || s.charAt(e - 1) == ')')) e--;
        return e;
    }

    private static final String[] CODE_WORDS = {"otp", "pin", "code", "passcode", "totp"};

    /**
     * A one-time code or PIN after its word ("OTP 583920", "your verification code is 482913"): 4 to 8 digits; a card's
     * security code, 3 or 4, after its names ("cvv 123", "CVC 314", "security code 737").
     */
    private static boolean oneTimeCode(String s, int part, int afterKey, int v, int e) {
        boolean securityCode = e - v >= 3
                && e - v <= 4
                && (isOneOf(s, part, afterKey, CVV_WORDS)
                        || (part >= 9
                                && s.regionMatches(true, part - 9, "security code", 0, 13)
                                && afterKey == part + 4));
        if (!securityCode && (e - v < 4 || e - v > 8 || !isOneOf(s, part, afterKey, CODE_WORDS))) return false;
        for (int k = v; k < e; k++) {
            if (!isDigit(s.charAt(k))) return false;
        }
        return true;
    }

    /** A word with letters beyond ASCII reaches the scan as its last ASCII run: "contraseña" as "a", "hasło" as "o". */
    private static int wordStart(String s, int from) {
        int start = from;
        while (start > 0 && s.charAt(start - 1) >= 0x80 && isWordChar(s.charAt(start - 1))) {
            start--;
            while (start > 0 && isTokenChar(s.charAt(start - 1))) start--;
        }
        return start;
    }

    /**
     * {@code password for admin is hunter2}, {@code password for db user app: Tr0ub4dor3}: "for" (or its kin: {@link
     * #QUALIFIERS}) and at most five words
     * naming whose secret it is ({@code the password for the staging db is ...}), then a linking word or a colon. Returns where the linking word or the value after the
     * colon starts, or -1.
     */
    private static int afterQualifier(String s, int v) {
        int n = s.length();
        int q = v;
        while (q < n && q - v < 4 && isWordChar(s.charAt(q))) q++;
        if (q == v || q >= n || s.charAt(q) != ' ' || !isOneOf(s, v, q, QUALIFIERS)) return -1;
        int w = skipBlanks(s, q);
        for (int words = 0; words < 6 && w < n; words++) {
            int e = w;
            while (e < n && e - w <= 64 && s.charAt(e) != ' ' && s.charAt(e) != '\t') e++;
            if (e >= n || e - w > 64) return -1;
            if (isLinkingWord(s, w, e)) return w;
            if (s.charAt(e - 1) == ':') return skipBlanks(s, e);
            if (e - w == 1 && s.charAt(w) == '=') {
                // SET PASSWORD FOR 'app'@'%' = '...', and MySQL 5's = PASSWORD('...')
                int value = skipBlanks(s, e);
                return s.regionMatches(true, value, "password(", 0, 9) ? value + 9 : value;
            }
            w = skipBlanks(s, e);
        }
        return -1;
    }

    /** "for" in the languages of {@link SecretNames}' words: la contraseña de admin es ..., das Passwort für ... ist ... */
    private static final String[] QUALIFIERS = {
        "for", "de", "del", "du", "für", "do", "da", "di", "per", "dla", "för", "van", "voor", "pro", "pre", "za"
    };

    /** Whether the word before {@code s[keyStart, afterKey)}, one space apart, makes a pair with it ({@code api key}). */
    static boolean pairWrittenApart(String s, int keyStart, int afterKey) {
        int end = keyStart - 1;
        if (end < 1 || s.charAt(end) != ' ') return false;
        int start = end;
        while (start > 0 && isWordChar(s.charAt(start - 1))) start--;
        // a digit before the letters too: "2FA secret" (not a number before a key, "1701234567890 id=": no pair's)
        if (start > 0 && start < end && isDigit(s.charAt(start - 1))) start--;
        // the last part of a hyphenated word makes a pair too: "one-time code"
        if (start == end || (start > 0 && isTokenChar(s.charAt(start - 1)) && s.charAt(start - 1) != '-')) return false;
        return SecretNames.isPair(s, start, end, keyStart, afterKey);
    }

    /**
     * The words a key that names a secret plainly ends with ({@link SecretNames#plainLastWords}), by their last three
     * characters (hashed into a table: one read, where a loop over the 70 tails cost a compare each) and by first two
     * letters and length: each word of a message followed by a space is a candidate, and these turn away nearly all of them with
     * a few array reads before {@link SecretNames} splits one. A word whose tail shares a slot with one of them goes on
     * to those exact checks.
     */
    private static final boolean[] PLAIN_TAILS = new boolean[1 << 12];

    /** By first letter and length, the second letters of those words as a bitmask ({@link #letterBit}). */
    private static final int[][] PLAIN_LAST_PART;

    static {
        java.util.List<String> words = new java.util.ArrayList<>(SecretNames.plainLastWords());
        words.addAll(SecretNames.linkedLastWords());
        PLAIN_LAST_PART =
                new int[128][words.stream().mapToInt(String::length).max().orElseThrow() + 1];
        // read as char arrays: String.charAt on a word outside Latin-1 (пароль) here, before any message, gave the
        // JIT a profile that slowed every later charAt loop of the scan by a quarter on Latin-1 text (a timed loop)
        for (String w : words) {
            char[] c = w.toCharArray();
            int n = c.length;
            PLAIN_TAILS[tailSlot((lower(c[n - 3]) << 16) | (lower(c[n - 2]) << 8) | lower(c[n - 1]))] = true;
            PLAIN_LAST_PART[c[0] & 0x7F][n] |= letterBit(c[1]);
        }
        java.util.List<String> ownChecks = new java.util.ArrayList<>(ProseCredentials.loginWords());
        ownChecks.addAll(java.util.List.of(CardExpiry.EXPIRY_WORDS));
        ownChecks.addAll(java.util.List.of(CardExpiry.THRU_WORDS));
        for (String w : ownChecks) { // past the first look-ups to their own check
            char[] c = w.toCharArray();
            int n = c.length;
            PLAIN_TAILS[tailSlot((lower(c[n - 3]) << 16) | (lower(c[n - 2]) << 8) | lower(c[n - 1]))] = true;
            PLAIN_LAST_PART[c[0] & 0x7F][n] |= letterBit(c[1]);
        }
    }

    /** Whether the word {@code s[from, to)} passes the look-ups above: before {@link SecretNames} splits it. */
    static boolean mayNameSecret(String s, int from, int to) {
        return to - from >= 3 && plainEnding(s, to) && mayEndPlainKey(s, lastPartStart(s, from, to), to);
    }

    /** A bit per ASCII letter, either case; one bit for every other character. */
    private static int letterBit(char c) {
        int l = lower(c) - 'a';
        return l >= 0 && l < 26 ? 1 << l : 1 << 31;
    }

    /**
     * Whether the name part {@code s[part, afterKey)} may be one of those words, by its first two letters and length:
     * "connection" is not "credential".
     */
    private static boolean mayEndPlainKey(String s, int part, int afterKey) {
        int length = afterKey - part;
        return length >= 2
                && length < PLAIN_LAST_PART[0].length
                && (PLAIN_LAST_PART[lower(s.charAt(part)) & 0x7F][length] & letterBit(s.charAt(part + 1))) != 0;
    }

    /** The last three characters before {@code to}, lower-cased, as one int. */
    private static int tail(String s, int to) {
        return (lower(s.charAt(to - 3)) << 16) | (lower(s.charAt(to - 2)) << 8) | lower(s.charAt(to - 1));
    }

    private static boolean plainEnding(String s, int to) {
        return PLAIN_TAILS[tailSlot(tail(s, to))];
    }

    private static int tailSlot(int tail) {
        return (tail * 0x9E3779B1) >>> 20;
    }

    /**
     * An ASCII letter in lower case; any other character as it is (the words' tails beyond ASCII are compared as
     * written: a key in capitals of another script is not found after a space). Small, so the tail of every word is
     * taken inline.
     */
    private static int lower(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** Where the last name part of {@code s[from, to)} starts: {@code aws_secret_access_key} -> key, {@code apiKey} -> Key. */
    private static int lastPartStart(String s, int from, int to) {
        int p = to;
        while (p > from && isLowerLetter(s.charAt(p - 1))) p--;
        if (p == to) {
            while (p > from && isUpperLetter(s.charAt(p - 1))) p--; // PASSWORD
        } else if (p > from && isUpperLetter(s.charAt(p - 1))) {
            p--; // Password, apiKey, Contraseña
        }
        return p;
    }

    private static boolean isLowerLetter(char c) {
        return c < 0x80 ? c >= 'a' && c <= 'z' : Character.isLowerCase(c);
    }

    private static boolean isUpperLetter(char c) {
        return c < 0x80 ? isUpper(c) : Character.isUpperCase(c);
    }

    /** "is" and its kin in the languages of {@link SecretNames}' words whose name is ASCII: Passwort ist, senha é. */
    private static final String[] LINKING_WORDS = {
        "is",
        "to",
        "as",
        "was",
        "set",
        "are",
        "ist",
        "est",
        "es",
        "é",
        "è",
        "er",
        "är",
        "je",
        "adalah",
        "now",
        "has",
        "have",
        "been",
        "reset",
        "changed",
        "updated",
        "lautet",
        "là",
        "este",
        // "SNMP community string ...", "token string ...": what the value is, not a value
        "string"
    };

    static boolean isLinkingWord(String s, int from, int to) {
        int len = to - from;
        return len >= 1 && len <= 7 && isOneOf(s, from, to, LINKING_WORDS);
    }

    private void jwt(String s, int from, int to) {
        int dot1 = s.indexOf('.', from);
        if (dot1 < 0 || dot1 >= to) return;
        int dot2 = s.indexOf('.', dot1 + 1);
        if (dot2 < 0 || dot2 >= to) return;
        if (s.indexOf('.', dot2 + 1) >= 0 && s.indexOf('.', dot2 + 1) < to) return;
        if (dot1 - from < 10 || !s.startsWith("eyJ", dot1 + 1) || dot2 - dot1 - 1 < 10) return;
        scanner.add(from, to, PiiKind.JWT);
    }

    private void apiKey(String s, int from, int to) {
        int key = VendorKeys.match(s, from, to);
        if (key == VendorKeys.NONE) {
            if (CryptoAddresses.mayBe(s.charAt(from), to - from)) cryptoAddress(s, from, to);
            return;
        }
        scanner.add(from, VendorKeys.checksumEnd(s, from, to), PiiKind.API_KEY);
        if (key == VendorKeys.AWS_KEY_ID) awsSecretAfter(s, to);
    }

    private void cryptoAddress(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) == '.') to--; // a sentence's full stop
        if (cryptoAddresses.is(s, from, to)) scanner.add(from, to, PiiKind.CRYPTO_ADDRESS);
    }

    /**
     * The secret access key written right after its key ID ({@code AKIA... / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY},
     * {@code AKIA...:wJal...}, a CSV's next column): 40 characters of base64's alphabet with both cases, within four
     * separators of the ID. Alone, 40 such characters could be anything; after a key ID they are its secret.
     */
    private void awsSecretAfter(String s, int afterId) {
        int n = s.length();
        int v = afterId;
        while (v < n && v - afterId < 4 && " \t/:,;=|\"'".indexOf(s.charAt(v)) >= 0) v++;
        if (v == afterId) return;
        int e = v;
        while (e < n && (isAlnum(s.charAt(e)) || s.charAt(e) == '/' || s.charAt(e) == '+')) e++;
        if (e - v != 40 || (e < n && s.charAt(e) == '=')) return;
        boolean lower = false;
        boolean upper = false;
        for (int i = v; i < e; i++) {
            char c = s.charAt(i);
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) scanner.add(v, e, PiiKind.DENIED_FIELD);
    }
}
