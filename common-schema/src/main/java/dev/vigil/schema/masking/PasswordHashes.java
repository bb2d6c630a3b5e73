package dev.vigil.schema.masking;

/**
 * Password hashes in the modular crypt format, as /etc/shadow, htpasswd files and application databases store them:
 * bcrypt ({@code $2b$12$} and 53 characters), md5-crypt ({@code $1$}, Apache's {@code $apr1$}), sha256-crypt and
 * sha512-crypt ({@code $5$}, {@code $6$}, with {@code rounds=N$}), Cisco's types 8 and 9 ({@code $8$}, {@code $9$}),
 * yescrypt ({@code $y$}) and Argon2
 * ({@code $argon2id$v=19$m=65536,t=3,p=4$salt$hash}). A hash lets a password be guessed offline, so it is masked like
 * the password. Each shape is exact (identifier, cost and salt fields, alphabet and length), so a shell's {@code $HOME}
 * or a price stays.
 */
final class PasswordHashes {
    private PasswordHashes() {}

    /** Where the hash that starts at {@code s[at]} (a {@code $}) ends, or -1 when none does. */
    static int end(String s, int at) {
        int n = s.length();
        if (at + 4 >= n || (at > 0 && isCryptChar(s.charAt(at - 1)))) return -1;
        char id = s.charAt(at + 1);
        if (id == '2' && s.charAt(at + 3) == '$') { // bcrypt: $2a$ $2b$ $2x$ $2y$, two cost digits, 22 + 31 characters
            char v = s.charAt(at + 2);
            if (v != 'a' && v != 'b' && v != 'x' && v != 'y') return -1;
            int p = at + 4;
            if (p + 3 > n || !PiiScanner.isDigit(s.charAt(p)) || !PiiScanner.isDigit(s.charAt(p + 1))) return -1;
            if (s.charAt(p + 2) != '$') return -1;
            int e = run(s, p + 3);
            return e - (p + 3) == 53 ? e : -1;
        }
        int p;
        // Cisco IOS's type 8 (PBKDF2) and type 9 (scrypt) secrets have md5-crypt's fields: $9$salt$hash
        if ((id == '1' || id == '5' || id == '6' || id == '8' || id == '9') && s.charAt(at + 2) == '$') {
            p = at + 3;
            if (s.startsWith("rounds=", p)) {
                int r = p + 7;
                while (r < n && PiiScanner.isDigit(s.charAt(r))) r++;
                if (r == p + 7 || r >= n || s.charAt(r) != '$') return -1;
                p = r + 1;
            }
        } else if (s.startsWith("$apr1$", at)) {
            p = at + 6;
        } else if (id == 'y' && s.charAt(at + 2) == '$') { // yescrypt: $y$params$salt$hash
            int params = run(s, at + 3);
            if (params == at + 3 || params >= n || s.charAt(params) != '$') return -1;
            p = params + 1;
        } else if (s.startsWith("$argon2", at)) {
            return argon2(s, at);
        } else {
            return -1;
        }
        // salt, '$', hash: the hash at least 22 characters (md5-crypt's length), salt at most 16
        int salt = run(s, p);
        if (salt == p || salt - p > 16 || salt >= n || s.charAt(salt) != '$') return -1;
        int e = run(s, salt + 1);
        return e - (salt + 1) >= 22 ? e : -1;
    }

    /** {@code $argon2id$v=19$m=65536,t=3,p=4$salt$hash} (and argon2i, argon2d): salt and hash in base64. */
    private static int argon2(String s, int at) {
        int n = s.length();
        int p = at + 7;
        while (p < n && s.charAt(p) >= 'a' && s.charAt(p) <= 'z') p++; // id, i, d
        int fields = 0;
        int fieldStart = p;
        int e = p;
        while (e < n && fields < 5) {
            char c = s.charAt(e);
            if (c == '$') {
                fields++;
                fieldStart = e + 1;
            } else if (!(PiiScanner.isAlnum(c) || c == '+' || c == '/' || c == '=' || c == ',')) {
                break;
            }
            e++;
        }
        // $v=19$m=...,t=...,p=...$salt$hash: four '$' after the id, then a hash of 16 characters or more
        return fields == 4 && e - fieldStart >= 16 ? e : -1;
    }

    /** The end of a run of crypt's alphabet ({@code ./0-9A-Za-z}) from {@code from}. */
    private static int run(String s, int from) {
        int e = from;
        while (e < s.length() && e - from <= 128 && isCryptChar(s.charAt(e))) e++;
        return e;
    }

    private static boolean isCryptChar(char c) {
        return PiiScanner.isAlnum(c) || c == '.' || c == '/';
    }
}
