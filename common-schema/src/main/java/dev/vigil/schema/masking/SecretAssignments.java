package dev.vigil.schema.masking;

import static dev.vigil.schema.masking.FreeTextTokens.isLinkingWord;
import static dev.vigil.schema.masking.FreeTextTokens.pairWrittenApart;
import static dev.vigil.schema.masking.FreeTextTokens.proseValueEnd;
import static dev.vigil.schema.masking.PiiScanner.isAlnum;
import static dev.vigil.schema.masking.PiiScanner.isDigit;
import static dev.vigil.schema.masking.PiiScanner.isHex;
import static dev.vigil.schema.masking.PiiScanner.isLetter;
import static dev.vigil.schema.masking.PiiScanner.isOneOf;
import static dev.vigil.schema.masking.PiiScanner.isTokenChar;
import static dev.vigil.schema.masking.PiiScanner.isUpper;
import static dev.vigil.schema.masking.PiiScanner.isWordChar;
import static dev.vigil.schema.masking.PiiScanner.lettersAndDigits;
import static dev.vigil.schema.masking.PiiScanner.percentEncoded;
import static dev.vigil.schema.masking.PiiScanner.skipBlanks;
import static dev.vigil.schema.masking.PiiScanner.unquotedEnd;

/**
 * Secrets named by a key, for {@link PiiScanner}: {@code key = value}, {@code key: value}, {@code "key": "value"} (the
 * key read backwards from each {@code =} or {@code :}, the value forwards), credentials in URLs, XML elements that name
 * a secret, PEM private keys.
 */
final class SecretAssignments {
    private final PiiScanner scanner;

    SecretAssignments(PiiScanner scanner) {
        this.scanner = scanner;
    }

    /**
     * Values after a key that names a secret ({@code password=...}, {@code "SecretAccessKey": "..."},
     * {@code DB_PASSWORD=...}, {@code spring.datasource.password = ...}, {@code apiKey: ...}). Each
     * {@code =} or {@code :} is looked at once; the key is read backwards over at most 128 characters,
     * the value forwards to its closing quote, or unquoted to {@code & ; , }} whitespace or a quote,
     * and scanning goes on after the value: linear time.
     */
    void scan(String s) {
        int n = s.length();
        int secretNamedUntil = -1; // {name: DB_PASSWORD, value: ...}: a value key up to here holds the named secret
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '=' && c != ':' && c != '\uFF1A') continue;
            if (c == ':' && i + 2 < n && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') continue; // scheme://
            int valueFrom = i + 1;
            if (c == '=' && i + 1 < n && s.charAt(i + 1) == '>') {
                valueFrom = i + 2; // Ruby's "password"=>"..."
            } else if (i + 1 < n && s.charAt(i + 1) == '=') { // ==, :=
                i++;
                continue;
            }
            int k = i - 1;
            while (k >= 0 && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) k--;
            if (k >= 0 && (s.charAt(k) == '"' || s.charAt(k) == '\'')) {
                k--;
                if (k >= 0 && s.charAt(k) == '\\') k--; // an escaped quote inside a message: \"password\":
            } else if (k >= 1 && s.charAt(k) == ']' && (s.charAt(k - 1) == '"' || s.charAt(k - 1) == '\'')) {
                k -= 2; // a subscript: os.environ["API_TOKEN"] = ..., config['password'] = ..., ENV['DB_PASSWORD'] =
                // ...
            } else if (k >= 0 && s.charAt(k) == ']' && valueFrom == i + 2) {
                k--; // PHP's print_r: [password] => ...
            }
            int keyEnd = k + 1;
            while (k >= 0 && keyEnd - k <= 128 && isKeyChar(s.charAt(k))) k--;
            int keyStart = k + 1;
            if (keyStart == keyEnd) continue;
            if (i <= secretNamedUntil && isOneOf(s, keyStart, keyEnd, VALUE_KEYS)) {
                secretNamedUntil = -1;
                int end = secretValue(s, valueFrom);
                if (end > i) i = end - 1;
                continue;
            }
            if (isOneOf(s, keyStart, keyEnd, NAME_KEYS)) {
                int end = secretNameValue(s, valueFrom);
                if (end > i) {
                    secretNamedUntil = end + 160;
                    i = end - 1;
                    continue;
                }
            }
            // "--- PASS: TestLogin (0.00s)", automake's "PASS: test-foo": a test's result, not a password
            if (c == ':' && keyEnd - keyStart == 4 && s.startsWith("PASS", keyStart)) continue;
            // Linux-PAM's module and service, pam_unix(passwd:chauthtok): the passwd command, not a password
            if (c == ':' && pamService(s, keyStart)) continue;
            // the shell's working directory in an environment dump (PWD=/var/lib/app), not a password
            if (c == '='
                    && keyEnd - keyStart == 3
                    && s.startsWith("PWD", keyStart)
                    && valueFrom < n
                    && (s.charAt(valueFrom) == '/' || s.charAt(valueFrom) == '~')) continue;
            if (!SecretNames.namesSecret(s, keyStart, keyEnd)
                    && !motDePasse(s, keyStart, keyEnd)
                    && !pairWrittenApart(s, keyStart, keyEnd)
                    && !secretBeforeLinkingWord(s, keyStart, keyEnd)) {
                // "Please use the following password to proceed to installation: 3f2a...": only a random value
                if ((secretEarlierInPhrase(s, keyStart) && !isOneOf(s, keyStart, keyEnd, IDENTITY_WORDS))
                        || newValueOfASecret(s, keyStart, keyEnd)
                        || sessionOrGrant(s, keyStart, keyEnd, c)) {
                    int end = randomValue(s, valueFrom);
                    if (end > i) i = end - 1;
                } else if (c == ':' && keyEnd == i && ProseCredentials.isLoginWord(s, keyStart, keyEnd)) {
                    scanner.proseCredentials.pair(s, keyStart, keyEnd); // login: bob / hunter22
                } else if (c == ':' && CardExpiry.mayBeNamed(s.charAt(keyStart))) {
                    int end = scanner.cardExpiry.end(s, keyStart, keyEnd); // expiry: 08/26
                    if (end > i) i = end - 1;
                }
                continue;
            }
            // a help text's placeholder, the key's own name in capitals: --api-key=API_KEY
            if (metavariable(s, keyStart, keyEnd, valueFrom)) continue;
            int end = c != '=' && SecretNames.hasPart(s, keyStart, keyEnd, COOKIE) ? cookies(s, valueFrom) : -1;
            // "password: Tr0ub4dor&3": after a colon and a blank '&' is the password's, not a query string's separator
            if (end < 0) end = secretValue(s, valueFrom, c == ':' && valueFrom < n && s.charAt(valueFrom) == ' ');
            if (end > 0 && (ProseCredentials.isLoginWord(s, keyStart, keyEnd) || userSlashBefore(s, keyStart)))
                end = passwordOfPair(s, end);
            if (end > i) i = end - 1;
        }
    }

    /**
     * Whether the value at {@code v} is the key's own name in capitals, as help texts write an option's argument ({@code
     * --api-key=API_KEY}, {@code --md5-authentication-key=MD5_AUTHENTICATION_KEY}): the same letters and digits, with
     * {@code _} for {@code -}, and nothing after them but a blank, a bracket or the text's end.
     */
    private static boolean metavariable(String s, int keyStart, int keyEnd, int v) {
        int n = s.length();
        int k = keyStart;
        while (k < keyEnd && s.charAt(k) == '-') k++;
        int p = v;
        for (; k < keyEnd; k++, p++) {
            if (p >= n) return false;
            char kc = s.charAt(k);
            char vc = s.charAt(p);
            if (kc == '-' || kc == '_' || kc == '.'
                    ? vc != '_'
                    : !(isUpper(vc) || isDigit(vc)) || Character.toUpperCase(kc) != vc) return false;
        }
        return p > v && (p == n || " \t]})>'\"".indexOf(s.charAt(p)) >= 0);
    }

    /** Whether the key at {@code keyStart} is a PAM service in a module's log prefix: {@code pam_unix(passwd:...)}. */
    private static boolean pamService(String s, int keyStart) {
        if (keyStart < 5 || s.charAt(keyStart - 1) != '(') return false;
        int word = keyStart - 1;
        while (word > 0 && keyStart - word <= 32 && isTokenChar(s.charAt(word - 1))) word--;
        return s.startsWith("pam_", word);
    }

    /** A key written as a pair's: {@code username/password: admin/P@ss123}, {@code user / pass: ...}. */
    private static boolean userSlashBefore(String s, int keyStart) {
        int p = keyStart - 1;
        if (p >= 0 && s.charAt(p) == ' ') p--;
        if (p < 0 || s.charAt(p) != '/') return false;
        p--;
        if (p >= 0 && s.charAt(p) == ' ') p--;
        int end = p + 1;
        while (p >= 0 && end - p <= 8 && isLetter(s.charAt(p))) p--;
        return (p < 0 || !isTokenChar(s.charAt(p))) && isOneOf(s, p + 1, end, IDENTITY_WORDS);
    }

    /**
     * After a credentials key's first value ({@code Credentials: deploy / D3pl0yPass}, {@code creds: "app" / "pw"}),
     * the password that follows it with a slash: masked too, or the key would hide the user and show the password.
     * Returns where the second value ends, or {@code end} when there is none.
     */
    private int passwordOfPair(String s, int end) {
        int n = s.length();
        int k = end < n && (s.charAt(end) == '"' || s.charAt(end) == '\'') ? end + 1 : end;
        if (k < n && s.charAt(k) == '/') k++;
        else if (s.startsWith(" / ", k)) k += 3;
        else return end;
        if (k >= n || s.charAt(k) == ' ' || s.charAt(k) == '/') return end;
        int e = secretValue(s, k);
        return e > k ? e : end;
    }

    private static final String[] COOKIE = {"cookie"};

    /**
     * A session cookie's value ({@code session=eyJ1c2Vy...}, as Flask and Rack name theirs) and OAuth's authorization code
     * in a redirect's query string ({@code /callback?code=4/0AX4XfWh...&state=...}), masked when it looks generated
     * ({@link #randomValue}): a session's number, a UUID or a status code stay, for Vigil's own session IDs among them.
     */
    private static boolean sessionOrGrant(String s, int keyStart, int keyEnd, char c) {
        if (keyEnd - keyStart == 7) return s.regionMatches(true, keyStart, "session", 0, 7);
        return c == '='
                && keyEnd - keyStart == 4
                && keyStart > 0
                && (s.charAt(keyStart - 1) == '?' || s.charAt(keyStart - 1) == '&')
                && s.regionMatches(true, keyStart, "code", 0, 4);
    }

    /**
     * A {@code Cookie:} or {@code Set-Cookie:} header's unquoted value, masked whole: every cookie in it, not only the
     * first up to its {@code ;} ({@code Cookie: theme=dark; sessionid=8f3a...}). Ends at the line's end, a quote, a
     * brace or a comma, which no cookie holds (RFC 6265's cookie-octet). Returns its end, or -1 when it is quoted.
     * Unquoted but not starting as a header's cookie does, with a name and {@code =}, only a value that looks generated
     * is masked: "http-cookie: The name of the cookie", "Cookie: missing".
     */
    private int cookies(String s, int from) {
        int v = skipBlanks(s, from);
        int n = s.length();
        if (v >= n || s.charAt(v) == '"' || s.charAt(v) == '\\' || s.charAt(v) == '\'') return -1;
        int name = v;
        while (name < n && name - v <= 256 && isTokenChar(s.charAt(name))) name++;
        if (name == v || name >= n || s.charAt(name) != '=') return randomValue(s, v);
        int e = v;
        while (e < n) {
            char c = s.charAt(e);
            if (c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '}' || c == ',' || c == '\\') break;
            e++;
        }
        while (e > v && s.charAt(e - 1) == ' ') e--;
        if (e > v) scanner.add(v, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /**
     * Keys that name a variable whose value comes under one of {@link #VALUE_KEYS} in the same object: Kubernetes' and
     * ECS's {@code {name: DB_PASSWORD, value: ...}}, CloudFormation's {@code ParameterKey}/{@code ParameterValue}.
     */
    private static final String[] NAME_KEYS = {"name", "key", "parameterkey", "variable"};

    private static final String[] VALUE_KEYS = {"value", "parametervalue"};

    /** The end of the value at {@code from} (quoted or not) when it names a secret ({@code DB_PASSWORD}), else -1. */
    private static int secretNameValue(String s, int from) {
        int v = skipBlanks(s, from);
        if (v < s.length() && s.charAt(v) == '\\') v++;
        if (v < s.length() && (s.charAt(v) == '"' || s.charAt(v) == '\'')) v++;
        int e = v;
        while (e < s.length() && e - v <= 128 && isKeyChar(s.charAt(e))) e++;
        return e > v && SecretNames.namesSecret(s, v, e) ? e : -1;
    }

    /** Masks the value starting after spaces at {@code from}; returns its end, or -1 when there is none. */
    private int secretValue(String s, int from) {
        return secretValue(s, from, false);
    }

    /** {@link #secretValue(String, int)}; with {@code ampersandInside}, an unquoted value goes on past {@code &}. */
    private int secretValue(String s, int from, boolean ampersandInside) {
        int n = s.length();
        int v = from;
        while (v < n && (s.charAt(v) == ' ' || s.charAt(v) == '\t')) v++;
        if (v >= n) return -1;
        char q = s.charAt(v);
        boolean escapedQuote = q == '\\' && v + 1 < n && (s.charAt(v + 1) == '"' || s.charAt(v + 1) == '\'');
        if (escapedQuote) {
            q = s.charAt(v + 1);
            int start = v + 2;
            int e = start;
            while (e < n && !(s.charAt(e) == '\\' && e + 1 < n && s.charAt(e + 1) == q)) e++;
            if (e > start) scanner.add(start, e, PiiKind.DENIED_FIELD);
            return e;
        }
        if (q == '"' || q == '\'') {
            int start = v + 1;
            int e = start;
            while (e < n && s.charAt(e) != q && s.charAt(e) != '\n') e += s.charAt(e) == '\\' ? 2 : 1;
            e = Math.min(e, n);
            if (e > start && referenceEnd(s, start) != e) scanner.add(start, e, PiiKind.DENIED_FIELD);
            return e;
        }
        int e = unquotedEnd(s, v);
        // MySQL's "Access denied for user 'app'@'host' (using password: YES)": whether one was given, not its value
        if (isFlag(s, v, e)) return e;
        if (ampersandInside && startsAPhrase(s, v, e)) return e;
        // a command line's next option, not a value: gcloud's synopsis "(HCX_ACTIVATION_KEY : --location=LOCATION ...)"
        if (e - v > 3 && s.charAt(v) == '-' && s.charAt(v + 1) == '-' && isLetter(s.charAt(v + 2))) return v;
        int reference = referenceEnd(s, v);
        // the whole value: %Ab3%!x9 is a password that starts like a variable
        if (reference >= e
                && (reference == n
                        || Character.isWhitespace(s.charAt(reference))
                        || ",;\"')]}`".indexOf(s.charAt(reference)) >= 0)) return reference;
        while (ampersandInside && e < n && s.charAt(e) == '&') e = unquotedEnd(s, e + 1);
        if (e - v == 6 && s.regionMatches(true, v, "bearer", 0, 6)) return e; // the bearer detector masks its token
        // an authorization scheme is followed by the credential itself: "Authorization: Basic dXNlcjpwYXNz"; or by
        // parameters, each read as any key and value (Token token="...", Digest's response="...", below)
        if (e < n && s.charAt(e) == ' ' && isAuthScheme(s, v, e)) {
            boolean digest = e - v == 6;
            v = e + 1;
            e = unquotedEnd(s, v);
            if (authParams(s, v, e)) {
                if (digest) digestResponse(s, v);
                return v;
            }
        }
        // a list of parameters, as signature headers write them: "Stripe-Signature: t=1492774577,v1=5257a8..."
        if (e > v && s.charAt(v) != '=' && equalsWithin(s, v + 1, e)) {
            while (e + 1 < n && s.charAt(e) == ',' && paramFollows(s, e + 1)) e = unquotedEnd(s, e + 1);
        }
        if (e > v) scanner.add(v, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /** Words that say whether a secret is set rather than what it is: yes, no, true, false, none, null. */
    private static final String[] FLAGS = {"yes", "no", "true", "false", "none", "null", "nil", "(null)", "(none)"};

    /**
     * Words that start a sentence about a secret rather than being one, after {@code key: } and before more words: {@code
     * # password: keep empty}, {@code token: This is a query parameter}, {@code password: see below}; what a doc
     * comment, a help text or a change log writes after a key's name.
     */
    private static final String[] PHRASE_WORDS =
            ("keep leave see use enter type provide specify supply this that these "
                            + "those it its the a an your our their if when only as "
                            // a change log's verbs: "gtlspassword: Fix inverted assertion"
                            + "fix add remove allow avoid make do support handle return show")
                    .split(" ");

    /**
     * Whether the word {@code s[v, e)} starts a phrase ({@link #PHRASE_WORDS}, or what {@link
     * ProseCredentials#describesAPassword} says happened to a password) that goes on with another word.
     */
    private static boolean startsAPhrase(String s, int v, int e) {
        if (e + 1 >= s.length() || s.charAt(e) != ' ' || !isLetter(s.charAt(e + 1))) return false;
        for (int p = v; p < e; p++) {
            if (!isLetter(s.charAt(p))) return false;
        }
        return isOneOf(s, v, e, PHRASE_WORDS) || ProseCredentials.describesAPassword(s, v, false);
    }

    /** Whether {@code s[v, e)}, less a closing bracket after it, is one of the {@link #FLAGS}. */
    private static boolean isFlag(String s, int v, int e) {
        int end = e > v && s.charAt(e - 1) == ')' && s.charAt(v) != '(' ? e - 1 : e;
        return end - v <= 6 && isOneOf(s, v, end, FLAGS);
    }

    /**
     * Where a reference to a secret or a placeholder for one ends, when one starts at {@code v}, else -1: a variable
     * ({@code ${DB_PASSWORD}}, {@code $DB_PASSWORD}, {@code %DB_PASSWORD%}), a template's expression ({@code {{
     * .Values.db.password }}}) or a placeholder ({@code <your-api-key>}): configuration that names where the secret
     * is, as secret scanners leave it. Not a variable with a default ({@code ${DB_PASSWORD:-hunter2}}), nor a hash
     * ({@code $2y$10$...}, {@code $apr1$...}), nor a name in mixed case without braces ({@code $Secret123}).
     */
    static int referenceEnd(String s, int v) {
        int n = s.length();
        if (v + 2 >= n) return -1;
        char c = s.charAt(v);
        if (c == '{' && s.charAt(v + 1) == '{') {
            int close = s.indexOf("}}", v + 2);
            return close > 0 && close - v <= 160 && s.lastIndexOf('\n', close) < v ? close + 2 : -1;
        }
        if (c == '<') {
            int p = v + 1;
            while (p < n && p - v <= 64 && (isTokenChar(s.charAt(p)) || s.charAt(p) == ' ')) p++;
            return p > v + 1 && p < n && s.charAt(p) == '>' ? p + 1 : -1;
        }
        if (c != '$' && c != '%') return -1;
        boolean braced = c == '$' && s.charAt(v + 1) == '{';
        int p = braced ? v + 2 : v + 1;
        if (!(isLetter(s.charAt(p)) || s.charAt(p) == '_')) return -1;
        boolean upper = false;
        boolean lower = false;
        for (; p < n && (isAlnum(s.charAt(p)) || s.charAt(p) == '_' || (braced && s.charAt(p) == '.')); p++) {
            upper |= Character.isUpperCase(s.charAt(p));
            lower |= Character.isLowerCase(s.charAt(p));
        }
        // a variable's name is in one case ($DB_PASSWORD, $pass); $Secret123 is a password
        if (upper && lower && !braced) return -1;
        if (braced || c == '%') {
            char close = braced ? '}' : '%';
            return p < n && s.charAt(p) == close ? p + 1 : -1;
        }
        return p < n && s.charAt(p) == '$' ? -1 : p;
    }

    /** A key's characters: a word's, including letters beyond ASCII ({@code contraseña}, {@code パスワード}). */
    /**
     * Assignments percent-encoded inside a URL or form value, as access logs keep redirect targets and encoded bodies:
     * {@code redirect=%2Fhome%3Ftoken%3Dabc123...}, {@code data=%7B%22password%22%3A%22S3cret%22%7D}. The value after a
     * key that names a secret and an encoded {@code =} ({@code %3D}) or {@code "key":"} ({@code %22%3A%22}), to the next
     * encoded or plain separator ({@code %26}, {@code &}, {@code %22}, a blank, a quote).
     */
    void scanPercentEncoded(String s) {
        int n = s.length();
        for (int i = s.indexOf('%'); i >= 0 && i + 2 < n; i = s.indexOf('%', i + 1)) {
            int valueFrom;
            int keyEnd;
            if (percentEncoded(s, i, '3', 'D')) { // key%3Dvalue
                keyEnd = i;
                valueFrom = i + 3;
            } else if (percentEncoded(s, i, '2', '2')
                    && i + 8 < n
                    && percentEncoded(s, i + 3, '3', 'A')
                    && percentEncoded(s, i + 6, '2', '2')) {
                keyEnd = i; // %22key%22%3A%22value%22
                valueFrom = i + 9;
            } else {
                continue;
            }
            int keyStart = keyEnd;
            while (keyStart > 0 && keyEnd - keyStart <= 128 && isTokenChar(s.charAt(keyStart - 1))) keyStart--;
            // the key's own encoded opening (%22, %3F, %26) was read as part of it: its two hex digits
            if (keyStart + 2 < keyEnd && s.charAt(keyStart) != '%' && keyStart > 0 && s.charAt(keyStart - 1) == '%')
                keyStart += 2;
            if (keyStart >= keyEnd || !SecretNames.namesSecret(s, keyStart, keyEnd)) continue;
            int e = valueFrom;
            while (e < n && e - valueFrom <= 4096) {
                char c = s.charAt(e);
                if (c == ' '
                        || c == '&'
                        || c == '"'
                        || c == '\''
                        || c == '\n'
                        || (c == '%'
                                && (percentEncoded(s, e, '2', '6')
                                        || percentEncoded(s, e, '2', '2')
                                        || percentEncoded(s, e, '2', '0')))) break;
                e++;
            }
            if (e > valueFrom) scanner.add(valueFrom, e, PiiKind.DENIED_FIELD);
            i = Math.max(i, e - 1);
        }
    }

    /**
     * Headers printed as name and value side by side: Python's pairs ({@code ("x-api-key", "...")}) and Node's {@code
     * rawHeaders} ({@code [ 'Host', 'x', 'X-Api-Key', '...' ]}): the value after a name that names a secret.
     */
    void scanHeaderPairs(String s) {
        int raw = s.indexOf("rawHeaders");
        for (int q = s.indexOf('(', 0); q >= 0; q = s.indexOf('(', q + 1)) {
            // a tuple, not a call's arguments: scryptSync('password', 'salt') names no header
            boolean call = q > 0 && (isTokenChar(s.charAt(q - 1)) || s.charAt(q - 1) == ')');
            if (!call && q + 1 < s.length() && (s.charAt(q + 1) == '"' || s.charAt(q + 1) == '\''))
                pairAfterName(s, q + 1);
        }
        if (raw < 0) return;
        int open = s.indexOf('[', raw);
        int close = open < 0 ? -1 : s.indexOf(']', open);
        if (open < 0 || close < 0 || open - raw > 16) return;
        boolean name = true; // rawHeaders alternate name and value
        for (int k = open + 1; k < close; k++) {
            char c = s.charAt(k);
            if (c != '\'' && c != '"') continue;
            int end = s.indexOf(c, k + 1);
            if (end < 0 || end > close) return;
            if (name) {
                int valueEnd = pairAfterName(s, k);
                if (valueEnd > 0) {
                    k = valueEnd;
                    continue; // the value was masked: the next element is a name again
                }
            }
            name = !name;
            k = end;
        }
    }

    /**
     * When the quoted element opening at {@code open} names a secret and a quoted element follows it after a comma,
     * masks that one; returns its closing quote, or -1.
     */
    private int pairAfterName(String s, int open) {
        char q = s.charAt(open);
        int end = s.indexOf(q, open + 1);
        if (end < 0 || end - open > 64 || !SecretNames.namesSecret(s, open + 1, end)) return -1;
        int v = end + 1;
        if (v >= s.length() || s.charAt(v) != ',') return -1;
        v = skipBlanks(s, v + 1);
        if (v >= s.length() || (s.charAt(v) != '"' && s.charAt(v) != '\'')) return -1;
        int ve = s.indexOf(s.charAt(v), v + 1);
        // a list of names ('access_token', 'refresh_token') holds no value
        if (ve < 0 || ve == v + 1 || ve - v > 4096 || SecretNames.namesSecret(s, v + 1, ve)) return -1;
        scanner.add(v + 1, ve, PiiKind.DENIED_FIELD);
        return ve;
    }

    private static boolean isKeyChar(char c) {
        return isTokenChar(c) || (c >= 0x80 && isWordChar(c));
    }

    /** Words between a secret's name and the word before its value: "password has been changed to: ...". */
    private static final String[] AUXILIARIES = {
        "has",
        "have",
        "had",
        "been",
        "be",
        "is",
        "was",
        "were",
        "are",
        "now",
        "changed",
        "reset",
        "set",
        "updated",
        "generated"
    };

    /**
     * {@code password is: S3cret}, {@code Your password has been changed to: Xk9#mP2}: the word before the colon links
     * a secret's name, at most four words back and only auxiliaries between ({@link #AUXILIARIES}), to the value.
     */
    private static boolean secretBeforeLinkingWord(String s, int keyStart, int keyEnd) {
        if (!isLinkingWord(s, keyStart, keyEnd)) return false;
        int end = keyStart;
        for (int words = 0; words < 4; words++) {
            int p = end - 1;
            if (p < 0 || s.charAt(p) != ' ') return false;
            while (p >= 0 && s.charAt(p) == ' ') p--;
            int wordEnd = p + 1;
            while (p >= 0 && isTokenChar(s.charAt(p))) p--;
            int wordStart = p + 1;
            if (wordStart == wordEnd) return false;
            if (SecretNames.namesSecretPlainly(s, wordStart, wordEnd)) return true;
            if (!isOneOf(s, wordStart, wordEnd, AUXILIARIES)) return false;
            end = wordStart;
        }
        return false;
    }

    /** Keys whose value names who, not a secret: "password expired for user: JohnSmith42". */
    private static final String[] IDENTITY_WORDS = {
        "user", "username", "login", "account", "principal", "client", "host", "id", "email", "name", "uid", "owner"
    };

    /**
     * Whether a word naming a secret plainly comes at most eight words before the key that ends at a colon, in the same
     * phrase (no word between ends a sentence or a clause, or holds {@code =} or {@code :}): {@code A temporary password
     * is generated for root@localhost: ...}, {@code The generated password for the elastic built-in superuser is : ...}.
     */
    private static boolean secretEarlierInPhrase(String s, int keyStart) {
        int limit = Math.max(0, keyStart - 256); // a phrase, not the message: linear however many colons it has
        int p = keyStart;
        while (p > limit && s.charAt(p - 1) != ' ' && s.charAt(p - 1) != '\t') { // the rest of the key's word
            char c = s.charAt(--p);
            if (c == ':' || c == '=') return false; // a:b:c, x=y:z: pairs, not a phrase
        }
        for (int words = 0; words < 8; words++) {
            while (p > limit && (s.charAt(p - 1) == ' ' || s.charAt(p - 1) == '\t')) p--;
            int wordEnd = p;
            while (p > limit && s.charAt(p - 1) != ' ' && s.charAt(p - 1) != '\t') p--;
            if (p == limit && limit > 0) return false;
            int wordStart = p;
            if (wordStart == wordEnd) return false;
            for (int i = wordStart; i < wordEnd; i++) {
                char c = s.charAt(i);
                if (c == '=' || c == ':' || c == '\n') return false;
            }
            char last = s.charAt(wordEnd - 1);
            if (last == '.' || last == ',' || last == ';' || last == '!' || last == '?') return false;
            if (SecretNames.namesSecretPlainly(s, wordStart, wordEnd)) return true;
        }
        return false;
    }

    /**
     * {@code New value:} after a sentence about a secret, as {@code elasticsearch-reset-password} prints it: {@code
     * Password for the [elastic] user successfully reset. New value: ...} (on one line or two). A plain name of a secret
     * among the 24 words before "new", across sentences and lines.
     */
    private static boolean newValueOfASecret(String s, int keyStart, int keyEnd) {
        if (keyEnd - keyStart != 5 || !s.regionMatches(true, keyStart, "value", 0, 5)) return false;
        int p = keyStart - 1;
        if (p < 3 || s.charAt(p) != ' ' || !s.regionMatches(true, p - 3, "new", 0, 3)) return false;
        p -= 3;
        if (p > 0 && isWordChar(s.charAt(p - 1))) return false;
        int limit = Math.max(0, p - 256);
        for (int words = 0; words < 24 && p > limit; words++) {
            while (p > limit && !isWordChar(s.charAt(p - 1))) p--;
            int wordEnd = p;
            while (p > limit && isWordChar(s.charAt(p - 1))) p--;
            if (wordEnd > p && SecretNames.namesSecretPlainly(s, p, wordEnd)) return true;
        }
        return false;
    }

    /**
     * Masks the value after {@code from} when it looks generated: eight characters or more with letters and digits
     * and both cases or a symbol, or twenty hex digits and more. A request ID ({@code req-8f3a2b1c}), a UUID or a
     * word after a colon far from the secret's name stays. Returns the value's end, masked or not.
     */
    private int randomValue(String s, int from) {
        int v = skipBlanks(s, from);
        int e = unquotedEnd(s, v);
        if (looksGenerated(s, v, e, true)) scanner.add(v, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /**
     * A generated value after a name that counts only after a linking word ({@link #looksGenerated}), itself no
     * assignment ({@code cookie maxAge=3600}; base64's padding aside) and not a login pair, whose password alone {@link
     * ProseCredentials} masks.
     */
    static boolean generatedAfterSpace(String s, int keyStart, int afterKey, int v) {
        int e = proseValueEnd(s, v);
        if (!looksGenerated(s, v, e, false)
                || ProseCredentials.isLoginWord(s, keyStart, afterKey)
                || camelCaseName(s, v, e)) return false;
        int eq = s.indexOf('=', v);
        return eq < 0 || eq >= e || eq + 1 == e || s.charAt(eq + 1) == '=';
    }

    /**
     * A class's or type's name of two capitalised words or more and nothing but letters and digits ({@code auth
     * OAuth2Client initialized}, {@code secret S3BucketPolicy}), or a short one with an acronym or a standard's number
     * ({@code HmacSHA256}, {@code X509Certificate}); a password of one word and digits ({@code Summer2024}) is not one.
     */
    private static boolean camelCaseName(String s, int v, int e) {
        int words = 0;
        int capitals = 0;
        int run = 0;
        for (int i = v; i < e; i++) {
            char c = s.charAt(i);
            if (!isAlnum(c)) return false;
            if (isUpper(c) && i + 2 < e && isLowerAscii(s.charAt(i + 1)) && isLowerAscii(s.charAt(i + 2))) words++;
            run = isUpper(c) ? run + 1 : 0;
            capitals = Math.max(capitals, run);
        }
        // an algorithm's or a standard's name in a short one: HmacSHA256, X509Certificate, SHA256withRSA
        boolean shortName = e - v < 16 && (capitals >= 3 || (isUpper(s.charAt(v)) && isDigit(s.charAt(v + 1))));
        return words >= 2 || shortName;
    }

    private static boolean isLowerAscii(char c) {
        return c >= 'a' && c <= 'z';
    }

    /**
     * Whether {@code s[v, e)} looks generated rather than named: eight characters or more with letters and digits, and
     * both cases or a symbol, or twenty hex digits; not a UUID, {@code req-8f3a2b1c} or a Kubernetes object's name. With
     * {@code slashIsSymbol} false, a slash alone does not count: {@code default/db-credentials2} is a path.
     */
    private static boolean looksGenerated(String s, int v, int e, boolean slashIsSymbol) {
        if (e - v < 8 || !lettersAndDigits(s, v, e)) return false;
        boolean upper = false;
        boolean lower = false;
        boolean symbol = false;
        boolean hex = true;
        for (int i = v; i < e; i++) {
            char c = s.charAt(i);
            upper |= isUpper(c);
            lower |= c >= 'a' && c <= 'z';
            symbol |= !isAlnum(c) && c != '-' && c != '_' && c != '.' && (slashIsSymbol || c != '/');
            hex &= isHex(c);
        }
        return (upper && lower) || symbol || (hex && e - v >= 20);
    }

    /** French writes password in three words: {@code Mot de passe : ...}. */
    private static boolean motDePasse(String s, int from, int to) {
        return to - from == 5
                && from >= 7
                && s.regionMatches(true, from, "passe", 0, 5)
                && s.regionMatches(true, from - 7, "mot de ", 0, 7);
    }

    /**
     * Whether the word {@code s[v, e)} after an authorization scheme starts its parameters ({@code token="..."}, {@code
     * username="Mufasa",}) rather than being the credential, whose base64 may end in {@code =} or {@code ==}.
     */
    private static boolean authParams(String s, int v, int e) {
        int k = v;
        while (k < e && isTokenChar(s.charAt(k))) k++;
        if (k == v || k >= e || s.charAt(k) != '=') return false;
        return k + 1 < e ? s.charAt(k + 1) != '=' : e < s.length() && s.charAt(e) == '"';
    }

    /** Whether an {@code =} is in {@code s[from, to)}. */
    private static boolean equalsWithin(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '=') return true;
        }
        return false;
    }

    /** Whether {@code name=} starts at {@code from}: the next parameter of a list. */
    private static boolean paramFollows(String s, int from) {
        int e = from;
        while (e < s.length() && e - from <= 32 && isTokenChar(s.charAt(e))) e++;
        return e > from && e < s.length() && s.charAt(e) == '=';
    }

    /**
     * HTTP Digest's {@code response="..."} (RFC 7616): a hash of the user's password with the server's nonce, which lets
     * the password be guessed offline; the other parameters (username, realm, nonce, uri) are not secret.
     */
    private void digestResponse(String s, int from) {
        int end = s.indexOf('\n', from);
        if (end < 0) end = s.length();
        int r = s.indexOf("response=", from);
        if (r < 0 || r >= end || (r > 0 && isTokenChar(s.charAt(r - 1)))) return;
        int v = r + 9;
        boolean quoted = v < end && s.charAt(v) == '"';
        if (quoted) v++;
        int e = v;
        while (e < end && (quoted ? s.charAt(e) != '"' : s.charAt(e) != ',' && s.charAt(e) != ' ')) e++;
        if (e > v) scanner.add(v, e, PiiKind.DENIED_FIELD);
    }

    private static boolean isAuthScheme(String s, int from, int to) {
        int len = to - from;
        return (len == 5 && s.regionMatches(true, from, "basic", 0, 5))
                || (len == 6 && s.regionMatches(true, from, "digest", 0, 6))
                || (len == 5 && s.regionMatches(true, from, "token", 0, 5));
    }

    /** {@code scheme://user:password@host}: the password. */
    void scanUrlCredentials(String s) {
        int n = s.length();
        int from = 0;
        int at;
        while ((at = s.indexOf("://", from)) >= 0) {
            int p = at + 3;
            int colon = -1;
            while (p < n && p - at < 512) {
                char c = s.charAt(p);
                // a password in a log's URL is often not percent-encoded: '?' and '#' may be part of it
                if (c == '@' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'') break;
                if (c == ':' && colon < 0) colon = p;
                p++;
            }
            // redis://:password@host has no user
            if (p < n && s.charAt(p) == '@' && colon >= at + 3 && p > colon + 1)
                scanner.add(colon + 1, p, PiiKind.DENIED_FIELD);
            webhook(s, at + 3);
            from = p > at + 3 ? p : at + 3;
        }
    }

    /** Webhook URLs whose path is the credential: whoever has it can post to the channel. */
    private static final String[] WEBHOOK_PATHS = {
        "hooks.slack.com/services/",
        "discord.com/api/webhooks/",
        "discordapp.com/api/webhooks/",
        "outlook.office.com/webhook/", // Microsoft Teams, before its tenant hosts
        "hooks.zapier.com/hooks/catch/"
    };

    /** Microsoft Teams' incoming webhooks: {@code https://<tenant>.webhook.office.com/webhookb2/<ids>}. */
    private static final String TEAMS_HOST = ".webhook.office.com";

    private static final String TEAMS_PATH = "/webhookb2/";

    /** The path after a webhook host's prefix, to the end of the URL. */
    private void webhook(String s, int host) {
        int slash = host;
        while (slash < s.length() && slash - host <= 128 && isTokenChar(s.charAt(slash))) slash++;
        if (slash - host > TEAMS_HOST.length()
                && s.startsWith(TEAMS_HOST, slash - TEAMS_HOST.length())
                && s.startsWith(TEAMS_PATH, slash)) {
            maskPath(s, slash + TEAMS_PATH.length());
            return;
        }
        for (String path : WEBHOOK_PATHS) {
            if (!s.startsWith(path, host)) continue;
            maskPath(s, host + path.length());
            return;
        }
    }

    /** Masks the URL's path from {@code v} to its end. */
    private void maskPath(String s, int v) {
        int e = v;
        while (e < s.length() && (isTokenChar(s.charAt(e)) || s.charAt(e) == '/' || s.charAt(e) == '@')) e++;
        if (e > v) scanner.add(v, e, PiiKind.DENIED_FIELD); // Teams' paths hold tenant@directory IDs
    }

    /**
     * {@code <password>S3cret</password>} (XML configuration, SOAP): the element's text when its name names a secret,
     * up to its end tag, or to the end of a message cut off after one word; not the prose after a placeholder
     * ({@code api_key=<your-api-key> then ...}).
     */
    void scanXmlSecrets(String s) {
        int n = s.length();
        int lt = s.indexOf('<');
        while (lt >= 0 && lt + 1 < n) {
            int e = lt + 1;
            while (e < n && isTokenChar(s.charAt(e))) e++;
            int next = e < n ? s.indexOf('<', e) : -1;
            if (e > lt + 1 && e < n && s.charAt(e) == '>' && SecretNames.namesSecret(s, lt + 1, e)) {
                int end = next < 0 ? n : next;
                boolean closed = next >= 0
                        && s.startsWith("</", next)
                        && s.regionMatches(next + 2, s, lt + 1, e - lt - 1)
                        && s.startsWith(">", next + 2 + e - lt - 1);
                if (end > e + 1 && (closed || (next < 0 && oneWord(s, e + 1, end))))
                    scanner.add(e + 1, end, PiiKind.DENIED_FIELD);
            }
            lt = next;
        }
    }

    /** Whether {@code s[from, to)} is one word with a letter or digit: no blank in it. */
    private static boolean oneWord(String s, int from, int to) {
        boolean alnum = false;
        for (int p = from; p < to; p++) {
            char c = s.charAt(p);
            if (Character.isWhitespace(c)) return false;
            alnum |= Character.isLetterOrDigit(c);
        }
        return alnum;
    }

    /** PEM private keys: everything between the BEGIN and END lines (or to the end, when cut off). */
    void scanPrivateKeys(String s) {
        int from = 0;
        int begin;
        while ((begin = s.indexOf("-----BEGIN ", from)) >= 0) {
            int headerEnd = s.indexOf("-----", begin + 11);
            if (headerEnd < 0 || headerEnd - begin > 80) return;
            if (!s.startsWith("PRIVATE KEY", headerEnd - 11)) {
                from = headerEnd + 5;
                continue;
            }
            int bodyStart = headerEnd + 5;
            int end = s.indexOf("-----END ", bodyStart);
            if (end < 0) end = s.length();
            if (end > bodyStart) scanner.add(bodyStart, end, PiiKind.DENIED_FIELD);
            from = end + 1;
        }
    }
}
