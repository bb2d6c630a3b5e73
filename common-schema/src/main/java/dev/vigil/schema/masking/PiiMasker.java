package dev.vigil.schema.masking;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Masks PII in strings with {@link PiiScanner} and applies the configured {@link MaskAction} per kind.
 * Returns the input instance itself when nothing was found, so clean text costs no allocation.
 *
 * <p>Not thread-safe: one per operator subtask.
 */
public final class PiiMasker {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int FIELD_CACHE_LIMIT = 4096;

    private final MaskingRules rules;
    private final PiiScanner scanner = new PiiScanner();
    private final Mac hmac;
    private final Map<String, Boolean> deniedFieldCache = new HashMap<>();

    /**
     * @param hmacKey key for {@link MaskAction#HASH}; required when any rule hashes. Read it from the
     *     environment or a file, never from config in the repository.
     */
    public PiiMasker(MaskingRules rules, byte[] hmacKey) {
        this.rules = rules;
        if (rules.usesHash()) {
            if (hmacKey == null || hmacKey.length < 16) {
                throw new IllegalArgumentException(
                        "masking: a rule uses HASH, so a key of at least 16 bytes is required "
                                + "(set it in the environment variable named by masking.hmac-key-env, or masking.hmac-key-file)");
            }
            try {
                hmac = Mac.getInstance("HmacSHA256");
                hmac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable", e);
            }
        } else {
            hmac = null;
        }
    }

    public String mask(String s) {
        if (s == null || s.isEmpty()) return s;
        int spans = scanner.scan(s);
        int kept = 0;
        for (int i = 0; i < spans; i++) {
            if (rules.action(scanner.kind(i)) != MaskAction.KEEP) kept++;
        }
        if (kept == 0) return s;
        StringBuilder out = new StringBuilder(s.length() + 16 * kept);
        int pos = 0;
        for (int i = 0; i < spans; i++) {
            PiiKind kind = scanner.kind(i);
            MaskAction action = rules.action(kind);
            if (action == MaskAction.KEEP) continue;
            int start = scanner.start(i);
            int end = scanner.end(i);
            out.append(s, pos, start);
            replacement(out, s, start, end, kind, action);
            pos = end;
        }
        out.append(s, pos, s.length());
        return out.toString();
    }

    /** The replacement for a whole value whose field name is on the deny-list. */
    public String maskDeniedValue(String value) {
        return maskWhole(value, PiiKind.DENIED_FIELD);
    }

    /** The replacement for a whole value its field name says is of {@code kind}, as that kind's action makes it. */
    public String maskWhole(String value, PiiKind kind) {
        if (value == null) return null;
        MaskAction action = rules.action(kind);
        if (action == MaskAction.KEEP) return value;
        StringBuilder out = new StringBuilder(24);
        replacement(out, value, 0, value.length(), kind, action);
        return out.toString();
    }

    /**
     * True when any segment of a flattened key ({@code http.headers.Set-Cookie}) is a denied field name: one configured,
     * or one that names a secret as {@link SecretNames} reads key names in free text.
     */
    public boolean isDeniedField(String key) {
        Boolean cached = deniedFieldCache.get(key);
        if (cached != null) return cached;
        boolean denied = false;
        int from = 0;
        while (from <= key.length() && !denied) {
            int dot = key.indexOf('.', from);
            int to = dot < 0 ? key.length() : dot;
            // the configured names, and every name the free-text scanner takes for a secret's (dbPassword,
            // aws_secret_access_key, passphrase, contraseña; not max_tokens or password_policy)
            denied = deniedSegment(MaskingRules.normalizeFieldName(key.substring(from, to)))
                    || SecretNames.namesSecret(key, from, to);
            from = to + 1;
        }
        if (deniedFieldCache.size() >= FIELD_CACHE_LIMIT) deniedFieldCache.clear();
        deniedFieldCache.put(key, denied);
        return denied;
    }

    private boolean deniedSegment(String segment) {
        if (rules.deniedFields().contains(segment)) return true;
        for (String suffix : MaskingRules.DENIED_SUFFIXES) {
            if (segment.endsWith(suffix)) return true;
        }
        return false;
    }

    private void replacement(StringBuilder out, String s, int start, int end, PiiKind kind, MaskAction action) {
        switch (action) {
            case KEEP:
                out.append(s, start, end);
                return;
            case HASH: {
                byte[] digest = hmac.doFinal(s.substring(start, end).getBytes(StandardCharsets.UTF_8));
                out.append('[').append(kind.label).append(':');
                for (int i = 0; i < 8; i++) {
                    out.append(HEX[(digest[i] >> 4) & 0xF]).append(HEX[digest[i] & 0xF]);
                }
                out.append(']');
                return;
            }
            case PARTIAL: {
                // keep the last four letters or digits
                char[] last = new char[4];
                int found = 0;
                for (int i = end - 1; i >= start && found < 4; i--) {
                    char c = s.charAt(i);
                    if (PiiScanner.isAlnum(c)) last[3 - found++] = c;
                }
                out.append('[')
                        .append(kind.label)
                        .append(":****")
                        .append(last, 4 - found, found)
                        .append(']');
                return;
            }
            default:
                out.append("[REDACTED:").append(kind.label).append(']');
        }
    }
}
