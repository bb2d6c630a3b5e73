package dev.vigil.schema.masking;

/**
 * Whether a number's prefix and length belong to a card network (ISO/IEC 7812 issuer ranges as the
 * networks publish them). Luhn alone passes one random number in ten, so an epoch timestamp
 * ({@code 1764...}, 13 or 19 digits) or an order number would look like a card; no network issues
 * cards that start with 1 or, at 13 digits, with anything but Visa's 4.
 */
final class CardIssuers {
    private CardIssuers() {}

    /** {@code iin6}: the first six digits; {@code length}: all digits. */
    static boolean issued(int iin6, int length) {
        int d1 = iin6 / 100_000;
        int d2 = iin6 / 10_000;
        int d3 = iin6 / 1_000;
        int d4 = iin6 / 100;
        if (d1 == 4) return length == 13 || length == 16 || length == 19; // Visa
        if ((d2 >= 51 && d2 <= 55) || (d4 >= 2221 && d4 <= 2720)) return length == 16; // Mastercard
        if (d4 >= 2200 && d4 <= 2204) return length >= 16 && length <= 19; // Mir
        if (d2 == 34 || d2 == 37) return length == 15; // American Express
        if ((d3 >= 300 && d3 <= 305) || d4 == 3095 || d2 == 36 || d2 == 38 || d2 == 39) { // Diners Club
            return length >= 14 && length <= 19;
        }
        if (d1 == 3) return length >= 14 && length <= 19; // JCB (3528-3589) and the Diners/Discover 3xxx ranges
        if (d1 == 6) return length >= 16 && length <= 19; // Discover, UnionPay, Maestro, RuPay, Solo, ...
        if (d2 == 50 || (d2 >= 56 && d2 <= 58)) return length >= 13 && length <= 19; // Maestro
        if (d2 == 81 || d2 == 82) return length == 16; // RuPay
        return false;
    }
}
