package dev.vigil.schema.masking;

/**
 * Credentials as people write them in tickets, chat and log lines rather than as a key and its value: a user and
 * password after a word for logging in ({@code creds are admin / Adm1nCreds}, {@code login with bob:B0bsPassw0rd},
 * {@code sign in using carol / C4rolPw99}) and a password named after it ({@code use Xyzzy123! as the password}). Only
 * the password is masked, and only when it is shaped like one (six characters or more with letters and digits), so
 * "login with google:oauth" and "use it as the password" stay. The spans go to the {@link PiiScanner} this belongs to;
 * like it, not thread-safe. Every look is bounded, so a scan stays linear.
 */
final class ProseCredentials {
    private final PiiScanner scanner;

    ProseCredentials(PiiScanner scanner) {
        this.scanner = scanner;
    }

    /** Words for logging in and for credentials, English's and the other languages' logs are most often written in. */
    private static final String[] LOGIN_WORDS = {
        "creds",
        "credentials",
        "login",
        "logon",
        "signin",
        "zugangsdaten",
        "credenciales",
        "credenciais",
        "identifiants",
        "inloggegevens"
    };

    private static final String[] CREDENTIAL_WORDS = {
        "creds", "credentials", "zugangsdaten", "credenciales", "credenciais", "identifiants", "inloggegevens"
    };

    /** Words that start "log in", "sign in", "log on". */
    private static final String[] PHRASE_STARTS = {"log", "sign"};

    /** Single sign-on providers and protocols: "sign in with google:oauth2callback" names a flow, not a user. */
    private static final String[] PROVIDERS = {
        "google",
        "github",
        "gitlab",
        "microsoft",
        "azure",
        "apple",
        "facebook",
        "okta",
        "auth0",
        "keycloak",
        "sso",
        "saml",
        "oauth",
        "oauth2",
        "oidc",
        "ldap"
    };

    private static final String[] PAIR_LINKS = {"are", "is", "was", "were", "with", "using", "as"};

    /** The words for logging in, and those that start "log in" and "sign in", for the scanner's first look-up. */
    static java.util.List<String> loginWords() {
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of(LOGIN_WORDS));
        words.addAll(java.util.List.of(PHRASE_STARTS));
        return words;
    }

    /** Whether {@code s[from, to)} is a word for logging in that names a secret too: "credentials". */
    static boolean namesCredentials(String s, int from, int to) {
        return to - from == 11 && s.regionMatches(true, from, "credentials", 0, 11);
    }

    /** Whether {@code s[from, to)} is a word for logging in or starts a phrase for it ({@code log} in, {@code sign} in). */
    static boolean isLoginWord(String s, int from, int to) {
        return PiiScanner.isOneOf(s, from, to, LOGIN_WORDS) || PiiScanner.isOneOf(s, from, to, PHRASE_STARTS);
    }

    /**
     * The password of a {@code user/password}, {@code user:password} or {@code user / password} pair after a word for
     * logging in at {@code s[from, to)}, a colon and at most two linking words. Scanning goes on after the word: the
     * user may be a key of its own ({@code credentials AKIA... / wJal...}).
     */
    void pair(String s, int from, int to) {
        int n = s.length();
        int k = to;
        if (PiiScanner.isOneOf(s, from, to, PHRASE_STARTS)) {
            if (!(s.regionMatches(true, k, " in", 0, 3) || s.regionMatches(true, k, " on", 0, 3))) return;
            k += 3;
        } else if (!PiiScanner.isOneOf(s, from, to, LOGIN_WORDS)) {
            return;
        }
        if (k < n && s.charAt(k) == ':') k++;
        if (k >= n || s.charAt(k) != ' ') return;
        k = PiiScanner.skipBlanks(s, k);
        if (k + 1 < n && s.charAt(k) == ':' && s.charAt(k + 1) == ' ')
            k = PiiScanner.skipBlanks(s, k + 1); // French: " : "
        int links = 0;
        for (; links < 2; links++) {
            int w = k;
            while (w < n && w - k < 6 && PiiScanner.isLetter(s.charAt(w))) w++;
            if (w >= n || s.charAt(w) != ' ' || !PiiScanner.isOneOf(s, k, w, PAIR_LINKS)) break;
            k = PiiScanner.skipBlanks(s, w);
        }
        // a password of letters alone ("admin:admin", "root/toor") after "creds" or a linking word ("login as
        // guest:guest"), not after "login:", where "success/failure" is as likely
        boolean wordsCount = links > 0 || PiiScanner.isOneOf(s, from, to, CREDENTIAL_WORDS);
        if (k < n && (s.charAt(k) == '"' || s.charAt(k) == '\'')) {
            quotedPair(s, k);
            return;
        }
        int u = k; // a user's name: letters, digits, . _ - @ and a Windows domain's backslash
        while (u < n
                && u - k <= 64
                && (PiiScanner.isTokenChar(s.charAt(u)) || s.charAt(u) == '@' || s.charAt(u) == '\\')) u++;
        if (u == k || u >= n || u - k > 64 || PiiScanner.isOneOf(s, k, u, PROVIDERS)) return;
        int p;
        if (s.charAt(u) == '/' || s.charAt(u) == ':') p = u + 1;
        else if (s.startsWith(" / ", u)) p = u + 3;
        else return;
        // a URL (login: https://...) or a path (LOGIN chdir(/p/gb2/x) failed, login at /p/gb2/run) is not a password
        if (p >= n || blank(s.charAt(p)) || s.charAt(p) == '/') return;
        int e = FreeTextTokens.proseValueEnd(s, p);
        boolean shaped =
                e - p >= 6 && PiiScanner.lettersAndDigits(s, p, e) || (wordsCount && e - p >= 4 && hasLetter(s, p, e));
        if (!shaped || (s.charAt(u) == '/' && slashIn(s, p, e))) return;
        scanner.add(p, e, PiiKind.DENIED_FIELD);
    }

    /**
     * A quoted pair ({@code creds are "admin" / "Adm1n2024!"}, {@code login: 'bob':'hunter2'}): the password inside its
     * quotes, whatever its shape, as the quotes say where it ends; at most 64 characters on one line.
     */
    private void quotedPair(String s, int open) {
        int n = s.length();
        char q = s.charAt(open);
        int close = s.indexOf(q, open + 1);
        if (close < 0 || close - open > 65 || close == open + 1) return;
        int p = close + 1;
        if (p < n && (s.charAt(p) == '/' || s.charAt(p) == ':')) p++;
        else if (s.startsWith(" / ", p)) p += 3;
        else return;
        if (p >= n || s.charAt(p) != q) return;
        int e = p + 1;
        while (e < n && e - p <= 65 && s.charAt(e) != q && s.charAt(e) != '\n') e++;
        if (e >= n || s.charAt(e) != q || e == p + 1 || e - p > 65) return;
        scanner.add(p + 1, e, PiiKind.DENIED_FIELD);
    }

    /**
     * The value before {@code as} at {@code s[from, to)} when at most three words after it a word names a password
     * ({@code use Xyzzy123! as the password}, {@code set Qwerty789 as the new password}); not a token or key, where
     * "registered node01 as the token issuer" is as likely. Masks the value; scanning goes on after {@code as}.
     */
    void valueBeforeAs(String s, int from, int to) {
        int n = s.length();
        if (from < 2 || s.charAt(from - 1) != ' ' || to >= n || s.charAt(to) != ' ') return;
        int w = PiiScanner.skipBlanks(s, to);
        boolean named = false;
        for (int words = 0; words <= 3 && !named; words++) {
            int e = w;
            while (e < n && e - w <= 32 && PiiScanner.isLetter(s.charAt(e))) e++;
            if (e == w || e - w > 32) return;
            named = FreeTextTokens.mayNameSecret(s, w, e)
                    && SecretNames.namesSecretPlainly(s, w, e)
                    && !keyLike(s, e)
                    && wordEnds(s, e);
            if (!named && (e >= n || s.charAt(e) != ' ')) return;
            w = PiiScanner.skipBlanks(s, e);
        }
        if (!named) return;
        int ve = from - 1;
        while (ve > 0 && s.charAt(ve - 1) == ' ') ve--;
        int vs = ve;
        while (vs > 0 && ve - vs <= 256 && !blank(s.charAt(vs - 1))) vs--;
        if (ve - vs > 256) return;
        char q = s.charAt(vs);
        if ((q == '"' || q == '\'') && ve - vs >= 2 && s.charAt(ve - 1) == q) {
            vs++;
            ve--;
        }
        if (ve - vs < 6 || !PiiScanner.lettersAndDigits(s, vs, ve)) return;
        scanner.add(vs, ve, PiiKind.DENIED_FIELD);
    }

    /** The words for a user's account name, in English and the other languages logs are most often written in. */
    private static final String[] USER_WORDS = {
        "user",
        "username",
        "benutzer",
        "benutzername",
        "utilisateur",
        "usuario",
        "usuário",
        "utente",
        "gebruiker",
        "gebruikersnaam",
        "användare",
        "bruker",
        "bruger",
        "käyttäjä",
        "użytkownik",
        "пользователь",
        "логин"
    };

    /** Words after a user's word that are not a name: "user name and password", "user or password". */
    private static final String[] NOT_NAMES =
            "name names or and the a an id is was not no oder ou o account accounts field fields info data details and/or und et y"
                    .split(" ");

    /** Conjunctions between a user's name and the password's word: "user admin and password secret". */
    private static final String[] AND_WORDS = {"and", "und", "et", "y", "e", "en", "och", "og", "ja", "i", "и"};

    /**
     * Whether the word at {@code v}, after the word for a password at {@code keyStart}, is the password of the user
     * named right before ("login admin password admin", "user root password toor", "Benutzer admin, Passwort geheim",
     * "with user bob and password letmein"), whatever its shape: unless it says what happened to the password ({@link
     * #describesAPassword}), and only where the clause ends after it ("user bob password expiry information changed"
     * is prose). Looks back at most three words.
     */
    static boolean valueAfterUserName(String s, int keyStart, int v) {
        return afterUserName(s, keyStart)
                && !describesAPassword(s, v)
                && clauseEnds(s, FreeTextTokens.proseValueEnd(s, v));
    }

    /** Words after which a clause may go on past a password: "user admin password admin for the staging db". */
    private static final String[] CLAUSE_GOES_ON = {"for", "on", "to", "and", "at", "then", "please", "or", "und", "et"
    };

    private static boolean clauseEnds(String s, int e) {
        int n = s.length();
        if (e >= n || ",;.)\n\r".indexOf(s.charAt(e)) >= 0) return true;
        if (s.charAt(e) != ' ') return false;
        int w = PiiScanner.skipBlanks(s, e);
        int we = w;
        while (we < n && we - w <= 8 && PiiScanner.isLetter(s.charAt(we))) we++;
        return PiiScanner.isOneOf(s, w, we, CLAUSE_GOES_ON);
    }

    private static boolean afterUserName(String s, int keyStart) {
        int p = keyStart;
        while (p > 0 && s.charAt(p - 1) == ' ') p--;
        if (p == keyStart) return false;
        int end = p;
        int start = wordStart(s, end);
        if (start < end && PiiScanner.isOneOf(s, start, end, AND_WORDS)) {
            p = start;
            while (p > 0 && s.charAt(p - 1) == ' ') p--;
            end = p;
        } else if (p > 0 && s.charAt(p - 1) == ',') {
            end = --p;
        }
        int name = end;
        while (name > 0
                && end - name <= 64
                && (PiiScanner.isTokenChar(s.charAt(name - 1)) || s.charAt(name - 1) == '@')) name--;
        if (name == end
                || end - name > 64
                || name == 0
                || s.charAt(name - 1) != ' '
                || PiiScanner.isOneOf(s, name, end, NOT_NAMES)) return false;
        int wordEnd = name - 1;
        int word = wordStart(s, wordEnd);
        return word < wordEnd
                && (word == 0 || !PiiScanner.isTokenChar(s.charAt(word - 1)))
                && (PiiScanner.isOneOf(s, word, wordEnd, USER_WORDS)
                        || PiiScanner.isOneOf(s, word, wordEnd, LOGIN_WORDS));
    }

    private static int wordStart(String s, int end) {
        int start = end;
        while (start > 0 && end - start <= 32 && PiiScanner.isWordChar(s.charAt(start - 1))) start--;
        return start;
    }

    /**
     * What logs say happened to a password or what it lacks, written where its value would be: "user admin password
     * expired", "... password mismatch", "... password too short". Words ending in -ed and -ing are taken for such too.
     */
    private static final String[] PASSWORD_STATES =
            ("reset change incorrect correct invalid valid wrong mismatch match matches ok okay missing empty "
                            + "blank null none nil too must is was has had does did not for of and or to in on policy length "
                            + "hash verification authentication attempt attempts check set unset prompt login auth field hint "
                            + "history age strength weak strong error errors success successful successfully failure fails "
                            + "denied unknown required needed accepted updated expired changed rejected will would should "
                            + "shall can cannot could may might need needs expire expires contains requires meets doesn isn "
                            + "wasn hasn didn won now again later here there below above from by with at "
                            // what help texts write after an option's name: "the --password option", "... instead"
                            + "option options flag flags argument arguments parameter parameters switch switches "
                            + "instead "
                            // German, French, Spanish, Portuguese: wrong, expired, changed, invalid, required, missing
                            + "falsch abgelaufen geändert ungültig zurückgesetzt erforderlich fehlt expiré modifié invalide "
                            + "requis oublié incorrecta caducada cambiada inválida requerida incorreta expirada alterada")
                    .split(" ");

    /** Whether the word at {@code v} says what happened to a password rather than being one ({@link #PASSWORD_STATES}). */
    static boolean describesAPassword(String s, int v) {
        return describesAPassword(s, v, true);
    }

    /**
     * {@link #describesAPassword}, with {@code endings}: whether -ed and -ing count too (after a user's name in prose,
     * not after an option or directive, whose value is as often {@code foobared}).
     */
    static boolean describesAPassword(String s, int v, boolean endings) {
        int e = v;
        while (e < s.length() && e - v <= 32 && PiiScanner.isWordChar(s.charAt(e))) e++;
        if (e < s.length() && PiiScanner.isTokenChar(s.charAt(e)) && s.charAt(e) != '.') return false; // not a word
        int len = e - v;
        if (len == 0) return false;
        if (endings
                && len > 4
                && (s.regionMatches(true, e - 2, "ed", 0, 2) || s.regionMatches(true, e - 3, "ing", 0, 3))) return true;
        return PiiScanner.isOneOf(s, v, e, PASSWORD_STATES);
    }

    private static boolean hasLetter(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (PiiScanner.isLetter(s.charAt(i))) return true;
        }
        return false;
    }

    private static boolean slashIn(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '/') return true;
        }
        return false;
    }

    /** Whether a word ends at {@code e}: the text's end, a blank or punctuation, a sentence's full stop. */
    private static boolean wordEnds(String s, int e) {
        if (e == s.length() || !PiiScanner.isTokenChar(s.charAt(e))) return true;
        return s.charAt(e) == '.' && (e + 1 == s.length() || blank(s.charAt(e + 1)));
    }

    /** A token or key, by its name's last letter, as {@link FreeTextTokens}' spaced secrets tell them. */
    private static boolean keyLike(String s, int end) {
        char last = Character.toLowerCase(s.charAt(end - 1));
        return last == 'n' || last == 'y';
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
