package dev.vigil.schema.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import net.datafaker.Faker;
import org.junit.jupiter.api.Test;

/**
 * National identification numbers in the forms their issuers document (the SSA's, HMRC's, Canada's and the NHS's
 * published example numbers, check-digit-valid numbers of the other formats), after the words people and forms use for
 * them and, where check digits make it safe, on their own; numbers of the same shapes that are something else stay.
 * Exact spans and kinds.
 */
class NationalIdsTest {
    private final PiiScanner scanner = new PiiScanner();

    @Test
    void findsTheNumberAfterAWordThatNamesIt() {
        assertIds("Customer SSN: 078-05-1120 on file", "078-05-1120");
        assertIds("user provided SSN 078051120 for KYC", "078051120");
        assertIds("social security number 219 09 9999 verified", "219 09 9999");
        assertIds("{\"ssn\": \"078051120\", \"name\": \"x\"}", "078051120");
        assertIds("payload={\\\"ssn\\\": \\\"078051120\\\"}", "078051120"); // JSON escaped inside a message
        assertIds("socialSecurityNumber=078051120&plan=basic", "078051120");
        assertIds("National Insurance number QQ 12 34 56 C", "QQ 12 34 56 C");
        assertIds("NINO: QQ123456C updated", "QQ123456C");
        assertIds("SIN 046 454 286 on the T4", "046 454 286");
        assertIds("NHS number 943 476 5919 registered", "943 476 5919");
        assertIds("passport number 533401372 scanned", "533401372");
        assertIds("Passport No.: X1234567", "X1234567");
        assertIds("passport_number: \"C01X00T47\"", "C01X00T47");
        assertIds("driver's license D1234-56789-01234", "D1234-56789-01234");
        assertIds("tax id 12-3456789 for vendor", "12-3456789");
        assertIds("Steuer-ID 12 345 678 901", "12 345 678 901");
        assertIds("BSN 123456782 gekoppeld", "123456782");
        assertIds("PESEL 44051401359", "44051401359");
        assertIds("personnummer 19850101-1234", "19850101-1234");
        assertIds("Aadhaar 2345 6789 0125 linked", "2345 6789 0125");
        assertIds("PAN ABCDE1234F submitted", "ABCDE1234F");
        assertIds("CPF 12345678909 cadastrado", "12345678909");
        assertIds("numéro de sécurité sociale 1 85 05 78 006 084 36", "1 85 05 78 006 084 36");
        assertIds("número de seguridad social 28 12345678 40", "28 12345678 40");
        assertIds("la cédula 1.234.567.890 fue validada", "1.234.567.890");
        assertIds("NINO's QQ123456C", "QQ123456C");
        // a number that starts with a letter of the fillers (Singapore's NRIC S..., a passport's N...)
        assertIds("NRIC S1234567D verified; passport N1234567 scanned", "S1234567D", "N1234567");
        // more countries' words: Malaysia, the UAE, Türkiye, Indonesia, Pakistan, Ireland, Romania, Croatia, Estonia
        assertIds("MyKad 850101-14-5678; Emirates ID 784-1985-1234567-1", "850101-14-5678", "784-1985-1234567-1");
        // a driving licence's number by its abbreviation and in other languages
        assertIds("DL# S530-4602-1234; Führerschein-Nr. B072RRE2I55", "S530-4602-1234", "B072RRE2I55");
        assertIds("permis de conduire n° 12AB34567; CNH 12345678901", "12AB34567", "12345678901");
        assertIds("the DL list has 5 members; download DL-2024 done; DL 123");
        assertIds("TC kimlik no 12345678950; NIK 3174012345670001", "12345678950", "3174012345670001");
        assertIds(
                "CNIC 35202-1234567-1; PPS 1234567TA; CNP 1850101123456",
                "35202-1234567-1",
                "1234567TA",
                "1850101123456");
        assertIds("OIB 12345678903; isikukood 38501010002", "12345678903", "38501010002");
        assertIds("nid is down; the pps went up 12345; pid 1234567");
        // the words of scripts without spaces, right before the number: China's, Japan's and Korea's
        assertIds("身份证号：11010519491231002X; 身份证号码 110105194912310021", "11010519491231002X", "110105194912310021");
        assertIds("用户身份证110105194912310021已验证", "110105194912310021");
        assertIds("マイナンバー 123456789018; 주민등록번호 850101-1234567", "123456789018", "850101-1234567");
        assertIds("订单号 110105194912310021; 用户ID 110105194912310021; 身份证 12");
    }

    @Test
    void findsFormatsWithCheckDigitsOnTheirOwn() {
        assertIds("applicant 078-05-1120 approved", "078-05-1120");
        assertIds("cliente 123.456.789-09 cadastrado", "123.456.789-09");
        assertIds("empresa 12.345.678/0001-95 ativa", "12.345.678/0001-95");
        assertIds("account 2345 6789 0125 linked", "2345 6789 0125");
        assertIds("documento 12345678Z válido", "12345678Z");
        assertIds("residente X1234567L.", "X1234567L");
        assertIds("RSSMRA80A01H501U ha effettuato il login", "RSSMRA80A01H501U");
        // one check digit or letter off: not theirs
        assertIds("cliente 123.456.789-08 cadastrado");
        assertIds("empresa 12.345.678/0001-94 ativa");
        assertIds("account 2345 6789 0124 linked");
        assertIds("documento 12345678A válido");
        assertIds("RSSMRA80A01H501V ha effettuato il login");
        assertIds("all nines 111.111.111-11");
        // areas the SSA never issues
        assertIds("ref 000-12-3456 and 666-12-3456 and 900-12-3456");
    }

    @Test
    void leavesNumbersThatTheWordDoesNotName() {
        assertIds("passport service returned 503 after 1200 ms");
        assertIds("passport-jwt 4.0.1 installed; Passport strategy failed 3 times");
        assertIds("SSN validation failed for 12 records; ssn_last4=6789");
        assertIds("dni lookup took 123456 us; tax id check passed in 1234567 ns");
        assertIds("personal id verified at 2026-11-28T10:00:00Z; national id service v2.13.0");
        assertIds("driver license expired on 2026-01-01; codice fiscale: non valido");
        assertIds("the card id 12345678 was blocked; medicare claim 20241128 processed");
        // lower case, these are other words: Spanish "sin", German "nie" and "ein"
        assertIds("sin 123456789 resultados; nie 123456789 mal; ein 123456789 Fehler");
        assertIds("version 1.2.3-45 released; request id 12345678 took 20 ms");
    }

    /**
     * Numbers datafaker generates (its locales' passports, the US SSN, Sweden's personnummer, Poland's PESEL, Mexico's
     * CURP, Portugal's NIF, Singapore's NRIC, Korea's RRN, South Africa's and China's ID numbers, Brazil's CPF and CNPJ
     * with and without punctuation, US driving licences), each after its word in four ways of writing a pair: every one
     * masked whole, as a national ID: 156 lines (seeded; the generator, not this code, picks the shapes).
     */
    @Test
    void findsNumbersAThirdPartyGeneratorMakesAfterTheirWords() {
        Random random = new Random(20261207L);
        String[] passportLocales = {"en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "it-IT", "pt-BR", "nl-NL", "ja-JP"};
        List<Object[]> kinds = List.of(
                new Object[] {"SSN", (Function<Faker, String>) f -> f.idNumber().ssnValid()},
                new Object[] {
                    "passport number",
                    (Function<Faker, String>)
                            f -> localFaker(passportLocales, random).passport().valid()
                },
                new Object[] {
                    "personnummer", (Function<Faker, String>) f -> f.idNumber().validSvSeSsn()
                },
                new Object[] {
                    "PESEL", (Function<Faker, String>) f -> f.idNumber().peselNumber()
                },
                new Object[] {
                    "CURP", (Function<Faker, String>) f -> f.idNumber().validEsMXSsn()
                },
                new Object[] {"NIF", (Function<Faker, String>) f -> f.idNumber().validPtNif()},
                new Object[] {
                    "NRIC", (Function<Faker, String>) f -> f.idNumber().singaporeanUin()
                },
                new Object[] {"RRN", (Function<Faker, String>) f -> f.idNumber().validKoKrRrn()},
                new Object[] {
                    "national id", (Function<Faker, String>) f -> f.idNumber().validEnZaSsn()
                },
                new Object[] {
                    "national_id", (Function<Faker, String>) f -> f.idNumber().validZhCNSsn()
                },
                new Object[] {"CPF", (Function<Faker, String>) f -> f.cpf().valid(random.nextBoolean())},
                new Object[] {"CNPJ", (Function<Faker, String>) f -> f.cnpj().valid(random.nextBoolean())},
                new Object[] {
                    "driver's license",
                    (Function<Faker, String>) f -> f.drivingLicense().drivingLicense(random.nextBoolean() ? "CA" : "NY")
                });
        String[] forms = {"%s %s verified", "%s: %s", "{\"%s\": \"%s\"}", "kyc check ok, %s=%s, next step"};
        Faker faker = new Faker(new Random(random.nextLong()));
        List<String> missed = new ArrayList<>();
        int lines = 0;
        for (int round = 0; round < 12; round++) {
            for (Object[] kind : kinds) {
                @SuppressWarnings("unchecked")
                String id = ((Function<Faker, String>) kind[1]).apply(faker);
                String form = forms[(round + lines) % forms.length];
                String word = (String) kind[0];
                if (form.contains("=") || form.contains("{"))
                    word = word.replace(' ', '_').replace("'", "");
                String text = String.format(form, word, id);
                lines++;
                int n = scanner.scan(text);
                boolean masked = false;
                for (int i = 0; i < n; i++) {
                    masked |= scanner.kind(i) == PiiKind.NATIONAL_ID
                            && text.substring(scanner.start(i), scanner.end(i)).equals(id);
                }
                if (!masked) missed.add(text);
            }
        }
        assertThat(lines).isEqualTo(156);
        assertThat(missed).isEmpty();
    }

    private static Faker localFaker(String[] locales, Random random) {
        return new Faker(Locale.forLanguageTag(locales[random.nextInt(locales.length)]), new Random(random.nextLong()));
    }

    /** Dates of birth after the words forms and people write before them, in the date forms of their countries. */
    @Test
    void findsTheDateAfterAWordThatNamesADateOfBirth() {
        assertBirthDates("DOB: 1985-04-12, verified", "1985-04-12");
        assertBirthDates("date of birth 12/04/1985", "12/04/1985");
        assertBirthDates("{\"dateOfBirth\": \"4/12/85\"}", "4/12/85");
        assertBirthDates("birth_date=1985-04-12&plan=basic", "1985-04-12");
        assertBirthDates("patient born on 12 April 1985 admitted", "12 April 1985");
        assertBirthDates("born April 12, 1985 in Ohio", "April 12, 1985");
        assertBirthDates("birthdate 12-Apr-1985", "12-Apr-1985");
        assertBirthDates("Geburtsdatum: 12.04.1985; geboren am 12. März 1985", "12.04.1985", "12. März 1985");
        // French's feminine participle; the words for it in Japanese, Chinese and Korean, and a date as Japanese and
        // Chinese write it
        assertBirthDates("née le 14/03/1985 à Lyon", "14/03/1985");
        assertBirthDates(
                "生年月日: 1985年3月14日; 出生日期：1985-03-14; 생년월일 1985.03.14", "1985年3月14日", "1985-03-14", "1985.03.14");
        assertBirthDates("2024年3月14日 に更新; 更新日期：2024-03-14");
        assertBirthDates("fecha de nacimiento 12 de abril de 1985", "12 de abril de 1985");
        assertBirthDates("date de naissance : 12/04/1985", "12/04/1985");
        // not a birth date: a timestamp, a count, a year alone, other dates
        assertBirthDates("dob updated at 2026-11-28T10:00:00Z; born 1985; birthday reminders sent: 1234");
        assertBirthDates("birth date field missing in 12 records; created 2026-11-28; date 12/04/1985");
    }

    /**
     * Dates of birth as Java's CLDR data writes dates in thirteen locales, short, medium and long (4/12/85, Apr 12,
     * 1985, 12. April 1985, 12 de abr. de 1985, 12 kwietnia 1985, 1985/04/12, 1985年4月12日...), five seeded birthdays
     * each: all found.
     */
    @Test
    void findsBirthDatesAsTheirLocalesWriteThem() {
        String[] locales = {
            "en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "it-IT", "pt-BR", "nl-NL", "sv-SE", "pl-PL", "ja-JP", "en-IN",
            "en-AU"
        };
        Random random = new Random(20261207L);
        List<String> missed = new ArrayList<>();
        int lines = 0;
        for (int k = 0; k < 5; k++) {
            LocalDate birthday = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(80 * 365));
            for (String locale : locales) {
                for (FormatStyle style : new FormatStyle[] {FormatStyle.SHORT, FormatStyle.MEDIUM, FormatStyle.LONG}) {
                    String date = DateTimeFormatter.ofLocalizedDate(style)
                            .withLocale(Locale.forLanguageTag(locale))
                            .format(birthday);
                    String text = (lines % 2 == 0 ? "date of birth: " : "patient born on ") + date + ", admitted";
                    lines++;
                    if (!spans(text, PiiKind.BIRTH_DATE).equals(List.of(date))) missed.add(locale + " " + style);
                }
            }
        }
        assertThat(lines).isEqualTo(195);
        assertThat(missed).isEmpty();
    }

    /** A payment card's number after "PAN" is a card: masked as one, by the card detector. */
    @Test
    void aCardAfterPanStaysACard() {
        String text = "payments PAN 4111111111111111 stored";
        int n = scanner.scan(text);
        assertThat(n).isEqualTo(1);
        assertThat(scanner.kind(0)).isEqualTo(PiiKind.CARD);
        assertThat(text.substring(scanner.start(0), scanner.end(0))).isEqualTo("4111111111111111");
    }

    @Test
    void checkDigits() {
        assertThat(NationalIds.cpf(digits("12345678909"))).isTrue();
        assertThat(NationalIds.cpf(digits("12345678919"))).isFalse();
        assertThat(NationalIds.cnpj(digits("12345678000195"))).isTrue();
        assertThat(NationalIds.cnpj(digits("12345678000159"))).isFalse();
        assertThat(NationalIds.aadhaar(digits("234567890125"))).isTrue();
        assertThat(NationalIds.aadhaar(digits("234567890152"))).isFalse();
        assertThat(NationalIds.aadhaar(digits("134567890125"))).isFalse(); // Aadhaar numbers do not start with 0 or 1
        assertThat(NationalIds.spanishId("Y1234567X", 0)).isTrue();
        assertThat(NationalIds.codiceFiscale("MRTMTT25D09F205Z", 0)).isTrue();
        assertThat(NationalIds.codiceFiscale("MRTMTT25D09F205Y", 0)).isFalse();
    }

    private static int[] digits(String s) {
        int[] d = new int[14];
        for (int i = 0; i < s.length(); i++) d[i] = s.charAt(i) - '0';
        return d;
    }

    /**
     * A bank's numbers after the words that name them: datafaker's US routing numbers (ABA check digit), account numbers,
     * UK sort codes, as English, Spanish, French, Portuguese and German write them; digits only, so an account word
     * before prose or a short count stays.
     */
    @Test
    void findsBankAccountNumbersAfterTheirWords() {
        Faker faker = new Faker(new Random(7));
        for (int k = 0; k < 20; k++) {
            String routing = faker.finance().usRoutingNumber();
            String account = faker.number().digits(8 + k % 6);
            assertBankNumbers("ACH to routing number " + routing + ", account number " + account, routing, account);
            assertBankNumbers("routing_number=" + routing + "&bank_account_number=" + account, routing, account);
        }
        assertBankNumbers("sort code 12-34-56 account number 12345678", "12-34-56", "12345678");
        assertBankNumbers("refund to bank account 000123456789 failed", "000123456789");
        assertBankNumbers("savings account no. 4412 5567 89 closed", "4412 5567 89");
        assertBankNumbers("número de cuenta: 12345678; numéro de compte 12345678901", "12345678", "12345678901");
        assertBankNumbers("número da conta 1234567-8; Kontonummer: 1234567890", "1234567-8", "1234567890");
        assertBankNumbers("BSB 062-000", "062-000");

        assertBankNumbers("account 12345 locked; account number of retries 5; bank account service returned 50312");
        assertBankNumbers("sort code invalid; routing number validation failed for 12 records; account number ACC-12X");
        assertIds("passport number of retries 5");
    }

    /**
     * A device's and a vehicle's numbers after their words, as datafaker generates them (IMEI with Luhn's check digit,
     * VIN); an IMEI is not taken for a card, and the words before anything else stay.
     */
    @Test
    void findsDeviceAndVehicleNumbersAfterTheirWords() {
        Faker faker = new Faker(new Random(5));
        for (int k = 0; k < 20; k++) {
            String imei = faker.code().imei();
            String vin = faker.vehicle().vin();
            assertThat(spans("device IMEI " + imei + " registered, imei=" + imei, PiiKind.DEVICE_ID))
                    .containsExactly(imei, imei);
            assertThat(spans("VIN " + vin + " scanned", PiiKind.VEHICLE_ID))
                    .as(vin)
                    .containsExactly(vin);
        }
        assertThat(spans("IMSI: 310150123456789; ICCID 89014103211118510720 active", PiiKind.DEVICE_ID))
                .containsExactly("310150123456789", "89014103211118510720");
        assertThat(spans("IMEI 35-209900-176148-1", PiiKind.DEVICE_ID)).containsExactly("35-209900-176148-1");
        assertThat(spans("IMEI 35 209900 176148 1 registered", PiiKind.DEVICE_ID))
                .containsExactly("35 209900 176148 1");

        assertThat(spans("IMEI check failed for 3 devices; imei 12345678; VIN lookup returned 404", PiiKind.DEVICE_ID))
                .isEmpty();
        assertThat(spans(
                        "VIN lookup returned 404; vin 1HGCM82633A004352 rouge; VIN ABCDEFGHIJKLMNOPQ",
                        PiiKind.VEHICLE_ID))
                .isEmpty();
    }

    /**
     * A bank's identifier code (BIC) after SWIFT or BIC, as datafaker generates them, and registration plates after the
     * words for one in the forms of their countries (datafaker's US plates among them); prose and counts after those
     * words stay.
     */
    @Test
    void findsBankCodesAndRegistrationPlatesAfterTheirWords() {
        Faker faker = new Faker(new Random(11));
        for (int k = 0; k < 20; k++) {
            String bic = faker.finance().bic();
            String plate = faker.vehicle().licensePlate();
            // a message without a digit skips the search for numbers, so a BIC of letters alone is found with one
            assertBankNumbers("wire 250 EUR to SWIFT code: " + bic + " and BIC " + bic + ".", bic, bic);
            assertThat(spans("license plate " + plate + " flagged at gate 3", PiiKind.VEHICLE_ID))
                    .as(plate)
                    .containsExactly(plate);
        }
        assertBankNumbers("swift/bic: NWBKGB2L; sort code 12-34-56", "NWBKGB2L", "12-34-56");
        assertThat(spans(
                        "licence plate AB12 CDE seen; number plate MH 12 AB 1234; Kfz-Kennzeichen: B-MW 1234;"
                                + " matrícula 1234 ABC; immatriculation AB-123-CD; kenteken 12-ABC-3;"
                                + " vehicle registration is 7ABC123",
                        PiiKind.VEHICLE_ID))
                .containsExactly(
                        "AB12 CDE", "MH 12 AB 1234", "B-MW 1234", "1234 ABC", "AB-123-CD", "12-ABC-3", "7ABC123");

        assertBankNumbers("swift 5.9 compiler; BIC lookup failed; SWIFT code AB12CDEF unknown; bic NOTABANK1");
        assertThat(spans(
                        "license plate not readable; license plate recognition v2 started; matrícula 2024;"
                                + " Kennzeichen: AB-1234; number plate OCR took 12 ms",
                        PiiKind.VEHICLE_ID))
                .isEmpty();
    }

    private void assertBankNumbers(String text, String... numbers) {
        assertThat(spans(text, PiiKind.BANK_ACCOUNT)).as(text).containsExactly(numbers);
    }

    private void assertIds(String text, String... ids) {
        assertThat(spans(text, PiiKind.NATIONAL_ID)).as(text).containsExactly(ids);
    }

    private void assertBirthDates(String text, String... dates) {
        assertThat(spans(text, PiiKind.BIRTH_DATE)).as(text).containsExactly(dates);
    }

    private List<String> spans(String text, PiiKind kind) {
        int n = scanner.scan(text);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (scanner.kind(i) == kind) found.add(text.substring(scanner.start(i), scanner.end(i)));
        }
        return found;
    }
}
