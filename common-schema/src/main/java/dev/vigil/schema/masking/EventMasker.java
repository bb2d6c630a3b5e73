package dev.vigil.schema.masking;

import dev.vigil.schema.event.Attribute;
import dev.vigil.schema.event.Event;
import java.util.Map;

/**
 * Applies {@link PiiMasker} to every free-text field of an event and to attribute, property and tag
 * values (deny-listed names are masked whole). Runs in every job before any sink.
 */
public final class EventMasker {
    /** Shorter numbers can be neither a card (13+ digits) nor a phone number with its area code; they skip the scan. */
    private static final int MIN_MASKED_NUMBER_LENGTH = 10;

    private final PiiMasker masker;

    public EventMasker(PiiMasker masker) {
        this.masker = masker;
    }

    /** Masks {@code e} in place and returns it. */
    public Event mask(Event e) {
        e.host = masker.mask(e.host);
        e.instance = masker.mask(e.instance);
        maskAttributes(e.attributes);
        if (e.agentLog != null) {
            e.agentLog.message = masker.mask(e.agentLog.message);
        }
        if (e.business != null) {
            e.business.userId = masker.mask(e.business.userId);
            e.business.accountId = masker.mask(e.business.accountId);
            maskMap(e.business.properties);
        }
        if (e.metric != null) {
            e.metric.operation = masker.mask(e.metric.operation);
            maskMap(e.metric.tags);
        }
        if (e.error != null) {
            e.error.message = masker.mask(e.error.message);
            e.error.userId = masker.mask(e.error.userId);
            e.error.operation = masker.mask(e.error.operation);
        }
        return e;
    }

    /**
     * Strings are masked as free text; a number of ten or more digits too (a card or phone number can
     * arrive as a JSON number), and becomes the string that replaced it; a deny-listed name masks any value.
     */
    private void maskAttributes(Map<String, Attribute> attributes) {
        if (attributes == null) return;
        for (Map.Entry<String, Attribute> entry : attributes.entrySet()) {
            Attribute a = entry.getValue();
            if (a.text == null) continue;
            String masked;
            PiiKind kind;
            if (masker.isDeniedField(entry.getKey())) masked = masker.maskDeniedValue(a.text);
            else if ((kind = personalKind(entry.getKey(), a.text)) != null) masked = masker.maskWhole(a.text, kind);
            else if (a.kind == Attribute.Kind.STRING) masked = masker.mask(a.text);
            else if (a.kind == Attribute.Kind.NUMBER && a.text.length() >= MIN_MASKED_NUMBER_LENGTH)
                masked = maskNumber(entry.getKey(), a.text);
            else continue;
            if (masked != a.text) { // mask returns its input when it found nothing
                a.kind = Attribute.Kind.STRING;
                a.text = masked;
            }
        }
    }

    /**
     * A JSON number has no '+' to mark it international: under a key that names a phone number it is
     * read as one with its country code; anywhere else only what the scanner finds in its digits (cards).
     */
    private String maskNumber(String key, String digits) {
        if (namesPhone(key)) {
            String international = masker.mask("+" + digits);
            if (!international.equals("+" + digits)) return international;
        }
        return masker.mask(digits);
    }

    /** The last segment of the key has a name part that says phone ("customer.phoneNumber", "tel", "MSISDN"). */
    static boolean namesPhone(String key) {
        return SecretNames.hasPart(key, key.lastIndexOf('.') + 1, key.length(), PHONE_WORDS);
    }

    /**
     * When the key's last segment names a national identification number ({@code customer.passport_number}, {@code
     * ssn}, {@code taxId}) or a date of birth ({@code dob}, {@code date_of_birth}) and the value holds a digit, the
     * value is one, whatever its shape: its kind, else null.
     */
    static PiiKind personalKind(String key, String value) {
        if (value == null || !hasDigit(value)) return null;
        return NationalIds.named(key, key.lastIndexOf('.') + 1, key.length(), true);
    }

    private static boolean hasDigit(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (PiiScanner.isDigit(value.charAt(i))) return true;
        }
        return false;
    }

    private static final String[] PHONE_WORDS = {"phone", "telephone", "mobile", "cell", "msisdn", "tel", "fax"};

    private void maskMap(Map<String, String> map) {
        if (map == null) return;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            String v = entry.getValue();
            String masked;
            if (masker.isDeniedField(entry.getKey())) {
                masked = masker.maskDeniedValue(v);
            } else {
                PiiKind kind = personalKind(entry.getKey(), v);
                masked = kind != null ? masker.maskWhole(v, kind) : masker.mask(v);
            }
            if (masked != v) entry.setValue(masked);
        }
    }
}
