package dev.vigil.schema.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The length and pattern check before parsing may only save work: for every region the scanner offers numbers to, its
 * answer is libphonenumber's own (parse, then validate for the region) on digit runs of every shape parsing treats
 * apart: a national prefix, Hungary's 06, Russia's 8, an international prefix with a country code, a country code
 * alone, and plain digits.
 */
class PhoneNumbersTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    @Test
    void answersAsParsingAloneDoesForRandomDigitRuns() {
        // nationally for each region and, after "00", internationally
        Set<String> regions = new LinkedHashSet<>();
        for (String[] list : new String[][] {
            PhoneNumbers.TRUNK_REGIONS,
            PhoneNumbers.PAREN_REGIONS,
            PhoneNumbers.PLAIN_REGIONS,
            PhoneNumbers.WORDED_REGIONS
        }) regions.addAll(List.of(list));
        List<String> countryCodes = new ArrayList<>();
        for (String region : regions) countryCodes.add(Integer.toString(UTIL.getCountryCodeForRegion(region)));
        Random random = new Random(20261207);
        int valid = 0;
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            StringBuilder digits = new StringBuilder();
            switch (random.nextInt(6)) {
                case 0 -> digits.append('0');
                case 1 -> digits.append("06");
                case 2 -> digits.append('8');
                case 3 -> digits.append("00").append(countryCodes.get(random.nextInt(countryCodes.size())));
                case 4 -> digits.append(countryCodes.get(random.nextInt(countryCodes.size())));
                default -> {}
            }
            int length = 6 + random.nextInt(12);
            while (digits.length() < length) digits.append((char) ('0' + random.nextInt(10)));
            if (PhoneNumbers.international(digits.toString()) != validInternationally(digits.toString()))
                differ.add("+" + digits);
            for (String region : regions) {
                boolean parsed = validByParsing(digits.toString(), region);
                if (parsed) valid++;
                if (PhoneNumbers.national(digits.toString(), region) != parsed) differ.add(region + " " + digits);
            }
        }
        assertThat(differ).isEmpty();
        assertThat(valid)
                .as("valid numbers among the runs, so both answers were tried")
                .isGreaterThan(3_000);
    }

    @Test
    void allowsForWhatParsingStrips() {
        // 91 (India's code), 0, 0, then a mobile number: parsing strips all four
        assertThat(validByParsing("91008382915841", "IN")).isTrue();
        assertThat(PhoneNumbers.national("91008382915841", "IN")).isTrue();
        assertThat(PhoneNumbers.national("0044 20 7946 0958".replace(" ", ""), "GB"))
                .isTrue();
        assertThat(PhoneNumbers.national("06 1 506 5063".replace(" ", ""), "HU"))
                .isTrue();
        assertThat(PhoneNumbers.national("081111031143", "GB")).isFalse();
        // a prefix by pattern: Brazil's 0, carrier code 15, then the number; China's carrier code 11979 before a mobile
        assertThat(PhoneNumbers.national("01511987654321", "BR")).isTrue();
        assertThat(PhoneNumbers.national("1197913800138000", "CN")).isTrue();
    }

    private static boolean validByParsing(String digits, String region) {
        try {
            return UTIL.isValidNumberForRegion(UTIL.parse(digits, region), region);
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static boolean validInternationally(String digits) {
        try {
            return UTIL.isValidNumber(UTIL.parse("+" + digits, "ZZ"));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
