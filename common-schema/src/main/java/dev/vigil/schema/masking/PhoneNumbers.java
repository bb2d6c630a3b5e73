package dev.vigil.schema.masking;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether a grouped digit sequence is a phone number, by Google's libphonenumber metadata (every
 * country's number plan, kept current by its maintainers) rather than patterns of our own: "00"
 * followed by a country code and a valid number, or a valid national number (trunk prefix included)
 * of one of the regions Vigil's users most often log in. The scanner only asks for digit runs that
 * are already grouped like phone numbers (two or more groups, or a parenthesised area code), so the
 * metadata's regular expressions only ever see short inputs: the cost is bounded per run.
 */
final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Regions whose national numbers start with a trunk prefix 0 (Italy's fixed lines start with 0 too; Hungary's is 06). */
    static final String[] TRUNK_REGIONS = {
        "GB", "DE", "FR", "IN", "JP", "BR", "NL", "AU", "CH", "AT", "BE", "SE", "IE", "FI", "IT", "HU"
    };
    /**
     * Regions that write an area code in parentheses without a trunk prefix, and Russia, whose trunk prefix is 8:
     * {@code 8 (495) 123-45-67}.
     */
    static final String[] PAREN_REGIONS = {"US", "BR", "MX", "AU", "RU"};
    /**
     * Regions whose national numbers have no trunk prefix (Spain, Italy's mobiles, Portugal, Denmark, Norway, Poland,
     * Czechia) or whose mobiles are written without it (China: 138 0013 8000).
     */
    static final String[] PLAIN_REGIONS = {"ES", "IT", "PT", "DK", "NO", "PL", "CZ", "CN"};

    private PhoneNumbers() {}

    /** A valid national number of one of the regions; {@code withTrunk}: the digits start with 0 or had an area code in parentheses. */
    static boolean national(String digits, boolean withTrunk) {
        for (String region : !withTrunk ? PLAIN_REGIONS : digits.charAt(0) == '0' ? TRUNK_REGIONS : PAREN_REGIONS) {
            if (national(digits, region)) return true;
        }
        return false;
    }

    /**
     * Regions whose national numbers are written without a trunk prefix besides {@link #PLAIN_REGIONS}, offered only
     * after a word that says phone: India's mobiles (98765 43210), Argentina's (11 1234-5678).
     */
    static final String[] WORDED_REGIONS = {"IN", "AR"};

    /**
     * A valid national number without trunk prefix, after a word that says phone ("ligue para 11 98765-4321"). Digits
     * without groups are offered to the regions of {@link #PAREN_REGIONS}, {@link #WORDED_REGIONS} and China's mobiles
     * (13800138000) only, not to the rest of {@link #PLAIN_REGIONS}: Denmark's and Norway's plans take nearly any eight
     * digits, so "text 20261206 found" would be a phone.
     */
    static boolean afterPhoneWord(String digits, boolean grouped) {
        if (national(digits, true) || (grouped ? national(digits, false) : national(digits, "CN"))) return true;
        for (String region : WORDED_REGIONS) {
            if (national(digits, region)) return true;
        }
        return false;
    }

    /** Country code then a valid number of that country (what follows "+" or "00"). */
    static boolean international(String digits) {
        if (!startsWithCallingCode(digits)) return false; // as parsing would find, without its regular expressions
        try {
            PhoneNumber n = UTIL.parse("+" + digits, "ZZ");
            return UTIL.isValidNumber(n);
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static final java.util.Set<Integer> CALLING_CODES = UTIL.getSupportedCallingCodes();

    /** Whether the digits start with a country calling code (they are prefix-free: one to three digits, never a 0). */
    private static boolean startsWithCallingCode(String digits) {
        int code = 0;
        for (int i = 0; i < 3 && i < digits.length(); i++) {
            code = code * 10 + (digits.charAt(i) - '0');
            if (code == 0) return false;
            if (CALLING_CODES.contains(code)) return true;
        }
        return false;
    }

    static boolean national(String digits, String region) {
        if (!NationalShape.FOR_REGION.get(region).allow(digits)) return false;
        try {
            PhoneNumber n = UTIL.parse(digits, region);
            return UTIL.isValidNumberForRegion(n, region);
        } catch (NumberParseException e) {
            return false;
        }
    }

    /**
     * The lengths and the general pattern a region's valid national numbers have, from the same metadata: parsing
     * costs microseconds a region (the library's regular expressions for extensions, prefixes and viability run on
     * every call, before the number's own), and most digit runs checked in a log line (timestamps, process IDs, sizes)
     * have a length or leading digits no region in the list allows. A necessary condition only: what it lets through
     * is parsed and validated as before. Parsing may strip, in this order, an international prefix and the region's
     * country code (or the country code alone) and a national prefix (twice after a country code); where the national
     * prefix is a pattern (Brazil's carrier codes, Japan's, Australia's, China's), what is left is still a suffix of
     * the digits, unless a rule inserts digits (Argentina's 9), which is always parsed. {@code PhoneNumbersTest}
     * compares the answers with parsing alone.
     */
    private static final class NationalShape {
        static final Map<String, NationalShape> FOR_REGION = new HashMap<>();

        static {
            var metadata = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
            for (String[] regions : new String[][] {TRUNK_REGIONS, PAREN_REGIONS, PLAIN_REGIONS, WORDED_REGIONS}) {
                for (String region : regions)
                    FOR_REGION.put(region, new NationalShape(metadata.getMetadataForRegion(region)));
            }
        }

        /** Bit n: a valid national significant number may have n digits; all bits when the metadata lists none. */
        private final long lengths;
        /** The national prefixes parsing strips, when they are plain digits ("0", "06", "0|180020"); else null. */
        private final String[] prefixes;
        /** Without plain prefixes: whether what parsing leaves is a suffix of the digits (no digits inserted). */
        private final boolean suffix;

        private final String countryCode;
        /** Every valid national number of the region matches it whole. */
        private final Pattern general;

        private NationalShape(PhoneMetadata region) {
            long bits = 0;
            for (int n : region.getGeneralDesc().getPossibleLengthList()) bits |= 1L << n;
            lengths = bits == 0 ? -1L : bits;
            String forParsing = region.getNationalPrefixForParsing();
            String transform = region.getNationalPrefixTransformRule();
            boolean plain = forParsing.matches("[0-9|]*") && transform.isEmpty();
            prefixes = !plain ? null : forParsing.isEmpty() ? new String[0] : forParsing.split("\\|");
            suffix = transform.isEmpty() || transform.matches("\\$\\d");
            countryCode = Integer.toString(region.getCountryCode());
            general = Pattern.compile(region.getGeneralDesc().getNationalNumberPattern());
        }

        /**
         * Whether {@code digits}, as written or after the region's country code (with anything before it, which an
         * international prefix may be), with or without a national prefix, may be a valid number by length and pattern.
         */
        boolean allow(String digits) {
            if (prefixes == null) return !suffix || anySuffix(digits);
            if (allowAfter(digits, 0, 1)) return true;
            for (int at = digits.indexOf(countryCode); at >= 0; at = digits.indexOf(countryCode, at + 1)) {
                // after the region's own country code, parsing strips a national prefix twice: 91 0 0 8382915841
                if (allowAfter(digits, at + countryCode.length(), 2)) return true;
            }
            return false;
        }

        private boolean allowAfter(String digits, int from, int prefixesLeft) {
            if (mayBeNumber(digits, from)) return true;
            for (String prefix : prefixes) {
                if (prefixesLeft > 0
                        && digits.startsWith(prefix, from)
                        && allowAfter(digits, from + prefix.length(), prefixesLeft - 1)) return true;
            }
            return false;
        }

        private boolean anySuffix(String digits) {
            for (int from = 0; from < digits.length(); from++) {
                if (mayBeNumber(digits, from)) return true;
            }
            return false;
        }

        private boolean mayBeNumber(String digits, int from) {
            int length = digits.length() - from;
            return length > 0
                    && length < 64
                    && (lengths >>> length & 1) != 0
                    && general.matcher(digits).region(from, digits.length()).matches();
        }
    }
}
