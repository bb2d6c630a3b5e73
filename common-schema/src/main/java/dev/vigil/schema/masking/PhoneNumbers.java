package dev.vigil.schema.masking;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

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
    private static final String[] WORDED_REGIONS = {"IN", "AR"};

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
        try {
            PhoneNumber n = UTIL.parse("+" + digits, "ZZ");
            return UTIL.isValidNumber(n);
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static boolean national(String digits, String region) {
        try {
            PhoneNumber n = UTIL.parse(digits, region);
            return UTIL.isValidNumberForRegion(n, region);
        } catch (NumberParseException e) {
            return false;
        }
    }
}
