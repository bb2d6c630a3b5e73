package dev.vigil.schema.masking;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which detectors run and what each does, plus the field-name deny-list. Built from job config. */
public class MaskingRules implements java.io.Serializable {
    /** Field names whose values are always masked, at any depth (compared case-insensitively, '-' = '_'). */
    public static final List<String> DEFAULT_DENIED_FIELDS = List.of(
            "password",
            "passwd",
            "pwd",
            "secret",
            "client_secret",
            "token",
            "access_token",
            "refresh_token",
            "id_token",
            "auth",
            "authorization",
            "proxy_authorization",
            "cookie",
            "set_cookie",
            "api_key",
            "apikey",
            "x_api_key",
            "private_key",
            "session_token",
            "credentials",
            "credit_card",
            "card_number",
            "cvv",
            "ssn");

    /** Suffixes that make a field name secret too, e.g. db_password, github_token. */
    public static final List<String> DENIED_SUFFIXES =
            List.of("_password", "_passwd", "_secret", "_token", "_api_key", "_apikey", "_private_key");

    private final Map<PiiKind, MaskAction> actions = new EnumMap<>(PiiKind.class);
    private final Set<String> deniedFields = new LinkedHashSet<>();

    /** Defaults: emails and IPs hashed (joinable), cards and IBANs partial, everything else redacted. */
    public static MaskingRules defaults() {
        MaskingRules r = new MaskingRules();
        for (PiiKind k : PiiKind.values()) r.actions.put(k, MaskAction.REDACT);
        r.actions.put(PiiKind.EMAIL, MaskAction.HASH);
        r.actions.put(PiiKind.IPV4, MaskAction.HASH);
        r.actions.put(PiiKind.IPV6, MaskAction.HASH);
        r.actions.put(PiiKind.CARD, MaskAction.PARTIAL);
        r.actions.put(PiiKind.IBAN, MaskAction.PARTIAL);
        for (String f : DEFAULT_DENIED_FIELDS) r.deniedFields.add(f);
        return r;
    }

    public MaskingRules action(PiiKind kind, MaskAction action) {
        actions.put(kind, action);
        return this;
    }

    public MaskAction action(PiiKind kind) {
        return actions.getOrDefault(kind, MaskAction.REDACT);
    }

    public MaskingRules denyField(String name) {
        deniedFields.add(normalizeFieldName(name));
        return this;
    }

    public Set<String> deniedFields() {
        return deniedFields;
    }

    public boolean usesHash() {
        return actions.containsValue(MaskAction.HASH);
    }

    static String normalizeFieldName(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
