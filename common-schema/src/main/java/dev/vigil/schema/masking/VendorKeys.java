package dev.vigil.schema.masking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Keys whose vendors give them a fixed prefix so that secret scanners can find them wherever they are written (the
 * prefixes as the vendors document them and as gitleaks' rules list them). A word is a key when it starts with one of
 * them and its body after the prefix has the length and the shape the vendor's keys have.
 */
final class VendorKeys {
    private VendorKeys() {}

    /** What a body must look like beyond its shortest length. */
    private enum Body {
        /** Anything: the prefix alone is distinctive ({@code ghp_}, {@code glpat-}). */
        ANY,
        /**
         * Letters and digits, at most two hyphens: the prefix could begin a name ({@code sl.}, {@code gsk_}); a random
         * body has both, a hyphenated name ({@code -service-v2-eu-west-1}) has more hyphens.
         */
        LETTERS_AND_DIGITS,
        /** Hex digits, then at most {@code -N}: Databricks' and Pulumi's tokens. */
        HEX,
        /** Both cases and digits, or a run of 32 hex digits at its end ({@code sk-}: OpenAI, Anthropic, DeepSeek). */
        RANDOM,
        /** Exactly 16 upper-case letters and digits: an AWS access key ID. */
        AWS_KEY_ID,
        /** Letters and digits only, 12 to 32 of them, both kinds: Alibaba's and Tencent's access key IDs. */
        KEY_ID,
        /** Exactly 32 hex digits: Twilio's API keys ({@code SK} is too short a prefix for anything looser). */
        HEX_32,
        /** Exactly 32 lower-case letters and digits, both: Mailgun's {@code key-} (which also starts key-value words). */
        LOWER_32
    }

    private record Prefix(String text, int minBody, Body body) {}

    private static final Prefix[] PREFIXES = {
        new Prefix("AKIA", 16, Body.AWS_KEY_ID),
        new Prefix("ASIA", 16, Body.AWS_KEY_ID),
        new Prefix("LTAI", 12, Body.KEY_ID), // Alibaba Cloud
        new Prefix("AKID", 32, Body.KEY_ID), // Tencent Cloud
        new Prefix("amzn.mws.", 36, Body.ANY), // Amazon MWS: a UUID
        new Prefix("SK", 32, Body.HEX_32), // Twilio
        new Prefix("sk_live_", 16, Body.ANY), // Stripe
        new Prefix("sk_test_", 16, Body.ANY),
        new Prefix("rk_live_", 16, Body.ANY),
        new Prefix("rk_test_", 16, Body.ANY),
        new Prefix("pk_live_", 16, Body.ANY),
        new Prefix("whsec_", 20, Body.ANY),
        new Prefix("ghp_", 30, Body.ANY), // GitHub
        new Prefix("gho_", 30, Body.ANY),
        new Prefix("ghu_", 30, Body.ANY),
        new Prefix("ghs_", 30, Body.ANY),
        new Prefix("ghr_", 30, Body.ANY),
        new Prefix("github_pat_", 22, Body.ANY),
        new Prefix("glpat-", 20, Body.ANY), // GitLab
        new Prefix("gloas-", 20, Body.ANY),
        new Prefix("gldt-", 20, Body.ANY),
        new Prefix("glrt-", 20, Body.ANY),
        new Prefix("glcbt-", 20, Body.ANY),
        new Prefix("glptt-", 20, Body.ANY),
        new Prefix("glft-", 20, Body.ANY),
        new Prefix("glimt-", 25, Body.ANY),
        new Prefix("glagent-", 50, Body.ANY),
        new Prefix("glsoat-", 20, Body.ANY),
        new Prefix("GR1348941", 20, Body.ANY),
        new Prefix("glsa_", 32, Body.LETTERS_AND_DIGITS), // Grafana
        new Prefix("glc_", 32, Body.LETTERS_AND_DIGITS),
        new Prefix("xoxb-", 10, Body.ANY), // Slack
        new Prefix("xoxp-", 10, Body.ANY),
        new Prefix("xoxa-", 10, Body.ANY),
        new Prefix("xoxr-", 10, Body.ANY),
        new Prefix("xoxs-", 10, Body.ANY),
        new Prefix("xoxc-", 10, Body.ANY),
        new Prefix("xoxe-", 10, Body.ANY),
        new Prefix("xoxe.", 10, Body.ANY),
        new Prefix("xapp-", 10, Body.ANY),
        new Prefix("sk-", 20, Body.RANDOM), // OpenAI, Anthropic, DeepSeek, OpenRouter
        new Prefix("hf_", 30, Body.ANY), // Hugging Face
        new Prefix("gsk_", 48, Body.LETTERS_AND_DIGITS), // Groq
        new Prefix("r8_", 37, Body.LETTERS_AND_DIGITS), // Replicate
        new Prefix("pplx-", 40, Body.LETTERS_AND_DIGITS), // Perplexity
        new Prefix("xai-", 60, Body.LETTERS_AND_DIGITS),
        new Prefix("nvapi-", 60, Body.LETTERS_AND_DIGITS),
        new Prefix("lsv2_pt_", 32, Body.LETTERS_AND_DIGITS), // LangSmith
        new Prefix("lsv2_sk_", 32, Body.LETTERS_AND_DIGITS),
        new Prefix("pcsk_", 40, Body.LETTERS_AND_DIGITS), // Pinecone
        new Prefix("npm_", 36, Body.ANY),
        new Prefix("pypi-", 50, Body.ANY),
        new Prefix("rubygems_", 48, Body.LETTERS_AND_DIGITS),
        new Prefix("oy2", 43, Body.LETTERS_AND_DIGITS), // NuGet
        new Prefix("dckr_pat_", 27, Body.LETTERS_AND_DIGITS), // Docker Hub
        new Prefix("AKCp", 60, Body.LETTERS_AND_DIGITS), // JFrog
        new Prefix("SG.", 60, Body.ANY), // SendGrid
        new Prefix("xkeysib-", 64, Body.LETTERS_AND_DIGITS), // Brevo
        new Prefix("AIza", 35, Body.ANY), // Google API key
        new Prefix("ya29.", 30, Body.ANY), // Google OAuth access token
        new Prefix("GOCSPX-", 28, Body.ANY), // Google OAuth client secret
        new Prefix("hvs.", 24, Body.ANY), // HashiCorp Vault service, batch and recovery tokens
        new Prefix("hvb.", 24, Body.ANY),
        new Prefix("hvr.", 24, Body.ANY),
        new Prefix("shpat_", 32, Body.ANY), // Shopify
        new Prefix("shpss_", 32, Body.ANY),
        new Prefix("shpca_", 32, Body.ANY),
        new Prefix("shppa_", 32, Body.ANY),
        new Prefix("dop_v1_", 64, Body.ANY), // DigitalOcean
        new Prefix("doo_v1_", 64, Body.ANY),
        new Prefix("dor_v1_", 64, Body.ANY),
        new Prefix("dapi", 32, Body.HEX), // Databricks
        new Prefix("lin_api_", 40, Body.LETTERS_AND_DIGITS), // Linear
        new Prefix("lin_oauth_", 40, Body.LETTERS_AND_DIGITS),
        new Prefix("sq0atp-", 22, Body.ANY), // Square
        new Prefix("sq0csp-", 43, Body.ANY),
        new Prefix("AGE-SECRET-KEY-1", 58, Body.LETTERS_AND_DIGITS), // age
        new Prefix("pul-", 40, Body.HEX), // Pulumi
        new Prefix("dp.pt.", 40, Body.LETTERS_AND_DIGITS), // Doppler
        new Prefix("dp.st.", 40, Body.LETTERS_AND_DIGITS),
        new Prefix("dp.ct.", 40, Body.LETTERS_AND_DIGITS),
        new Prefix("dp.sa.", 40, Body.LETTERS_AND_DIGITS),
        new Prefix("dp.scim.", 40, Body.LETTERS_AND_DIGITS),
        new Prefix("dp.audit.", 40, Body.LETTERS_AND_DIGITS),
        new Prefix("PMAK-", 59, Body.LETTERS_AND_DIGITS), // Postman
        new Prefix("sntrys_", 50, Body.LETTERS_AND_DIGITS), // Sentry
        new Prefix("sntryu_", 64, Body.LETTERS_AND_DIGITS),
        new Prefix("dt0c01.", 24, Body.LETTERS_AND_DIGITS), // Dynatrace
        new Prefix("NRAK-", 27, Body.LETTERS_AND_DIGITS), // New Relic
        new Prefix("NRII-", 32, Body.LETTERS_AND_DIGITS),
        new Prefix("figd_", 40, Body.LETTERS_AND_DIGITS), // Figma
        new Prefix("tskey-", 20, Body.LETTERS_AND_DIGITS), // Tailscale
        new Prefix("pscale_tkn_", 32, Body.LETTERS_AND_DIGITS), // PlanetScale
        new Prefix("pscale_pw_", 32, Body.LETTERS_AND_DIGITS),
        new Prefix("pscale_oauth_", 32, Body.LETTERS_AND_DIGITS),
        new Prefix("sbp_", 40, Body.LETTERS_AND_DIGITS), // Supabase
        new Prefix("sb_secret_", 20, Body.LETTERS_AND_DIGITS),
        new Prefix("ops_eyJ", 50, Body.ANY), // 1Password service accounts
        new Prefix("CFPAT-", 43, Body.ANY), // Contentful
        new Prefix("FLWSECK-", 32, Body.LETTERS_AND_DIGITS), // Flutterwave
        new Prefix("FLWSECK_TEST-", 32, Body.LETTERS_AND_DIGITS),
        new Prefix("sl.", 100, Body.LETTERS_AND_DIGITS), // Dropbox
        new Prefix("sk.eyJ", 50, Body.ANY), // Mapbox secret tokens
        new Prefix("ntn_", 40, Body.LETTERS_AND_DIGITS), // Notion
        new Prefix("secret_", 43, Body.RANDOM),
        new Prefix("HRKU-", 40, Body.LETTERS_AND_DIGITS), // Heroku
        new Prefix("rdme_", 70, Body.LETTERS_AND_DIGITS), // ReadMe
        new Prefix("sgp_", 40, Body.LETTERS_AND_DIGITS), // Sourcegraph
        new Prefix("pnu_", 36, Body.LETTERS_AND_DIGITS), // Prefect
        new Prefix("ATATT", 50, Body.LETTERS_AND_DIGITS), // Atlassian
        new Prefix("EAAC", 100, Body.LETTERS_AND_DIGITS), // Facebook
        new Prefix("EAAM", 100, Body.LETTERS_AND_DIGITS),
        new Prefix("key-", 32, Body.LOWER_32), // Mailgun
        new Prefix("APA91b", 60, Body.ANY), // Firebase Cloud Messaging's server keys and registration tokens
        new Prefix("shippo_live_", 40, Body.LETTERS_AND_DIGITS),
        new Prefix("shippo_test_", 40, Body.LETTERS_AND_DIGITS)
    };

    /** The prefixes by first character, longest first, so the first that matches is the most specific. */
    private static final Prefix[][] BY_FIRST_CHAR = new Prefix[128][];

    /** The shortest key of any vendor: most words are shorter and are not compared at all. */
    static final int SHORTEST = Arrays.stream(PREFIXES)
            .mapToInt(p -> p.text().length() + p.minBody())
            .min()
            .orElseThrow();

    static {
        List<List<Prefix>> lists = new ArrayList<>();
        for (int c = 0; c < 128; c++) lists.add(new ArrayList<>());
        for (Prefix p : PREFIXES) lists.get(p.text().charAt(0)).add(p);
        for (int c = 0; c < 128; c++) {
            List<Prefix> list = lists.get(c);
            if (list.isEmpty()) continue;
            list.sort(Comparator.comparingInt((Prefix p) -> p.text().length()).reversed());
            BY_FIRST_CHAR[c] = list.toArray(new Prefix[0]);
        }
    }

    /** Whether a key may start with {@code c}. */
    static boolean mayStartWith(char c) {
        return c < 128 && BY_FIRST_CHAR[c] != null;
    }

    /** No vendor key. */
    static final int NONE = 0;

    /** A vendor's key. */
    static final int KEY = 1;

    /** An AWS access key ID: its secret access key may be written right after it. */
    static final int AWS_KEY_ID = 2;

    /** Whether the word {@code s[from, to)} is a vendor's key: {@link #NONE}, {@link #KEY} or {@link #AWS_KEY_ID}. */
    static int match(String s, int from, int to) {
        if (to - from < SHORTEST) return NONE;
        if (telegramBotToken(s, from, to)
                || terraformCloudToken(s, from, to)
                || discordBotToken(s, from, to)
                || mailchimpKey(s, from, to)) return KEY;
        char first = s.charAt(from);
        if (!mayStartWith(first)) return NONE;
        for (Prefix p : BY_FIRST_CHAR[first]) {
            if (!s.startsWith(p.text(), from)) continue;
            int bodyFrom = from + p.text().length();
            int body = to - bodyFrom;
            if (body < p.minBody()) continue;
            return switch (p.body()) {
                case ANY -> KEY;
                case LETTERS_AND_DIGITS ->
                    PiiScanner.lettersAndDigits(s, bodyFrom, to) && hyphens(s, bodyFrom, to) <= 2 ? KEY : NONE;
                case HEX -> hexThenSuffix(s, bodyFrom, to, p.minBody()) ? KEY : NONE;
                case RANDOM -> mixedCaseAndDigits(s, bodyFrom, to) || endsInHex32(s, bodyFrom, to) ? KEY : NONE;
                case AWS_KEY_ID -> body == 16 && upperAlnum(s, bodyFrom, to) ? AWS_KEY_ID : NONE;
                case KEY_ID ->
                    body <= 32 && alnum(s, bodyFrom, to) && PiiScanner.lettersAndDigits(s, bodyFrom, to) ? KEY : NONE;
                case HEX_32 -> body == 32 && hex(s, bodyFrom, to) ? KEY : NONE;
                case LOWER_32 ->
                    body == 32 && lowerAlnum(s, bodyFrom, to) && PiiScanner.lettersAndDigits(s, bodyFrom, to)
                            ? KEY
                            : NONE;
            };
        }
        return NONE;
    }

    /**
     * Where a key that ends in {@code =} and a checksum of 8 hex digits ends (Atlassian's API tokens: {@code
     * ATATT3xFfGF0...=1A2B3C4D}; the word itself stops at the {@code =}); {@code to} for every other key.
     */
    static int checksumEnd(String s, int from, int to) {
        int end = to + 9;
        if (!s.startsWith("ATATT", from) || end > s.length() || s.charAt(to) != '=' || !hex(s, to + 1, end)) return to;
        return end == s.length() || !PiiScanner.isTokenChar(s.charAt(end)) ? end : to;
    }

    /**
     * A Telegram bot's token, the bot's ID, a colon, then 35 characters starting {@code AA} ({@code
     * 123456789:AAH...}, also in the Bot API's URLs: {@code /bot123456789:AAH.../sendMessage}): the word after the colon.
     */
    private static boolean telegramBotToken(String s, int from, int to) {
        if (to - from != 35 || !s.startsWith("AA", from) || from < 9 || s.charAt(from - 1) != ':') return false;
        int d = from - 1;
        while (d > 0 && from - 1 - d < 11 && PiiScanner.isDigit(s.charAt(d - 1))) d--;
        int digits = from - 1 - d;
        return digits >= 8 && digits <= 10 && (d == 0 || !PiiScanner.isDigit(s.charAt(d - 1)));
    }

    /** Mailchimp's API keys: 32 hex digits, then their data centre, {@code -us6}, {@code -us21}. */
    private static boolean mailchimpKey(String s, int from, int to) {
        int len = to - from;
        return (len == 36 || len == 37)
                && s.startsWith("-us", from + 32)
                && PiiScanner.isDigit(s.charAt(from + 35))
                && PiiScanner.isDigit(s.charAt(to - 1))
                && hex(s, from, from + 32)
                && PiiScanner.lettersAndDigits(s, from, from + 32);
    }

    /** HCP Terraform's (Terraform Cloud's) API tokens: 14 characters, {@code .atlasv1.}, 60 or more. */
    private static boolean terraformCloudToken(String s, int from, int to) {
        return to - from >= 83 && s.startsWith(".atlasv1.", from + 14);
    }

    /**
     * A Discord bot's token: the bot's ID in base64 (24 to 26 characters, {@code M}, {@code N} or {@code O} first), a
     * dot, 6 characters, a dot, 27 to 38; letters and digits with {@code _} and {@code -}.
     */
    private static boolean discordBotToken(String s, int from, int to) {
        char first = s.charAt(from);
        if ((first != 'M' && first != 'N' && first != 'O') || to - from < 59 || to - from > 72) return false;
        int dot = from + 24; // within the word: any other dot fails the character check below
        while (dot <= from + 26 && s.charAt(dot) != '.') dot++;
        if (dot > from + 26) return false;
        int second = dot + 7;
        if (second >= to || s.charAt(second) != '.' || to - second - 1 < 27 || to - second - 1 > 38) return false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (i != dot && i != second && !(PiiScanner.isAlnum(c) || c == '_' || c == '-')) return false;
        }
        return PiiScanner.lettersAndDigits(s, from, dot);
    }

    private static boolean lowerAlnum(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
        }
        return true;
    }

    private static boolean mixedCaseAndDigits(String s, int from, int to) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit;
    }

    /** The last 32 characters are hex digits, letters and digits both: DeepSeek's and OpenRouter's lower-case keys. */
    private static boolean endsInHex32(String s, int from, int to) {
        return to - from >= 32 && hex(s, to - 32, to) && PiiScanner.lettersAndDigits(s, to - 32, to);
    }

    private static int hyphens(String s, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '-') count++;
        }
        return count;
    }

    /** {@code length} hex digits with letters and digits both, then nothing or a hyphen and one digit. */
    private static boolean hexThenSuffix(String s, int from, int to, int length) {
        int rest = to - from - length;
        if (rest != 0 && !(rest == 2 && s.charAt(to - 2) == '-' && Character.isDigit(s.charAt(to - 1)))) return false;
        return hex(s, from, from + length) && PiiScanner.lettersAndDigits(s, from, from + length);
    }

    private static boolean upperAlnum(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
        }
        return true;
    }

    private static boolean alnum(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!PiiScanner.isAlnum(s.charAt(i))) return false;
        }
        return true;
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!PiiScanner.isHex(s.charAt(i))) return false;
        }
        return true;
    }
}
