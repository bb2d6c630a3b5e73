package dev.vigil.schema.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import net.datafaker.Faker;
import org.junit.jupiter.api.Test;

/**
 * Phone numbers and addresses in forms people and tools write them (international with the trunk digit in
 * parentheses, Chinese mobiles, a key that says "phone", an address inside a query string), and numbers of the same
 * shapes that are not: exact spans.
 */
class NumberAndAddressFormsTest {
    private final PiiScanner scanner = new PiiScanner();

    @Test
    void findsPhonesWrittenTheWaysTheirCountriesWriteThem() {
        assertSpans("uk +44 (0)20 7946 0018 called", "+44 (0)20 7946 0018");
        assertSpans("Telefon 8 (301) 123-45-67; звоните 8 (495) 123-45-67", "8 (301) 123-45-67", "8 (495) 123-45-67");
        assertSpans("de +49 (0)151 2345 6789", "+49 (0)151 2345 6789");
        assertSpans("br (11)91234-5678 ok", "(11)91234-5678");
        assertSpans("cn 138 0013 8000 verified", "138 0013 8000");
        assertSpans("phone=4155552671&country=US", "4155552671");
        assertSpans("{\"phone_number\": \"07700900123\"}", "07700900123");
        assertSpans("mobile: 0612345678", "0612345678");
        // DIN 5008's older form, still common in German text: the area code, a slash, the subscriber
        assertSpans("Tel.:030/1234567 oder Fax 089/12345-678", "030/1234567", "089/12345-678");
        assertSpans("Telefon 030 / 123 45 67 (Zentrale)", "030 / 123 45 67");
        // digits without groups after a word that says phone, valid in a number plan
        assertSpans("call me at 4155552671 please", "4155552671");
        assertSpans("sms sent to 447911123456; mobile 0612345678", "447911123456", "0612345678");
        assertSpans("user 4155552671 logged in; order 4155552671 shipped; took 4155552671 ns");
        assertSpans("call 1234567 returned; text 20261206 found; phone count 12345678");
        // the country code in parentheses with its plus, as UK and European sites write it
        assertSpans("Tel. (+41) 79 123 45 67; (+44) 20 7946 0958", "(+41) 79 123 45 67", "(+44) 20 7946 0958");
        assertSpans("score (+12) 345; f(+1) = 2; (+44) abc");
        // the trunk prefix and the area code in one pair of parentheses, as Lithuania writes them (libphonenumber's
        // national format)
        assertSpans("telefonas: (8 5) 212 3456; phone: (0-612) 34567", "(8 5) 212 3456", "(0-612) 34567");
        // the words for phone in the EU's other languages, as a key
        assertSpans(
                "puhelin: 0401234567, τηλέφωνο: 21 0123 4567, tālrunis: 6712 3456",
                "0401234567",
                "21 0123 4567",
                "6712 3456");
        assertSpans("IRQ (3 4) 5 6; values (1 2) 3 4 5");
        // the plus percent-encoded, as Twilio's webhooks post From and To; WhatsApp's click-to-chat link
        assertSpans("From=%2B15551234567&To=%2B15557654321&Body=hi", "%2B15551234567", "%2B15557654321");
        assertSpans("chat https://wa.me/15551234567?text=hi", "15551234567");
        assertSpans("q=a%2B1234567890; x%2B12 y; wa.me/123");
        // Russia's mobiles with the trunk 8 and dashes, after the words for phone and call (Russian, Ukrainian)
        assertSpans(
                "телефон 8-912-345-67-89; моб. 8-912-345-67-88; позвоните 8-912-345-67-87",
                "8-912-345-67-89",
                "8-912-345-67-88",
                "8-912-345-67-87");
        // the words for phone in Hindi (with the nukta and without), and Chinese before a full-width colon
        assertSpans("फ़ोन 98765 43210; फोन: 98765 43211", "98765 43210", "98765 43211");
        assertSpans("联系电话：13800138000", "13800138000");
    }

    /**
     * After a word that says phone (and "call" as Portuguese, Spanish and others write it), numbers in two or three
     * groups without a trunk prefix, as Brazil, Argentina and India write their mobiles, a country code without its "+",
     * and a Chinese mobile right after the words for phone; dates and times after the same words stay.
     */
    @Test
    void findsPhonesInTwoOrThreeGroupsAfterAWordThatSaysPhone() {
        assertSpans("ligue para 11 98765-4321 amanhã", "11 98765-4321");
        assertSpans("llamame al 11 1234-5678", "11 1234-5678");
        assertSpans("call me on 98765 43210", "98765 43210");
        assertSpans("call me at 91-9876543210", "91-9876543210");
        assertSpans("我的手机号是13800138000", "13800138000");
        assertSpans("call on 2024-11-28 12:00; call me at 10:30; call 1 234 567 failed; text 12 34567");
        assertSpans("call returned 200 1234 bytes");
        // a local number of North America after a word that names a phone, not after "call"
        assertSpans("customer phone number is 555-0142 on file; Tel.: 555.0199", "555-0142", "555.0199");
        assertSpans("call 555-0142 attempts; phone 2024-0142; phone count 555-0142 total");
        // the words for a phone in the languages logs are written in
        assertSpans(
                "Rufnummer 030 1234567; celular (11) 98765-4321; móvil 612 34 56 78; gsm: 0475 12 34 56",
                "030 1234567",
                "(11) 98765-4321",
                "612 34 56 78",
                "0475 12 34 56");
        assertSpans("GSM 900 band selected; Telefonnummer ungültig");
    }

    /**
     * libphonenumber's example mobile number of every region, in its national form, after words that ask for a call or
     * name a phone's number: every one of seven digits or more written without parentheses is found whole, whatever the
     * region's plan and grouping (Palau's 620 1234, Costa Rica's 8312 3456, Argentina's 011 15-2345-6789).
     */
    /**
     * The phone and mobile numbers datafaker writes for thirty locales, in their own national forms (Hungary's {@code (06
     * 1) 506 5063}, Greece's {@code 2241 888695}, Sweden's {@code 2778 2949}, the US's with extensions), after a key, a
     * word that asks for a call, and "my number is": each found with all its digits.
     */
    @Test
    void findsTheNumbersDatafakerWritesForThirtyLocales() {
        String[] locales = {
            "en-US", "en-GB", "de", "fr", "es", "it", "pt-BR", "nl", "pl", "ru", "ja", "zh-CN", "ko", "en-IN", "en-AU",
            "sv", "tr", "en-CA", "es-MX", "da-DK", "fi-FI", "nb-NO", "cs", "hu", "uk", "vi", "id", "th", "he", "el-GR"
        };
        int tried = 0;
        for (String locale : locales) {
            Faker faker = new Faker(java.util.Locale.forLanguageTag(locale), new java.util.Random(3));
            for (int k = 0; k < 20; k++) {
                String number = k % 2 == 0
                        ? faker.phoneNumber().phoneNumber()
                        : faker.phoneNumber().cellPhone();
                String digits = number.replaceAll("[^0-9]", "");
                if (digits.length() < 7) continue;
                tried++;
                for (String text :
                        new String[] {"call me at " + number + " please", "phone: " + number, "my number is " + number
                        }) {
                    String found =
                            String.join(" ", ScannedSpans.of(scanner, text)).replaceAll("[^0-9]", "");
                    assertThat(found).as(locale + ": " + text).contains(digits.substring(digits.length() - 7));
                }
            }
        }
        assertThat(tried).isGreaterThan(500);
    }

    @Test
    void findsEveryRegionsNationalMobileAfterWordsThatAskForACall() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        int tried = 0;
        for (String region : util.getSupportedRegions()) {
            Phonenumber.PhoneNumber example =
                    util.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
            if (example == null) continue;
            String national = util.format(example, PhoneNumberUtil.PhoneNumberFormat.NATIONAL);
            if (national.chars().filter(Character::isDigit).count() < 7 || national.contains("(")) continue;
            tried++;
            assertSpans("call me at " + national + " please", national);
            assertSpans("contact number: " + national, national);
            assertSpans("my mobile number is " + national + ".", national);
        }
        assertThat(tried).isGreaterThan(200);
    }

    /**
     * Under a key that names a phone, a grouped number is one in any country's plan and grouping (libphonenumber's
     * example numbers of Estonia, Costa Rica, Iceland, Russia, Seychelles); a key that names something about
     * the phone, and dates, stay.
     */
    @Test
    void findsGroupedPhonesOfAnyPlanUnderAKeyThatNamesAPhone() {
        assertSpans("phone: 321 2345", "321 2345");
        assertSpans("tel: 8312 3456, mobile: 611 1234", "8312 3456", "611 1234");
        assertSpans("Telefon: 8 (301) 123-45-67", "8 (301) 123-45-67");
        assertSpans("{\"phone\": \"8312-3456\"}", "8312-3456");
        assertSpans("customer.phone=2 510 123 saved", "2 510 123");

        assertSpans("phone_count: 123 4567; phone_verified_at: 2024-11-28 10:00:00; phone: 12 34 56");
    }

    /**
     * MAC addresses as datafaker writes them and as Linux's ip, Windows' ipconfig and DHCP servers print them; times,
     * IPv6 addresses, UUIDs and dashed digits stay (or are what they are).
     */
    @Test
    void findsMacAddresses() {
        Faker faker = new Faker(new java.util.Random(11));
        for (int k = 0; k < 50; k++) {
            String mac = faker.internet().macAddress();
            assertThat(ScannedSpans.of(scanner, "DHCPACK on 10.0.0.7 to " + mac + " via eth0", PiiKind.MAC))
                    .as(mac)
                    .containsExactly(mac);
            String dashed = mac.replace(':', '-').toUpperCase(java.util.Locale.ROOT);
            boolean letter = dashed.chars().anyMatch(Character::isLetter);
            assertThat(ScannedSpans.of(scanner, "Physical Address. . . : " + dashed, PiiKind.MAC))
                    .as(dashed)
                    .containsExactly(letter ? new String[] {dashed} : new String[0]);
        }
        assertSpans("link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff", "52:54:00:12:34:56", "ff:ff:ff:ff:ff:ff");
        // as Cisco IOS prints them, from the same generated addresses
        for (int k = 0; k < 50; k++) {
            String hex = faker.internet().macAddress().replace(":", "");
            String dotted = hex.substring(0, 4) + "." + hex.substring(4, 8) + "." + hex.substring(8);
            assertThat(ScannedSpans.of(
                            scanner,
                            "%SW_MATM-4-MACFLAP_NOTIF: Host " + dotted + " in vlan 1 is flapping",
                            PiiKind.MAC))
                    .as(dotted)
                    .containsExactly(dotted);
        }
        assertThat(ScannedSpans.of(scanner, "[*150B.0020.0002] version 2024.0101.1234.5", PiiKind.MAC))
                .isEmpty();
        assertThat(ScannedSpans.of(
                        scanner,
                        "at 12:30:45 from fe80::1a2b:3c4d:5e6f:7081 id 123e4567-e89b-12d3-a456-426614174000"
                                + " tel 06-12-34-56-78-90",
                        PiiKind.MAC))
                .isEmpty();
    }

    /** Visa's test number (Luhn-valid) under the keys payment APIs and forms give it; an order's number stays. */
    @Test
    void findsACardUnderTheKeysThatNameIt() {
        String card = "4012888888881881";
        assertSpans("{\"card_number\": " + card + "}", card);
        assertSpans("{\"card_number\": \"" + card + "\"}", card);
        assertSpans("credit_card_number=" + card, card);
        assertSpans("cc_number: " + card, card);
        assertSpans("card-no " + card, card);
        assertSpans("Kreditkarte Nr. " + card, card);
        assertSpans("order number " + card + "; invoice_number: " + card);
    }

    @Test
    void findsAnAddressWhoseAtSignIsPercentEncoded() {
        assertSpans("GET /subscribe?email=john.doe%40example.com&list=2", "john.doe%40example.com");
    }

    /** RFC 5322 allows an apostrophe in a local part (Irish and French names); RFC 6531 and IDNA non-ASCII domains. */
    @Test
    void findsAddressesWithAnApostropheOrAnInternationalisedDomain() {
        assertSpans("invite sent to jane.o'hara@example.org", "jane.o'hara@example.org");
        assertSpans("d'artagnan@mousquetaires.fr replied", "d'artagnan@mousquetaires.fr");
        assertSpans("contact 张伟@例子.中国 today", "张伟@例子.中国");
        assertSpans("it's bob@example.com; 'alice@example.com'", "bob@example.com", "alice@example.com");
    }

    /** Addresses written out against harvesters, in the brackets people use; what only looks like it stays. */
    /** A Git remote over SSH names the forge's shared user, not a person: git@github.com:org/repo.git. */
    @Test
    void leavesGitRemotesAlone() {
        assertThat(ScannedSpans.of(scanner, "Cloning into 'repo'... git@github.com:org/repo.git", PiiKind.EMAIL))
                .isEmpty();
        assertThat(ScannedSpans.of(scanner, "ssh://git@gitlab.example.com:2222/grp/repo.git", PiiKind.EMAIL))
                .isEmpty();
        assertThat(ScannedSpans.of(scanner, "git@example.com wrote", PiiKind.EMAIL))
                .containsExactly("git@example.com");
    }

    @Test
    void findsAddressesWrittenOut() {
        assertSpans("Contact john [at] example [dot] com for access", "john [at] example [dot] com");
        assertSpans("reach me at jane.doe(at)example(dot)org please", "jane.doe(at)example(dot)org");
        assertSpans("mail: support {AT} acme.co.uk", "support {AT} acme.co.uk");
        assertSpans("ops <at> mail <dot> example <dot> net.", "ops <at> mail <dot> example <dot> net");

        assertSpans("locked at 10:02 [at] matrix; value (at) offset 12; john [at] localhost; x [at] y [dot] 4");
    }

    /** A card's security code and expiry after the words forms and people use; a count and a date stay. */
    @Test
    void findsACardsSecurityCodeAndExpiry() {
        assertSpans("card 4111 1111 1111 1111 exp 12/27 cvv 123", "4111 1111 1111 1111", "12/27", "123");
        assertSpans("Card ending 4242, CVC 314, expiry 08/2026.", "314", "08/2026");
        assertSpans("valid thru 09/28; expiration date: 1/29; security code 737", "09/28", "1/29", "737");
        assertSpans("gültig bis 03/27", "03/27");

        assertSpans("retry cvv check failed count 3; cvv 12; cvv 12345; exp 13/27; exp 12/27/2024");
        assertSpans("the offer expires 12/25; valid 09/28 days; code 737; exp 1.5/2");
    }

    @Test
    void leavesNumbersOfTheSameShapesAlone() {
        assertSpans("processed 1 234 567 890 bytes in 12 345 678 rows");
        assertSpans("size 123 456 789 012 bytes");
        assertSpans("cell 1234567 updated; hotel 12345678 booked; telemetry 12345678 points");
        assertSpans("phone_verified=1234567890 phone_count: 12345678 cell_id=12345678");
        assertSpans("f(0)123 returned; retry (3)10 ms");
        assertSpans("50%40 load; discount 20%40items");
        assertSpans("on 01/12/2024 and 05/11/2024 10:00; ratio 0/1234567; GET /v1/0/1234567");
        assertSpans("version 1.2.3.4 released; kernel=5.15.0.91; OID 1.3.6.1 walked; Firefox/115.0.1.2");
        assertSpans("GET http://10.0.0.1/version from 192.168.0.1 v2", "10.0.0.1", "192.168.0.1");
    }

    /**
     * Loghub's real lines: HDFS prints its date and time as {@code yyMMdd HHmmss} (valid in Germany's number plan, and
     * the time then the process ID in Italy's), block IDs with a minus after their underscore (Luhn-valid one time in
     * ten), Thunderbird a list of interrupt numbers (eight digits: any number in Denmark).
     */
    @Test
    void leavesLogFormatsNumbersAlone() {
        assertSpans("081111 031143 18339 INFO dfs.DataNode$DataXceiver: Receiving block blk_-7526023914950151999");
        assertSpans(
                "081109 203518 143 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_-1608999687919862906");
        assertSpans("20240105 101530 started; 20240105-101530 again; 050124 235959 closed");
        assertSpans("ACPI: PCI Interrupt Link [LNKA] (IRQs 3 4 5 6 7 10 11 12) *14");
        // OpenStack's and Linux's: a time's seconds and fraction before a process ID, host names that spell an address
        assertSpans("nova-compute.log.1.2017-05-16_13:55:31 2017-05-16 00:00:04.500 2931 INFO nova.compute.manager");
        assertSpans("connection from x (24-54-76-216.bflony.adelphia.net); calvisitor-10-105-160-95 kernel[0]: wake");
        assertSpans("resolved ip-10-0-1-23.ec2.internal");
        assertSpans("queue depth 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; histogram 120 98 77 61 40 22 9 3");
        // an access log's timers, then status and bytes (HAProxy's)
        assertSpans("fe_https~ be_app/app02 0/0/1/23/24 200 1534 - - ---- 12/12/3/1/0 0/0");
        // a count before a date (a man page's header: section, then date)
        assertSpans(
                ".TH DIRMNGR-CLIENT 1 2022-10-07 \"GnuPG 2.2.40\"; job 3 2024-03-15 12:00:01; retries 1 28.11.2026");
        // the same shapes that are a phone's stay found
        assertSpans("call 0612 345 678 now; 1 800 555 0199 toll free", "0612 345 678", "1 800 555 0199");
        assertSpans("phone 081111 031199", "081111 031199");
        assertSpans("call me after 10:30 on 0612 345 678", "0612 345 678");
        assertSpans("host 10-0-1-23 replied; fax 12-34-56-78", "12-34-56-78");
    }

    private void assertSpans(String text, String... spans) {
        assertThat(ScannedSpans.of(scanner, text)).as(text).containsExactly(spans);
    }
}
