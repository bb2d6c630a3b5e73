package dev.vigil.jobs.errors.functions;

/**
 * Turns an error message into its shape: numbers, IDs, UUIDs, hex values, quoted values, paths, URLs
 * and e-mail addresses become placeholders, so "order 81723 not found" and "order 90001 not found"
 * group together. One pass over the message, no regular expressions: linear in its length whatever
 * it holds.
 */
public final class MessageNormalizer {
    /** Longest normalised message kept; the tail of a huge message does not change its group. */
    static final int MAX_LENGTH = 512;

    private MessageNormalizer() {}

    public static String normalize(String message) {
        if (message == null) return "";
        int n = message.length();
        StringBuilder out = new StringBuilder(Math.min(n, MAX_LENGTH) + 16);
        int i = 0;
        while (i < n && out.length() < MAX_LENGTH) {
            char c = message.charAt(i);
            if (c == '\'' || c == '"') {
                // Each search ends at the next quote of its kind, so the searches never overlap: linear.
                int close = message.indexOf(c, i + 1);
                if (close > 0) {
                    out.append("<str>");
                    i = close + 1;
                    continue;
                }
                out.append(c);
                i++;
            } else if (isTokenChar(c)) {
                int end = i;
                while (end < n && isTokenChar(message.charAt(end))) end++;
                // Sentence punctuation after a word is not part of it.
                int tokenEnd = end;
                while (tokenEnd > i && isTrailingPunctuation(message.charAt(tokenEnd - 1))) tokenEnd--;
                appendToken(out, message, i, tokenEnd);
                out.append(message, tokenEnd, end);
                i = end;
            } else {
                // Runs of whitespace collapse to one space.
                if (Character.isWhitespace(c)) {
                    if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') out.append(' ');
                } else {
                    out.append(c);
                }
                i++;
            }
        }
        int len = out.length();
        while (len > 0 && out.charAt(len - 1) == ' ') len--;
        out.setLength(Math.min(len, MAX_LENGTH));
        return out.toString();
    }

    private static void appendToken(StringBuilder out, String s, int from, int to) {
        if (from == to) return;
        String placeholder = classify(s, from, to);
        if (placeholder != null) out.append(placeholder);
        else out.append(s, from, to);
    }

    /** The placeholder for a token, or null to keep it. */
    static String classify(String s, int from, int to) {
        int len = to - from;
        int digits = 0;
        int letters = 0;
        int hexLetters = 0;
        int at = -1;
        int slashes = 0;
        boolean colonSlashSlash = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') digits++;
            else if (Character.isLetter(c)) {
                letters++;
                if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) hexLetters++;
            } else if (c == '@' && at < 0) at = i;
            else if (c == '/' || c == '\\') {
                slashes++;
                if (c == '/' && i >= from + 1 && i + 1 < to && s.charAt(i - 1) == ':' && s.charAt(i + 1) == '/')
                    colonSlashSlash = true;
            }
        }
        if (colonSlashSlash) return "<url>";
        if (at > from && s.lastIndexOf('.', to - 1) > at) return "<email>";
        if (slashes >= 2
                || (slashes == 1 && (s.charAt(from) == '/' || s.charAt(from) == '\\'))
                || (len > 2 && s.charAt(from + 1) == ':' && (s.charAt(from + 2) == '\\' || s.charAt(from + 2) == '/')))
            return "<path>";
        if (isUuid(s, from, to)) return "<uuid>";
        if (len > 2
                && s.charAt(from) == '0'
                && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X')
                && digits + hexLetters == len - 1) return "<hex>";
        if (digits == 0) return null;
        if (letters == 0) return "<num>";
        if (len >= 8 && digits + hexLetters == len) return "<hex>";
        return "<id>";
    }

    private static boolean isUuid(String s, int from, int to) {
        if (to - from != 36) return false;
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) return false;
        }
        return true;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c)
                || c == '_'
                || c == '-'
                || c == '.'
                || c == ':'
                || c == '/'
                || c == '\\'
                || c == '@'
                || c == '+'
                || c == '#'
                || c == '='
                || c == '%'
                || c == '~'
                || c == '?'
                || c == '&';
    }

    private static boolean isTrailingPunctuation(char c) {
        return c == '.' || c == ':' || c == ',' || c == '=' || c == '?';
    }
}
