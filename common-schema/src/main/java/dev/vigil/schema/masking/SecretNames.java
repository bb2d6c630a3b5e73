package dev.vigil.schema.masking;

/**
 * Whether a key names a secret, matched on whole name parts: the key is split at {@code _ - .} and at
 * camelCase boundaries ({@code DB_PASSWORD}, {@code spring.datasource.password}, {@code apiKey},
 * {@code SecretAccessKey}, {@code x-api-key}), so {@code bypass}, {@code author} or {@code passport}
 * are not secrets and neither are token counts ({@code max_tokens}, {@code prompt_tokens}: the part is
 * "tokens") or settings about a secret ({@code password_file}, {@code token_ttl}, {@code auth_type}).
 * No allocation: parts are compared in place.
 */
final class SecretNames {
    /**
     * A part that makes a key secret, besides the {@link #PLAIN_PARTS}, as the key's last part or before a part that
     * holds a value ({@link #VALUE_PARTS}: {@code auth_key}, {@code cookie_value}), not before another word: {@code
     * auth_timeout}, {@code gcloud-auth-plugin:amd64}, {@code pin_memory}, {@code SESSION_COOKIE_SECURE} and Stripe's
     * {@code cvc_check: pass} name settings and results, not secrets.
     */
    private static final String[] SECRET_PARTS = {
        "pgpassword", // PostgreSQL's environment variable
        "dockerconfigjson", // a Kubernetes registry secret's key: base64 of the registry credentials
        "pwd",
        "pw", // db_pw, admin_pw
        "bindpw", // LDAP clients' bind password (nslcd, pam_ldap, sssd)
        "psk", // a Wi-Fi network's pre-shared key (wpa_supplicant's psk="...")
        "hapikey", // HubSpot's API key parameter
        "cvv", // a card's security code, under the names payment forms give it
        "cvv2",
        "cvc",
        "cvc2",
        "pin",
        "clave", // Spanish for a password or key: "la clave es ...", though "clave primaria" is a table's key
        "otp", // a one-time password
        "passcode",
        "totp",
        "pass",
        "secret",
        "credential",
        "credentials",
        "auth",
        "authorization",
        "sessionkey",
        "signature",
        "sig", // a shared-access signature in a query string (Azure's sig=)
        "cookie",
        // web frameworks' session cookies: a live login (Java servlets, PHP, Django)
        "jsessionid",
        "phpsessid",
        "sessionid"
    };
    /**
     * Parts that name a secret plainly enough that the value may follow after a space rather than {@code =} or
     * {@code :} ({@code --password S3cret}, {@code password 'hunter2'}, {@code aws_secret_access_key wJal...}).
     * Not {@code auth}, {@code pass}, {@code pwd}, {@code cookie} or a lone {@code secret}: "auth service", "pass 2 of
     * 3", the shell's pwd, and Kubernetes' {@code secret "db-creds" not found} name things that are not secrets.
     */
    private static final String[] PLAIN_PARTS = {
        "password",
        "passwd",
        "passphrase",
        "token",
        "apikey",
        "privatekey",
        "accesskey",
        // keytool's options (-storepass changeit -keypass ...), jarsigner's and their source and destination forms
        "storepass",
        "keypass",
        "srcstorepass",
        "deststorepass",
        "srckeypass",
        "destkeypass",
        // Redis's configuration directives (redis.conf and CONFIG SET: requirepass foobared)
        "requirepass",
        "masterauth",
        "rocommunity", // net-snmp's snmpd.conf directives, whose first value is the community
        "rwcommunity",
        // the word for password in the languages logs are most often written in
        "passwort",
        "kennwort",
        "contraseña",
        "senha",
        "wachtwoord",
        "lösenord",
        "lösenordet", // Swedish and Norwegian write "the password" as one word
        "passord",
        "passordet",
        "adgangskode",
        "salasana",
        "salasanasi", // Finnish: your password
        "mdp", // French chat's mot de passe
        "hasło",
        "heslo",
        "jelszó",
        "parola",
        "şifre",
        "şifreniz", // Turkish: your password, its password
        "şifresi",
        "пароль",
        "パスワード",
        "密码",
        "密碼",
        "비밀번호",
        "비번", // Korean: its everyday short form, and the loanword
        "패스워드",
        "암호",
        "토큰", // and a token
        "口令", // Chinese: a password as systems and routers name it
        "पासवर्ड",
        "συνθηματικό",
        // the rest of the EU's languages and their neighbours, Hebrew and Thai
        "parolă", // Romanian
        "lozinka", // Croatian, Serbian, Bosnian (and "enter the password" as they write it)
        "lozinku",
        "лозинка",
        "парола", // Bulgarian
        "geslo", // Slovenian
        "slaptažodis", // Lithuanian
        "parool", // Estonian
        "parole", // Latvian
        "contrasenya", // Catalan
        "pasahitza", // Basque
        "pasfhocal", // Irish
        "lykilorð", // Icelandic
        "fjalëkalimi", // Albanian
        "סיסמה", // Hebrew, and as it is also spelt
        "סיסמא",
        "รหัสผ่าน" // Thai
    };
    /** Two consecutive parts that make a key secret: api key, access key, private key, account key, ... */
    private static final String[][] SECRET_PAIRS = {
        {"api", "key"},
        {"access", "key"},
        {"private", "key"},
        {"account", "key"},
        {"secret", "key"},
        {"session", "key"},
        {"encryption", "key"},
        {"signing", "key"},
        {"master", "key"},
        {"shared", "key"},
        {"client", "key"},
        {"subscription", "key"}, // Azure API Management's Ocp-Apim-Subscription-Key
        {"client", "secret"},
        {"shared", "secret"},
        {"app", "secret"},
        {"api", "secret"},
        {"webhook", "secret"},
        {"signing", "secret"},
        {"verification", "code"}, // one-time codes sent by SMS or e-mail
        {"security", "code"},
        {"mfa", "code"},
        {"login", "code"},
        {"access", "code"}, // a door's, a gate's, an alarm's or a conference line's code
        {"door", "code"},
        {"gate", "code"},
        {"alarm", "code"},
        {"recovery", "code"}, // an account's recovery and backup codes, an authenticator's seed
        {"recovery", "codes"},
        {"backup", "code"},
        {"backup", "codes"},
        {"recovery", "key"},
        {"2fa", "secret"},
        {"mfa", "secret"},
        {"totp", "secret"},
        {"authenticator", "key"}, // the seed an authenticator app derives its codes from
        {"authenticator", "secret"},
        {"authenticator", "seed"},
        {"totp", "seed"},
        {"otp", "seed"},
        {"mfa", "seed"},
        {"wifi", "key"}, // a wireless network's key
        {"wlan", "key"},
        {"wpa", "key"},
        {"network", "key"},
        {"time", "code"}, // a one-time code
        {"authorization", "code"}, // OAuth's code, exchanged for tokens
        {"license", "key"},
        {"product", "key"}, // a licence's key as Microsoft's and others' installers ask for it
        {"activation", "key"},
        {"authentication", "key"},
        {"security", "answer"}, // the answer to an account's security question resets its password
        {"secret", "answer"},
        {"snmp", "community"}, // SNMP's shared secret: snmp-server community ..., rocommunity ... in snmpd.conf
        {"server", "community"},
        {"app", "key"}, // Laravel's APP_KEY, which encrypts its sessions and cookies
        {"de", "passe"}, // mot_de_passe
        {"id", "token"}, // OpenID Connect's ID token, a bearer credential (not token_id, the token's identifier)
        // the word for password written in two words
        {"mật", "khẩu"},
        {"kata", "sandi"},
        {"كلمة", "المرور"},
        {"كلمة", "السر"},
        {"κωδικός", "πρόσβασης"}
    };
    /** Parts that say a key holds a {@link #SECRET_PARTS} secret's value: {@code auth_key}, {@code pin_number}. */
    private static final String[] VALUE_PARTS = {
        "key", "code", "hash", "string", "str", "data", "value", "json", "hex", "base64", "b64", "raw", "bytes", "text",
        "number", "phrase", "word", "bearer"
    };
    /**
     * Words before {@code token} that make it one that pages, locks or makes a call idempotent rather than grants: AWS's
     * {@code NextToken}, Google's {@code pageToken}, S3's {@code ContinuationToken}, {@code --idempotency-token}, WebDAV's
     * {@code LockToken}. Elsewhere (lock_password) they say nothing.
     */
    private static final String[] TOKEN_QUALIFIERS = {
        "next", "page", "continuation", "pagination", "idempotency", "lock", "cursor", "sync"
    };

    /**
     * Parts that make a key a setting about the secret before them ({@code PreTokenGenerationConfig}, {@code
     * password_options}); before it they say nothing ({@code config_password} holds one).
     */
    private static final String[] SETTING_PARTS = {"config", "configuration", "settings", "options", "generation"};

    /** A part that makes the key describe a secret rather than hold one. */
    private static final String[] DESCRIBING_PARTS = {
        "ref", // a reference to where the secret is: Kubernetes' secretKeyRef, secretRef
        "reference",
        "count",
        "counts",
        "limit",
        "max",
        "min",
        "num",
        "total",
        "usage",
        "used",
        "length",
        "len",
        "size",
        "type",
        "ttl",
        "validity", // a token's lifetime settings: IdTokenValidity, token_lifetime, auth_timeout
        "lifetime",
        "timeout",
        "duration",
        "interval",
        "period",
        "unit",
        "units",
        "scope",
        "scopes",
        "expiry",
        "expires",
        "expiration",
        "policy",
        "reset",
        "hint",
        "required",
        "enabled",
        "strength",
        "file",
        "path",
        "env",
        "url",
        "uri",
        "endpoint",
        "method",
        "mode",
        "provider",
        "id",
        "name",
        "version",
        "age",
        "changed",
        "valid",
        "invalid",
        "failed",
        "failures",
        "attempts",
        "rotation",
        "format",
        "field",
        "header",
        "param",
        "stdin",
        "prompt"
    };

    private SecretNames() {}

    static boolean namesSecret(String s, int from, int to) {
        return secrecy(s, from, to) != NONE;
    }

    /**
     * The words a key that names a secret plainly can end with, in lower case: the plain parts and the second words of
     * the pairs, those of scripts with letter case ({@code contraseña}, {@code hasło}, {@code пароль}); a word in a script
     * without case ({@code 密码}) is found after a colon only.
     */
    static java.util.List<String> plainLastWords() {
        java.util.List<String> words = new java.util.ArrayList<>();
        for (String w : PLAIN_PARTS) {
            if (cased(w)) words.add(w);
        }
        for (String[] pair : SECRET_PAIRS) {
            if (cased(pair[1]) && !words.contains(pair[1])) words.add(pair[1]);
        }
        return words;
    }

    private static boolean cased(String w) {
        return w.chars().allMatch(Character::isLowerCase);
    }

    /**
     * The other words a key that names a secret can end with ({@link #SECRET_PARTS}: pwd, pass, secret, auth, cookie,
     * pin, ...): after a space, their value counts only after a linking word ("pwd was Summer2024!").
     */
    static java.util.List<String> linkedLastWords() {
        java.util.List<String> words = new java.util.ArrayList<>();
        for (String w : SECRET_PARTS) {
            if (w.length() >= 3 && w.chars().allMatch(c -> c < 128)) words.add(w);
        }
        return words;
    }

    /** Whether {@code s[from, to)} names a secret plainly enough for a value after a space ({@link #PLAIN_PARTS}). */
    static boolean namesSecretPlainly(String s, int from, int to) {
        return secrecy(s, from, to) == PLAIN;
    }

    private static final int NONE = 0;
    private static final int SECRET = 1;
    private static final int PLAIN = 2;

    private static int secrecy(String s, int from, int to) {
        int secrecy = NONE;
        long pairsBefore = 0; // the pairs the part before starts
        boolean secretBefore = false; // the part before is a SECRET_PARTS word, which the next part may confirm
        boolean describingBefore = false; // the part before describes, unless the next one makes a pair with it
        boolean describedPair = false; // such a pair was just made (id_token): nothing may follow it
        int p = from;
        while (p < to) {
            while (p < to && isSeparator(s.charAt(p))) p++;
            if (p >= to) break;
            int start = p;
            int end = partEnd(s, start, to);
            p = end;
            int part = Parts.find(s, start, end);
            if (part < 0) part = compoundEnding(s, start, end, to);
            if (part < 0) {
                if (describingBefore || describedPair) return NONE;
                pairsBefore = 0;
                // a number keeps what the part before says: secret_2, pin_1
                if (!PiiScanner.isDigit(s.charAt(start)) || !PiiScanner.isDigit(s.charAt(end - 1)))
                    secretBefore = false;
                continue;
            }
            int kinds = Parts.KINDS[part];
            if ((kinds & Parts.SETTING) != 0 && (secrecy != NONE || secretBefore)) return NONE;
            if ((kinds & Parts.QUALIFIER) != 0 && tokenAfter(s, end, to)) return NONE;
            if ((kinds & (Parts.SETTING | Parts.QUALIFIER)) != 0 && (kinds & ~(Parts.SETTING | Parts.QUALIFIER)) == 0) {
                if (describingBefore) return NONE;
                pairsBefore = 0;
                secretBefore = false;
                continue;
            }
            // a describing part that starts a pair waits for the next part: id_token, not token_id or id; and the pair
            // must end the key: IDTokenCredentials names a class
            if (describedPair) return NONE;
            describedPair = describingBefore;
            if (describingBefore && (pairsBefore & Parts.ENDS_PAIRS[part]) == 0) return NONE;
            describingBefore = (kinds & Parts.DESCRIBING) != 0 && Parts.STARTS_PAIRS[part] != 0;
            if ((kinds & Parts.DESCRIBING) != 0 && !describingBefore) return NONE;
            if (secretBefore && secrecy == NONE && (kinds & (Parts.SECRET | Parts.PLAIN | Parts.VALUE)) != 0)
                secrecy = SECRET;
            secretBefore = (kinds & Parts.SECRET) != 0;
            if ((kinds & Parts.PLAIN) != 0) secrecy = PLAIN;
            // a pair is as plain as a part: "api key", "secret key", "mot de passe"
            if ((pairsBefore & Parts.ENDS_PAIRS[part]) != 0) secrecy = PLAIN;
            pairsBefore = Parts.STARTS_PAIRS[part];
        }
        if (describingBefore) return NONE;
        return secretBefore && secrecy == NONE ? SECRET : secrecy;
    }

    /**
     * Words that end a name written as one word, as environment variables and configuration keys often are ({@code
     * DBPASSWORD}, {@code rootpassword}, {@code clientsecret}, {@code adminpwd}): no English word ends in them, unlike
     * {@code pass} (bypass, compass) or {@code key} (monkey, hockey). Not {@code passwd} or {@code token}, which end the
     * names of commands, files and a parser's symbols (chpasswd, htpasswd, sltoken.c, ERRORTOKEN).
     */
    private static final String[] COMPOUND_ENDINGS = {"password", "passphrase", "secret", "pwd"};

    /**
     * The word the key's last part ends with when written as one word ({@link #COMPOUND_ENDINGS}), as an index of {@link
     * Parts}, when what comes before it is two letters or more and neither {@code lib} (a library: libsecret), {@code my}
     * (a manual's example: mysecret) nor a word that describes or qualifies ({@code resetpassword}, {@code maxpwd}); -1
     * otherwise.
     */
    private static int compoundEnding(String s, int start, int end, int to) {
        if (end != to) return -1;
        char last = Character.toLowerCase(s.charAt(end - 1));
        if (last != 'd' && last != 'e' && last != 't') return -1;
        for (String w : COMPOUND_ENDINGS) {
            int wordStart = end - w.length();
            if (wordStart - start < 2 || !s.regionMatches(true, wordStart, w, 0, w.length())) continue;
            for (int p = start; p < wordStart; p++) {
                if (!PiiScanner.isLetter(s.charAt(p)) || s.charAt(p) > 127) return -1;
            }
            if (wordStart - start == 3 && s.regionMatches(true, start, "lib", 0, 3)) return -1;
            // a manual's example name: gcloud's --set-secrets=ENV=mysecret:latest names a secret and its version
            if (wordStart - start == 2 && s.regionMatches(true, start, "my", 0, 2)) return -1;
            int prefix = Parts.find(s, start, wordStart);
            if (prefix >= 0 && (Parts.KINDS[prefix] & (Parts.DESCRIBING | Parts.QUALIFIER)) != 0) return -1;
            return Parts.find(s, wordStart, end);
        }
        return -1;
    }

    /** Whether a part after {@code end} is {@code token} or {@code tokens}: nextPageToken, nextForwardToken. */
    private static boolean tokenAfter(String s, int end, int to) {
        int p = end;
        while (p < to) {
            while (p < to && isSeparator(s.charAt(p))) p++;
            if (p >= to) return false;
            int e = partEnd(s, p, to);
            if ((e - p == 5 && s.regionMatches(true, p, "token", 0, 5))
                    || (e - p == 6 && s.regionMatches(true, p, "tokens", 0, 6))) return true;
            p = e;
        }
        return false;
    }

    /**
     * Whether two words written apart in prose ({@code api key}, {@code secret key}, {@code mot de passe}'s last two)
     * are one of the {@link #SECRET_PAIRS}: as plain a name as the same words joined ({@code api_key}, {@code apiKey}).
     */
    static boolean isPair(String s, int firstStart, int firstEnd, int secondStart, int secondEnd) {
        int first = Parts.find(s, firstStart, firstEnd);
        int second = first < 0 ? -1 : Parts.find(s, secondStart, secondEnd);
        return second >= 0 && (Parts.STARTS_PAIRS[first] & Parts.ENDS_PAIRS[second]) != 0;
    }

    /** Every word of the lists above, with the lists it is in and the pairs it starts and ends (a bit per pair). */
    private static final class Parts {
        static final int DESCRIBING = 1;
        static final int PLAIN = 2;
        static final int SECRET = 4;
        static final int VALUE = 8;
        static final int QUALIFIER = 16;
        static final int SETTING = 32;

        private static final WordTable TABLE = new WordTable();
        static final int[] KINDS;
        static final long[] STARTS_PAIRS;
        static final long[] ENDS_PAIRS;

        static {
            if (SECRET_PAIRS.length > 64) throw new IllegalStateException("more secret pairs than bits in a long");
            for (String[] list : new String[][] {
                DESCRIBING_PARTS, PLAIN_PARTS, SECRET_PARTS, VALUE_PARTS, TOKEN_QUALIFIERS, SETTING_PARTS
            }) {
                for (String w : list) TABLE.add(w);
            }
            for (String[] pair : SECRET_PAIRS) {
                TABLE.add(pair[0]);
                TABLE.add(pair[1]);
            }
            KINDS = new int[TABLE.size()];
            STARTS_PAIRS = new long[TABLE.size()];
            ENDS_PAIRS = new long[TABLE.size()];
            for (String w : DESCRIBING_PARTS) KINDS[TABLE.add(w)] |= DESCRIBING;
            for (String w : PLAIN_PARTS) KINDS[TABLE.add(w)] |= PLAIN;
            for (String w : SECRET_PARTS) KINDS[TABLE.add(w)] |= SECRET;
            for (String w : VALUE_PARTS) KINDS[TABLE.add(w)] |= VALUE;
            for (String w : TOKEN_QUALIFIERS) KINDS[TABLE.add(w)] |= QUALIFIER;
            for (String w : SETTING_PARTS) KINDS[TABLE.add(w)] |= SETTING;
            for (int pair = 0; pair < SECRET_PAIRS.length; pair++) {
                STARTS_PAIRS[TABLE.add(SECRET_PAIRS[pair][0])] |= 1L << pair;
                ENDS_PAIRS[TABLE.add(SECRET_PAIRS[pair][1])] |= 1L << pair;
            }
        }

        /** The index of {@code s[from, to)} among the words, ignoring case; -1 when it is none of them. */
        static int find(String s, int from, int to) {
            return TABLE.find(s, from, to);
        }

        private Parts() {}
    }

    /** Whether one of the name parts of {@code s[from, to)}, split as for secrets, is one of {@code words}. */
    static boolean hasPart(String s, int from, int to, String[] words) {
        int p = from;
        while (p < to) {
            while (p < to && isSeparator(s.charAt(p))) p++;
            if (p >= to) break;
            int start = p;
            p = partEnd(s, start, to);
            if (matchesAny(s, start, p, words)) return true;
        }
        return false;
    }

    /** Where the name part starting at {@code start} ends: at a separator or a camelCase boundary. */
    private static int partEnd(String s, int start, int to) {
        int p = start + 1;
        while (p < to && !isSeparator(s.charAt(p)) && !camelBoundary(s, p, to)) p++;
        return p;
    }

    private static boolean isSeparator(char c) {
        return c == '_' || c == '-' || c == '.';
    }

    /** A new part starts at {@code p}: lower to upper ({@code apiKey}), or the last upper of a run before a lower ({@code APIKey}). */
    private static boolean camelBoundary(String s, int p, int to) {
        char c = s.charAt(p);
        if (!Character.isUpperCase(c)) return false;
        char prev = s.charAt(p - 1);
        if (Character.isLowerCase(prev) || Character.isDigit(prev)) return true;
        return Character.isUpperCase(prev) && p + 1 < to && Character.isLowerCase(s.charAt(p + 1));
    }

    private static boolean matchesAny(String s, int from, int to, String[] words) {
        for (String w : words) {
            if (equalsPart(s, from, to, w)) return true;
        }
        return false;
    }

    private static boolean equalsPart(String s, int from, int to, String word) {
        return to - from == word.length() && s.regionMatches(true, from, word, 0, word.length());
    }
}
