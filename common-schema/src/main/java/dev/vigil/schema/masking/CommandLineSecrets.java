package dev.vigil.schema.masking;

/**
 * Passwords as command lines, connection strings and SQL carry them: curl's {@code -u user:password}, {@code -p} after
 * a user option, redis-cli's {@code -a}, Windows' {@code net user}, a quoted argument list, an Oracle logon, Go's MySQL DSN and SQL's {@code
 * IDENTIFIED BY}. The spans go to
 * the {@link PiiScanner} this belongs to; like it, not thread-safe. Every look back is bounded, so a scan stays linear.
 */
final class CommandLineSecrets {
    private final PiiScanner scanner;

    CommandLineSecrets(PiiScanner scanner) {
        this.scanner = scanner;
    }

    /** Before a password's hash rather than the password: MySQL's {@code PASSWORD '*94BD...'}, Oracle's VALUES. */
    private static final String[] HASH_KEYWORDS = {"password ", "values "};

    /** {@code BY} after {@code IDENTIFIED}, as MySQL, MariaDB and Oracle set a user's password. */
    static boolean isIdentifiedBy(String s, int from, int to) {
        if (to - from != 2 || (s.charAt(from + 1) != 'y' && s.charAt(from + 1) != 'Y')) return false;
        int end = from;
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        int start = end - "identified".length();
        return start >= 0
                && s.regionMatches(true, start, "identified", 0, "identified".length())
                && (start == 0 || !PiiScanner.isTokenChar(s.charAt(start - 1)));
    }

    /**
     * The password after {@code IDENTIFIED BY}, quoted, or unquoted after the capitals of a statement (Oracle's {@code
     * IDENTIFIED BY S3cret}), or the hash
     * after {@code IDENTIFIED BY PASSWORD} / {@code VALUES}. Returns where scanning goes on.
     */
    int identifiedBy(String s, int afterBy) {
        int v = PiiScanner.skipBlanks(s, afterBy);
        for (String keyword : HASH_KEYWORDS) {
            if (s.regionMatches(true, v, keyword, 0, keyword.length()))
                v = PiiScanner.skipBlanks(s, v + keyword.length());
        }
        if (v >= s.length()) return afterBy;
        char q = s.charAt(v);
        if (q == '\'' || q == '"' || q == '`') {
            int e = v + 1;
            while (e < s.length() && e - v <= 256 && s.charAt(e) != q && s.charAt(e) != '\n') e++;
            if (e >= s.length() || s.charAt(e) != q || e == v + 1) return afterBy;
            scanner.add(v + 1, e, PiiKind.DENIED_FIELD);
            return e;
        }
        // unquoted only as a statement writes it, in capitals (Oracle): "identified by the scanner" is prose
        if (!s.startsWith("BY", afterBy - 2)) return afterBy;
        int e = PiiScanner.unquotedEnd(s, v);
        if (e == v) return afterBy;
        scanner.add(v, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /** {@code user} or {@code use} right after Windows' {@code net} command. */
    static boolean isNetUser(String s, int from, int to) {
        int len = to - from;
        if ((len != 4 && len != 3) || !s.regionMatches(true, from, "user", 0, len)) return false;
        int end = from;
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        return end < from
                && end >= 3
                && s.regionMatches(true, end - 3, "net", 0, 3)
                && (end == 3 || !PiiScanner.isTokenChar(s.charAt(end - 4)));
    }

    /**
     * Windows' {@code net user NAME PASSWORD [/add]} and {@code net use [Z:] \\server\share PASSWORD /user:NAME} (or
     * {@code /user:NAME PASSWORD}): the word after the name, share or user, unless it is an option ({@code /add}) or
     * {@code *} (a prompt), and only where the command line ends or its next option or command follows ("the net user
     * count is 5" is prose). Returns where scanning goes on, or {@code afterWord} when nothing was masked.
     */
    int netUser(String s, int afterWord) {
        int n = s.length();
        int v = PiiScanner.skipBlanks(s, afterWord);
        int e = word(s, v);
        if (e - v == 2 && s.charAt(v + 1) == ':') { // net use Z: \\server\share
            v = PiiScanner.skipBlanks(s, e);
            e = word(s, v);
        }
        if (e == v || e >= n || s.charAt(e) != ' ' || s.charAt(v) == '/') return afterWord;
        v = PiiScanner.skipBlanks(s, e);
        // the password after the user's option as often as before it: net use Z: \\fs01\share /user:CORP\bob PASSWORD
        if (s.regionMatches(true, v, "/user:", 0, 6)) v = PiiScanner.skipBlanks(s, word(s, v));
        char q = v < n ? s.charAt(v) : '/';
        if (q == '/' || q == '*' || q == '\n' || q == '\r') return afterWord;
        if (q == '"') {
            int end = maskQuoted(s, v);
            return end < 0 ? afterWord : end;
        }
        e = word(s, v);
        int next = PiiScanner.skipBlanks(s, e);
        if (next < n && "\n\r/&|;\"'".indexOf(s.charAt(next)) < 0) return afterWord;
        scanner.add(v, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /**
     * Masks the quoted argument whose opening quote is at {@code open}, within the quotes; returns its closing quote, or
     * -1 when it is empty or not closed within 256 characters.
     */
    private int maskQuoted(String s, int open) {
        char q = s.charAt(open);
        for (int e = open + 1; e < s.length() && e - open <= 256; e++) {
            if (s.charAt(e) != q) continue;
            if (e == open + 1) return -1;
            scanner.add(open + 1, e, PiiKind.DENIED_FIELD);
            return e;
        }
        return -1;
    }

    /** The end of the word at {@code from}: the next blank or line end, at most 256 characters on. */
    private static int word(String s, int from) {
        int e = from;
        while (e < s.length() && e - from <= 256 && " \t\n\r".indexOf(s.charAt(e)) < 0) e++;
        return e;
    }

    /**
     * htpasswd's batch mode ({@code htpasswd -b FILE USER PASSWORD}, {@code -bc}, {@code -nb USER PASSWORD}): the word
     * after the file and the user, or after the user alone with {@code -n}. Returns where scanning goes on, or {@code to}
     * when nothing was masked.
     */
    int htpasswdBatch(String s, int from, int to) {
        if (to - from < 2 || to - from > 5) return to;
        boolean batch = false;
        boolean noFile = false;
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!PiiScanner.isLetter(c)) return to;
            batch |= c == 'b';
            noFile |= c == 'n';
        }
        if (!batch) return to;
        if (!commandBefore(s, from, "htpasswd")) return to;
        int v = to;
        for (int words = noFile ? 1 : 2; words > 0; words--) {
            v = PiiScanner.skipBlanks(s, v);
            int e = word(s, v);
            if (e == v || e >= s.length()) return to;
            v = e;
        }
        v = PiiScanner.skipBlanks(s, v);
        char q = v < s.length() ? s.charAt(v) : ' ';
        if (q == '"' || q == '\'') {
            int end = maskQuoted(s, v);
            return end < 0 ? to : end;
        }
        int e = word(s, v);
        if (e == v) return to;
        scanner.add(v, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /**
     * Samba's {@code user%password} after {@code -U} ({@code smbclient //server/share -U admin%S3cret}, rpcclient,
     * smbmap): the part after the {@code %}. Returns where scanning goes on, or {@code to} when nothing was masked.
     */
    int sambaUser(String s, int from, int to) {
        if (to - from != 2
                || s.charAt(from + 1) != 'U'
                || !(commandBefore(s, from, "smb") || commandBefore(s, from, "rpcclient"))) return to;
        int v = PiiScanner.skipBlanks(s, to);
        int e = word(s, v);
        int percent = v;
        while (percent < e && s.charAt(percent) != '%') percent++;
        if (percent + 1 >= e) return to;
        scanner.add(percent + 1, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /** SMTP's {@code AUTH PLAIN} with its argument: base64 of the user and password. */
    static boolean isAuthPlain(String s, int from, int to) {
        return to - from == 5
                && s.regionMatches(true, from, "plain", 0, 5)
                && from >= 5
                && s.regionMatches(true, from - 5, "auth ", 0, 5);
    }

    /** The base64 after {@code AUTH PLAIN}; returns its end, or {@code to} when there is none. */
    int authPlain(String s, int to) {
        int v = PiiScanner.skipBlanks(s, to);
        int e = v;
        while (e < s.length()) {
            char c = s.charAt(e);
            if (!(PiiScanner.isAlnum(c) || c == '+' || c == '/' || c == '=')) break;
            e++;
        }
        if (e - v < 8) return to;
        scanner.add(v, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /**
     * FTP's and POP3's {@code PASS} as a client sends it and a transcript logs it: in capitals, where a command starts
     * (the message's start, after {@code > }, {@code < }, {@code C: } or {@code --> }, as curl -v, mail clients and
     * proxies write their side), one space, then the password. Test runners' {@code PASS src/app.test.js} (a path or a
     * test file), Jest's {@code PASS  app.test.js} (two spaces) and Go's {@code --- PASS: TestLogin} (a colon) are not.
     */
    static boolean isProtocolPass(String s, int from, int to) {
        return to - from == 4 && s.startsWith("PASS", from) && atCommandStart(s, from);
    }

    /** IMAP's {@code a001 LOGIN user password}: in capitals after a tag that starts a command. */
    static boolean isImapLogin(String s, int from, int to) {
        if (to - from != 5 || !s.startsWith("LOGIN", from) || from < 3 || s.charAt(from - 1) != ' ') return false;
        int tag = from - 1;
        boolean digit = false;
        while (tag > 0 && tag > from - 12 && PiiScanner.isAlnum(s.charAt(tag - 1))) {
            digit |= PiiScanner.isDigit(s.charAt(--tag));
        }
        return digit && tag < from - 1 && atCommandStart(s, tag); // a001, A1: not "USER LOGIN admin"
    }

    private static boolean atCommandStart(String s, int at) {
        if (at == 0) return true;
        int p = at;
        while (p > 0 && s.charAt(p - 1) == ' ' && at - p < 2) p--;
        if (p == 0 || s.charAt(p - 1) == '\n') return true;
        if (p == at) return false;
        char c = s.charAt(p - 1);
        return c == '>' || c == '<' || (c == ':' && p >= 2 && s.charAt(p - 2) == 'C');
    }

    /** The password after {@code PASS}: one space, a word without a '/'; returns its end, or {@code to}. */
    int protocolPassword(String s, int to) {
        if (to + 1 >= s.length() || s.charAt(to) != ' ' || s.charAt(to + 1) == ' ') return to;
        int v = to + 1;
        int e = v;
        while (e < s.length() && !Character.isWhitespace(s.charAt(e))) {
            if (s.charAt(e) == '/') return to; // a path: a test runner's PASS line
            e++;
        }
        if (e == v || testFile(s, v, e)) return to;
        scanner.add(v, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /**
     * Redis's {@code AUTH [user] password}: in capitals where a command starts (redis-cli's prompt, a transcript), or
     * quoted as MONITOR and the slow log print a command ({@code "AUTH" "s3cret"}, {@code "auth" "app" "s3cret"}).
     */
    static boolean isRedisAuth(String s, int from, int to) {
        if (to - from != 4 || !s.regionMatches(true, from, "auth", 0, 4)) return false;
        if (from > 0 && s.charAt(from - 1) == '"') return to < s.length() && s.charAt(to) == '"';
        return s.startsWith("AUTH", from) && atCommandStart(s, from);
    }

    /** SMTP's and IMAP's mechanisms after their AUTH / AUTHENTICATE: a mechanism, not a password. */
    private static final String[] AUTH_MECHANISMS = {
        "plain",
        "login",
        "cram-md5",
        "digest-md5",
        "xoauth2",
        "oauthbearer",
        "gssapi",
        "ntlm",
        "external",
        "anonymous",
        "scram-sha-1",
        "scram-sha-256"
    };

    /**
     * The password after Redis's {@code AUTH}: the last of one or two arguments that end the line (three or more words
     * are prose: "AUTH failed for user bob"), quoted or not as the AUTH was. Returns where scanning goes on, or {@code
     * to}.
     */
    int redisPassword(String s, int to) {
        int n = s.length();
        boolean quoted = s.charAt(to) == '"';
        int k = quoted ? to + 1 : to;
        int last = -1;
        int lastEnd = -1;
        for (int args = 0; args < 3; args++) {
            if (k >= n || s.charAt(k) == '\n' || s.charAt(k) == '\r') break;
            if (s.charAt(k) != ' ' || k + 1 >= n) return to;
            int v = k + 1;
            int e;
            if (quoted) {
                if (s.charAt(v) != '"') break; // MONITOR's next field, not an argument
                e = v + 1;
                while (e < n && e - v <= 256 && s.charAt(e) != '"') e++;
                if (e >= n || s.charAt(e) != '"' || e == v + 1) return to;
                last = v + 1;
                lastEnd = e;
                k = e + 1;
            } else {
                e = v;
                while (e < n && e - v <= 256 && !Character.isWhitespace(s.charAt(e))) e++;
                if (e == v) return to;
                last = v;
                lastEnd = e;
                k = e;
            }
            if (args == 0 && PiiScanner.isOneOf(s, last, lastEnd, AUTH_MECHANISMS)) return to;
            if (args == 2) return to;
        }
        if (last < 0 || lastEnd - last < 4) return to;
        scanner.add(last, lastEnd, PiiKind.DENIED_FIELD);
        return quoted ? lastEnd + 1 : lastEnd;
    }

    private static final String[] TEST_FILE_ENDINGS = {".js", ".ts", ".jsx", ".tsx", ".mjs", ".cjs", ".py", ".go", ".rb"
    };

    /** A test runner's file after its PASS: {@code app.test.js}, {@code test_login.py}. */
    private static boolean testFile(String s, int from, int to) {
        for (String ending : TEST_FILE_ENDINGS) {
            if (to - from > ending.length() && s.startsWith(ending, to - ending.length())) return true;
        }
        return false;
    }

    /** The password after {@code LOGIN user}: quoted or a word; returns its end, or {@code to}. */
    int imapPassword(String s, int to) {
        int n = s.length();
        int u = PiiScanner.skipBlanks(s, to);
        int ue = u;
        if (ue < n && s.charAt(ue) == '"') {
            ue++;
            while (ue < n && s.charAt(ue) != '"' && ue - u < 256) ue++;
            ue++;
        } else {
            while (ue < n && s.charAt(ue) != ' ' && ue - u < 256) ue++;
        }
        if (ue >= n || s.charAt(ue) != ' ') return to;
        int v = PiiScanner.skipBlanks(s, ue);
        if (v >= n) return to;
        int e;
        if (s.charAt(v) == '"') {
            e = v + 1;
            while (e < n && s.charAt(e) != '"' && e - v < 256) e++;
            if (e >= n || e == v + 1) return to;
            scanner.add(v + 1, e, PiiKind.DENIED_FIELD);
            return e + 1;
        }
        e = v;
        while (e < n && !Character.isWhitespace(s.charAt(e))) e++;
        scanner.add(v, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /**
     * {@code -u} or {@code --user}, the option curl and others take {@code user:password} with; {@code --auth}; curl's
     * {@code -U} and {@code --proxy-user}; HTTPie's {@code -a}.
     */
    static boolean isUserOption(String s, int from, int to) {
        int len = to - from;
        if (len == 2) {
            char option = s.charAt(from + 1);
            return option == 'u'
                    || (option == 'U' && commandBefore(s, from, "curl "))
                    || (option == 'a' && httpieBefore(s, from));
        }
        return (len == 6 && (s.startsWith("--user", from) || s.startsWith("--auth", from)))
                || (len == 12 && s.startsWith("--proxy-user", from));
    }

    /**
     * Whether the command before {@code at} is one whose user option always holds {@code user:password} (curl's and
     * HTTPie's manuals), so a password of letters only is still one; after {@code docker run -u} the pair is a user and
     * a group.
     */
    private static boolean takesUserAndPassword(String s, int at) {
        return commandBefore(s, at, "curl ") || httpieBefore(s, at);
    }

    /** HTTPie's commands, {@code http} and {@code https}, before {@code at} in its command (not a URL's scheme). */
    private static boolean httpieBefore(String s, int at) {
        int word = commandWordStart(s, at, "http");
        return word >= 0 && (s.startsWith("http ", word) || s.startsWith("https ", word));
    }

    /**
     * net-snmp's tools ({@code snmpwalk}, {@code snmpget}, {@code snmpset}, ...) before {@code at} in its command; not
     * the agent and trap daemons, whose {@code -c} names a configuration file.
     */
    private static boolean snmpToolBefore(String s, int at) {
        int word = commandWordStart(s, at, "snmp");
        if (word < 0) return false;
        int end = word;
        while (end < at && PiiScanner.isLetter(s.charAt(end))) end++;
        return s.charAt(end - 1) != 'd';
    }

    /**
     * Where a word starting with {@code prefix} starts before {@code at} in the same command (not across a line, a
     * {@code ;}, {@code |} or {@code &}, at most 256 characters back), or -1.
     */
    private static int commandWordStart(String s, int at, String prefix) {
        for (int k = at - 1; k >= 0 && at - k <= 256; k--) {
            char c = s.charAt(k);
            if (c == '\n' || c == ';' || c == '|' || c == '&') return -1;
            if ((k == 0 || s.charAt(k - 1) == ' ' || s.charAt(k - 1) == '\t') && s.startsWith(prefix, k)) return k;
        }
        return -1;
    }

    /**
     * A command line as a list of quoted words, {@code ["--db-password", "S3cret"]} (container args, Python's
     * subprocess lists): the element after an option that names a secret plainly. Returns where scanning goes on, or
     * {@code to} when nothing was masked.
     */
    int argvSecret(String s, int from, int to) {
        char q = s.charAt(to);
        int p = to + 1;
        int limit = Math.min(s.length(), p + 4);
        while (p < limit && (s.charAt(p) == ',' || s.charAt(p) == ' ')) p++;
        if (p == to + 1 || p >= s.length() || s.charAt(p) != q || !SecretNames.namesSecretPlainly(s, from, to))
            return to;
        int v = p + 1;
        int e = v;
        while (e < s.length() && e - v <= 256 && s.charAt(e) != q && s.charAt(e) != '\n') e++;
        if (e >= s.length() || s.charAt(e) != q || e == v) return to;
        scanner.add(v, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /**
     * A password option: {@code -p} after a user option on the same command line ({@code docker login -u deploy -p ...},
     * {@code mysql -uroot -pS3cret}), or one the command's manual gives the password with: redis-cli's and sshpass's
     * {@code -a} and {@code -p}, the OpenLDAP clients' {@code -w} (bind password), ssh-keygen's {@code -N} and {@code -P}
     * (new and old passphrase), zip's {@code -P}, 7-Zip's {@code -p} glued to it. Alone, {@code -p} is as often a port.
     */
    static boolean isPasswordOption(String s, int from, int to) {
        if (to - from < 2) return false;
        char option = s.charAt(from + 1);
        boolean alone = to - from == 2;
        switch (option) {
            case 'a':
                return alone && commandBefore(s, from, "redis-cli");
            case 'w':
                return alone && commandBefore(s, from, "ldap");
            case 'N':
                return alone && commandBefore(s, from, "ssh-keygen");
            case 'P':
                return alone
                        && (commandBefore(s, from, "zip")
                                || commandBefore(s, from, "ssh-keygen")
                                || capitalUserOptionBefore(s, from));
            case 'A':
            case 'X':
            case 'c':
                // net-snmp's authentication and privacy passphrases and v1/v2c community
                return alone && snmpToolBefore(s, from);
            case 'p':
                // mysql's -p alone prompts, and the word after it is the database: "mysql -u root -p shop"
                if (alone && (commandBefore(s, from, "mysql") || commandBefore(s, from, "mariadb"))) return false;
                return userOptionBefore(s, from)
                        || commandBefore(s, from, "sshpass")
                        || (!alone && commandBefore(s, from, "7z"));
            default:
                return false;
        }
    }

    /**
     * Whether {@code -u}, {@code -uNAME} (mysql's and mariadb's glued form) or {@code --user...} comes before {@code at} on its line,
     * at most 256 characters back.
     */
    private static boolean userOptionBefore(String s, int at) {
        for (int k = at - 2; k >= 0 && at - k <= 256 && s.charAt(k) != '\n'; k--) {
            if (s.charAt(k) != '-' || (k > 0 && s.charAt(k - 1) != ' ' && s.charAt(k - 1) != '\t')) continue;
            if (s.startsWith("-u ", k)) return true;
            // glued, as mysql's manual writes it; elsewhere -uvf is a bundle of flags
            if (s.startsWith("-u", k)
                    && PiiScanner.isLetter(s.charAt(k + 2))
                    && (commandBefore(s, k, "mysql") || commandBefore(s, k, "mariadb"))) return true;
            if (s.startsWith("--user", k)) return true;
        }
        return false;
    }

    /**
     * Whether {@code -U} comes before {@code at} on its line, as sqlcmd, bcp, isql and ipmitool pair it with {@code -P}
     * (not psql, whose {@code -P} sets a print option, nor curl, whose {@code -P} is an FTP port).
     */
    private static boolean capitalUserOptionBefore(String s, int at) {
        for (int k = at - 3; k > 0 && at - k <= 256 && s.charAt(k) != '\n'; k--) {
            if (s.charAt(k) == '-' && s.charAt(k + 1) == 'U' && s.charAt(k + 2) == ' ' && s.charAt(k - 1) == ' ')
                return !commandBefore(s, k, "psql") && !commandBefore(s, k, "curl ");
        }
        return false;
    }

    /**
     * sudo's {@code -S} reads the password from standard input, which a script pipes in: {@code echo 'S3cret!' | sudo -S
     * apt-get update}, {@code echo S3cret | sudo --stdin true}. Masks what {@code echo} writes when the option at {@code
     * [from, to)} follows {@code | sudo}; returns {@code to}.
     */
    int sudoStdin(String s, int from, int to) {
        boolean option =
                (to - from == 2 && s.charAt(from + 1) == 'S') || s.startsWith("--stdin", from) && to - from == 7;
        if (!option || from < 14 || !s.startsWith("sudo ", from - 5)) return to;
        maskEchoed(s, from - 5);
        return to;
    }

    /**
     * Registry logins read the password from standard input when a script pipes it in: {@code echo 'S3cret' | docker
     * login --password-stdin -u bob} (podman's and helm's too), GitHub CLI's {@code echo ghp_... | gh auth login
     * --with-token}. Masks what {@code echo} writes when the option at {@code [from, to)} is one of those; returns {@code
     * to}.
     */
    int passwordStdin(String s, int from, int to) {
        boolean option = (to - from == 16 && s.startsWith("--password-stdin", from))
                || (to - from == 12 && s.startsWith("--with-token", from));
        if (!option) return to;
        int pipe = s.lastIndexOf('|', from);
        if (pipe < 0 || from - pipe > 256 || s.lastIndexOf('\n', from) > pipe) return to;
        maskEchoed(s, PiiScanner.skipBlanks(s, pipe + 1));
        return to;
    }

    /** Masks what {@code echo} pipes into the command at {@code command} ({@link #echoedInto}), if it does. */
    private void maskEchoed(String s, int command) {
        long echoed = echoedInto(s, command);
        if (echoed >= 0) scanner.add((int) (echoed >>> 32), (int) echoed, PiiKind.DENIED_FIELD);
    }

    /**
     * PowerShell's {@code ConvertTo-SecureString "S3cret" -AsPlainText -Force} (or {@code -String "S3cret"}): the plain
     * text, quoted or not, when {@code -AsPlainText} is on the same command; not a variable ({@code $pw}) or an
     * encrypted string piped in. Returns where scanning goes on, or {@code afterCommand}.
     */
    int secureString(String s, int afterCommand) {
        int n = s.length();
        int v = PiiScanner.skipBlanks(s, afterCommand);
        if (s.regionMatches(true, v, "-String ", 0, 8)) v = PiiScanner.skipBlanks(s, v + 8);
        if (v >= n || s.charAt(v) == '-' || s.charAt(v) == '$' || s.charAt(v) == '(') return afterCommand;
        boolean quoted = s.charAt(v) == '"' || s.charAt(v) == '\'';
        int e = quoted ? s.indexOf(s.charAt(v), v + 1) : word(s, v);
        if (e < 0 || e - v > 256 || !asPlainTextWithin(s, e, Math.min(n, e + 128))) return afterCommand;
        if (quoted) {
            int close = maskQuoted(s, v);
            return close < 0 ? afterCommand : close + 1;
        }
        scanner.add(v, e, PiiKind.DENIED_FIELD);
        return e;
    }

    private static boolean asPlainTextWithin(String s, int from, int to) {
        for (int p = from; p + 12 <= to; p++) {
            if (s.charAt(p) == '\n') return false;
            if (s.charAt(p) == '-' && s.regionMatches(true, p, "-AsPlainText", 0, 12)) return true;
        }
        return false;
    }

    /**
     * chpasswd reads {@code user:password} lines from standard input: {@code echo 'bob:Hunter22' | [sudo] chpasswd}. Masks the
     * password {@code echo} writes when the command at {@code command} follows its pipe.
     */
    void chpasswdStdin(String s, int command) {
        long echoed = echoedInto(s, command >= 5 && s.startsWith("sudo ", command - 5) ? command - 5 : command);
        if (echoed < 0) return;
        int v = (int) (echoed >>> 32);
        int e = (int) echoed;
        int colon = v;
        while (colon < e && s.charAt(colon) != ':') colon++;
        if (colon > v && colon + 1 < e) scanner.add(colon + 1, e, PiiKind.DENIED_FIELD);
    }

    /**
     * What {@code echo} writes into the pipe before the command at {@code command} ({@code echo 'x' | command}), less its
     * quotes, as {@code start << 32 | end}; -1 when the command does not follow such a pipe or a variable is echoed.
     */
    private static long echoedInto(String s, int command) {
        int pipe = command - 1;
        while (pipe >= 0 && s.charAt(pipe) == ' ') pipe--;
        if (pipe < 0 || s.charAt(pipe) != '|') return -1;
        int e = pipe;
        while (e > 0 && s.charAt(e - 1) == ' ') e--;
        int echo = s.lastIndexOf("echo ", e);
        if (echo < 0
                || e - echo > 256
                || s.lastIndexOf('\n', e) > echo
                || s.lastIndexOf('|', e) > echo // echo ... | grep ... | sudo -S: not what sudo reads
                || (echo > 0 && PiiScanner.isTokenChar(s.charAt(echo - 1)))) return -1;
        int v = PiiScanner.skipBlanks(s, echo + 5);
        if (v + 1 < e && s.startsWith("-n ", v)) v = PiiScanner.skipBlanks(s, v + 3);
        if (e - v >= 2 && (s.charAt(v) == '"' || s.charAt(v) == '\'') && s.charAt(e - 1) == s.charAt(v)) {
            v++;
            e--;
        }
        if (SecretAssignments.referenceEnd(s, v) >= e) return -1; // echo $TOKEN: a variable's name
        return e > v ? (long) v << 32 | e : -1;
    }

    /** The rabbitmqctl commands that take a user and then the user's password. */
    private static final String[] RABBITMQ_PASSWORD_COMMANDS = {"add_user", "change_password"};

    /**
     * {@code rabbitmqctl add_user deploy D3ployPw}, {@code rabbitmqctl change_password deploy ...}: the word after the
     * user, quoted or not, whatever its shape. Returns where scanning goes on, or {@code afterCommand}.
     */
    int rabbitmqPassword(String s, int afterCommand) {
        int v = PiiScanner.skipBlanks(s, afterCommand);
        int e = word(s, v);
        if (!PiiScanner.isOneOf(s, v, e, RABBITMQ_PASSWORD_COMMANDS)) return afterCommand;
        int user = PiiScanner.skipBlanks(s, e);
        int userEnd = word(s, user);
        int p = PiiScanner.skipBlanks(s, userEnd);
        if (userEnd == user || p == userEnd || p >= s.length() || s.charAt(p) == '-') return afterCommand;
        char q = s.charAt(p);
        if (q == '"' || q == '\'') {
            int close = maskQuoted(s, p);
            return close > 0 ? close : afterCommand;
        }
        int pe = p; // to a blank or what ends a shell command
        while (pe < s.length() && pe - p <= 256 && " \t\n\r;&|".indexOf(s.charAt(pe)) < 0) pe++;
        scanner.add(p, pe, PiiKind.DENIED_FIELD);
        return pe;
    }

    /** Whether {@code command} comes before {@code at} on its line, at most 256 characters back (linear: bounded). */
    private static boolean commandBefore(String s, int at, String command) {
        for (int k = at - command.length(); k >= 0 && at - k <= 256 && s.charAt(k) != '\n'; k--) {
            if (s.startsWith(command, k)) return true;
        }
        return false;
    }

    /**
     * Masks the password of a password option, separate ({@code -p S3cret}, {@code -p 'S3 cret'}) or glued
     * ({@code -pS3cret}) and holding a letter (a port or {@code 8080:80} stays). Returns where scanning goes on, or
     * {@code to} when nothing was masked.
     */
    int passwordOption(String s, int from, int to) {
        int v = to - from == 2 ? PiiScanner.skipBlanks(s, to) : from + 2;
        if (v == to || v >= s.length() || s.charAt(v) == '-') return to;
        char q = s.charAt(v);
        int start = q == '"' || q == '\'' ? v + 1 : v;
        int e = start;
        if (start > v) {
            while (e < s.length() && s.charAt(e) != q && s.charAt(e) != '\n') e++;
            if (e >= s.length() || s.charAt(e) != q) return to;
        } else {
            e = PiiScanner.unquotedEnd(s, v);
        }
        boolean letter = false;
        for (int i = start; i < e && !letter; i++) letter = PiiScanner.isLetter(s.charAt(i));
        if (!letter || (start == v && e - v < 4)) return to; // "-p to prompt": a word, not a password
        scanner.add(start, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /**
     * {@code curl -u admin:S3cret}, {@code -u "admin:S3cret"}: the password after the colon, when it holds a letter and a
     * digit or symbol ({@code docker run -u 1000:1000} and {@code -u root:wheel} name a user and a group), or any letter
     * after a command whose option always holds a password ({@code curl -u elastic:changeme}); not a variable ({@code
     * -u "$USER:$PASSWORD"}). Returns where scanning
     * goes on, or {@code afterOption} when nothing was masked.
     */
    int userPassword(String s, int option, int afterOption) {
        int v = PiiScanner.skipBlanks(s, afterOption);
        if (v >= s.length()) return afterOption;
        char q = s.charAt(v);
        int e;
        if (q == '"' || q == '\'') {
            e = ++v;
            while (e < s.length() && e - v <= 256 && s.charAt(e) != q && s.charAt(e) != '\n') e++;
            if (e >= s.length() || s.charAt(e) != q) return afterOption;
        } else {
            e = PiiScanner.unquotedEnd(s, v);
        }
        int colon = v;
        while (colon < e && s.charAt(colon) != ':') colon++; // within the value: indexOf would scan on to the end
        if (colon <= v || colon + 1 >= e) return afterOption;
        // a variable's name, as scripts write it: curl -u "$USER:$PASSWORD", -u admin:${ADMIN_PASS}
        if (SecretAssignments.referenceEnd(s, colon + 1) >= e) return afterOption;
        boolean letter = false;
        boolean other = false;
        for (int i = colon + 1; i < e; i++) {
            char c = s.charAt(i);
            if (PiiScanner.isLetter(c)) letter = true;
            else other = true;
        }
        if (!letter || (!other && !takesUserAndPassword(s, option))) return afterOption;
        scanner.add(colon + 1, e, PiiKind.DENIED_FIELD);
        return e;
    }

    /** Oracle's tools, which take a logon as {@code user/password@service}. */
    private static final String[] ORACLE_COMMANDS = {
        "sqlplus", "sqlldr", "expdp", "impdp", "exp", "imp", "rman", "dgmgrl", "sql", "connect", "conn"
    };

    /**
     * {@code sqlplus app/S3cret@//db:1521/ORCL}, {@code CONNECT app/S3cret@orcl}: the password of an Oracle logon,
     * after one of {@link #ORACLE_COMMANDS} or before an EZConnect {@code @//}. Not {@code actions/checkout@v4} or
     * {@code refs/heads@{1}}.
     */
    void scanOracleLogons(String s) {
        int n = s.length();
        int from = 0;
        int at;
        while ((at = s.indexOf('@', from)) >= 0) {
            from = at + 1;
            int slash = -1;
            int p = at - 1;
            while (p >= 0 && at - p <= 128) {
                char c = s.charAt(p);
                if (c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'' || c == '=' || c == '@') break;
                if (c == '/') {
                    if (slash >= 0) break;
                    slash = p;
                }
                p--;
            }
            int start = p + 1;
            if (s.startsWith("tcp(", at + 1) || s.startsWith("unix(", at + 1)) {
                goDsnPassword(s, Math.max(start, slash + 1), at);
                continue;
            }
            if (slash <= start || slash + 1 >= at) continue;
            if (afterJdbcDriver(s, start, slash)) {
                scanner.add(slash + 1, at, PiiKind.DENIED_FIELD);
                continue;
            }
            if (p >= 0 && s.charAt(p) != ' ' && s.charAt(p) != '\t') continue;
            boolean ezConnect = at + 2 < n && s.charAt(at + 1) == '/' && s.charAt(at + 2) == '/';
            if (ezConnect || afterOracleCommand(s, start)) scanner.add(slash + 1, at, PiiKind.DENIED_FIELD);
        }
    }

    /**
     * Oracle's JDBC URL with its logon, {@code jdbc:oracle:thin:scott/tiger@db:1521:ORCL} (or {@code oci:}): whether the
     * user before {@code slash} follows the driver's {@code thin:} or {@code oci:}.
     */
    private static boolean afterJdbcDriver(String s, int start, int slash) {
        int colon = slash - 1;
        while (colon > start && s.charAt(colon) != ':') colon--;
        return colon > start
                && colon + 1 < slash
                && (s.regionMatches(true, colon - 4, "thin", 0, 4) || s.regionMatches(true, colon - 3, "oci", 0, 3));
    }

    /** Go's MySQL driver's DSN, {@code user:password@tcp(db:3306)/shop}: the password after the user's colon. */
    private void goDsnPassword(String s, int from, int at) {
        int colon = from;
        while (colon < at && s.charAt(colon) != ':') colon++;
        if (colon > from && colon + 1 < at) scanner.add(colon + 1, at, PiiKind.DENIED_FIELD);
    }

    private static boolean afterOracleCommand(String s, int wordStart) {
        int end = wordStart;
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) end--;
        int start = end;
        while (start > 0 && end - start <= 8 && PiiScanner.isLetter(s.charAt(start - 1))) start--;
        return start < end
                && (start == 0 || !PiiScanner.isTokenChar(s.charAt(start - 1)))
                && PiiScanner.isOneOf(s, start, end, ORACLE_COMMANDS);
    }
}
