package dev.vigil.schema.masking;

/** What a masked span was. The label appears in the replacement text, e.g. {@code [REDACTED:email]}. */
public enum PiiKind {
    EMAIL("email"),
    PHONE("phone"),
    CARD("card"),
    IPV4("ipv4"),
    IPV6("ipv6"),
    /** A network interface's hardware (MAC) address: {@code 00:1A:2B:3C:4D:5E}, {@code 00-1a-2b-3c-4d-5e}. */
    MAC("mac"),
    JWT("jwt"),
    BEARER("bearer"),
    API_KEY("api_key"),
    IBAN("iban"),
    /** A national identification number: SSN, passport, DNI, CPF, Aadhaar, ... ({@link NationalIds}). */
    NATIONAL_ID("national_id"),
    /** A date of birth, after a word that names it ({@link NationalIds}). */
    BIRTH_DATE("birth_date"),
    /** A bank account, routing or sort code number, or a bank's BIC, after a word that names it ({@link NationalIds}). */
    BANK_ACCOUNT("bank_account"),
    /** A mobile device's or subscriber's number (IMEI, IMSI, ICCID) after a word that names it ({@link NationalIds}). */
    DEVICE_ID("device_id"),
    /** A vehicle identification number (VIN) or registration plate after a word or key that names it ({@link NationalIds}). */
    VEHICLE_ID("vehicle_id"),
    /** A Bitcoin or Ethereum address ({@link CryptoAddresses}). */
    CRYPTO_ADDRESS("crypto_address"),
    /** A value whose field name is on the deny-list (password, cookie, ...). */
    DENIED_FIELD("secret");

    public final String label;

    PiiKind(String label) {
        this.label = label;
    }
}
