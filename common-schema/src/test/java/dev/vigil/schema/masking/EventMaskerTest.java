package dev.vigil.schema.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schema.event.Attribute;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParserLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventMaskerTest {
    private static final byte[] KEY = "test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private static Event parse(String json) {
        return new EventParser(ParserLimits.withoutClockWindow())
                .parse(json.getBytes(StandardCharsets.UTF_8))
                .event();
    }

    @Test
    void masksEveryFreeTextFieldAndDeniedAttributesAtAnyDepth() {
        Event e = parse("""
                {"type":"agent_log","timestamp":1795860930123,"service":"auth","host":"10.1.2.3","level":"info",
                 "message":"login by jane.doe@example.com from 203.0.113.7 with card 4111 1111 1111 1111",
                 "attributes":{"http":{"headers":{"Set-Cookie":"sid=abc123","X-Request-Id":"r-1"}},"db_password":"hunter2",
                               "note":"call +1 415 555 2671","count":3}}""");
        new EventMasker(new PiiMasker(MaskingRules.defaults(), KEY)).mask(e);
        String all = e.host
                + e.agentLog.message
                + e.attributes.values().stream().map(a -> a.text).collect(java.util.stream.Collectors.joining(" "));
        for (String raw : new String[] {
            "10.1.2.3", "jane.doe@example.com", "203.0.113.7", "4111 1111 1111 1111", "abc123", "hunter2", "555 2671"
        }) {
            assertThat(all).doesNotContain(raw);
        }
        assertThat(e.host).matches("\\[ipv4:[0-9a-f]{16}]");
        assertThat(e.agentLog.message)
                .matches(
                        "login by \\[email:[0-9a-f]{16}] from \\[ipv4:[0-9a-f]{16}] with card \\[card:\\*\\*\\*\\*1111]");
        assertThat(e.attributes.get("http.headers.Set-Cookie").text).isEqualTo("[REDACTED:secret]");
        assertThat(e.attributes.get("db_password").text).isEqualTo("[REDACTED:secret]");
        assertThat(e.attributes.get("http.headers.X-Request-Id").text).isEqualTo("r-1");
        assertThat(e.attributes.get("note").text).isEqualTo("call [REDACTED:phone]");
        assertThat(e.attributes.get("count")).isEqualTo(Attribute.number("3"));
    }

    /**
     * A value under a key that names a national identification number (or a date of birth, a bank account's number) is one whatever its shape, string or JSON number
     * ({@code 533401372} alone is no ID); a key that only starts like one, or a value without digits, stays.
     */
    @Test
    void attributeKeysThatNameANationalIdOrABirthDateMaskTheirValue() {
        Event e = parse("""
                {"type":"agent_log","timestamp":1795860930123,"service":"kyc","level":"info","message":"checked",
                 "attributes":{"customer":{"passport_number":"533401372","taxId":"12-3456789","nino":"QQ123456C","tax_number":"12/345/67890","dob":"1985-04-12"},
                               "national_insurance_no":123456789,"passport_status":"533401372",
                               "passport_number_pending":"x","driver_license":"unknown",
                               "payment":{"account_number":"12345678","routing_number":21000021,"account_id":"12345678"},
                               "device":{"imei":"490154203237518"},"car":{"vin":"1HGCM82633A004352"}}}""");
        new EventMasker(new PiiMasker(MaskingRules.defaults(), KEY)).mask(e);
        assertThat(e.attributes.get("customer.passport_number").text).isEqualTo("[REDACTED:national_id]");
        assertThat(e.attributes.get("customer.taxId").text).isEqualTo("[REDACTED:national_id]");
        assertThat(e.attributes.get("customer.nino").text).isEqualTo("[REDACTED:national_id]");
        assertThat(e.attributes.get("customer.tax_number").text).isEqualTo("[REDACTED:national_id]");
        assertThat(e.attributes.get("customer.dob").text).isEqualTo("[REDACTED:birth_date]");
        assertThat(e.attributes.get("national_insurance_no").text).isEqualTo("[REDACTED:national_id]");
        assertThat(e.attributes.get("passport_status").text).isEqualTo("533401372");
        assertThat(e.attributes.get("passport_number_pending").text).isEqualTo("x");
        assertThat(e.attributes.get("driver_license").text).isEqualTo("unknown");
        assertThat(e.attributes.get("payment.account_number").text).isEqualTo("[REDACTED:bank_account]");
        assertThat(e.attributes.get("payment.routing_number").text).isEqualTo("[REDACTED:bank_account]");
        assertThat(e.attributes.get("payment.account_id").text).isEqualTo("12345678");
        assertThat(e.attributes.get("device.imei").text).isEqualTo("[REDACTED:device_id]");
        assertThat(e.attributes.get("car.vin").text).isEqualTo("[REDACTED:vehicle_id]");
    }

    /**
     * A structured field is masked by the names free text is: before, {@code dbPassword}, {@code aws_secret_access_key},
     * {@code passphrase} and the word in other languages passed, their values scanned as if unnamed.
     */
    @Test
    void attributeKeysThatNameASecretAsFreeTextDoesAreDenied() {
        PiiMasker masker = new PiiMasker(MaskingRules.defaults(), KEY);
        for (String key : new String[] {
            "dbPassword",
            "aws_secret_access_key",
            "SecretAccessKey",
            "passphrase",
            "clientSecret",
            "privateKey",
            "signing_key",
            "contraseña",
            "mot_de_passe",
            "bindpw",
            "PGPASSWORD",
            "spring.datasource.password"
        }) {
            assertThat(masker.isDeniedField(key)).as(key).isTrue();
        }
        for (String key : new String[] {
            "max_tokens",
            "prompt_tokens",
            "token_count",
            "password_policy",
            "auth_type",
            "author",
            "private_key_id",
            "session_id",
            "keyboard",
            "bypass"
        }) {
            assertThat(masker.isDeniedField(key)).as(key).isFalse();
        }
        Event e = parse("""
                {"type":"agent_log","timestamp":1795860930123,"service":"auth","level":"info","message":"m",
                 "attributes":{"db":{"dbPassword":"hunter2"},"aws_secret_access_key":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                               "max_tokens":4096}}""");
        new EventMasker(masker).mask(e);
        assertThat(e.attributes.get("db.dbPassword").text).isEqualTo("[REDACTED:secret]");
        assertThat(e.attributes.get("aws_secret_access_key").text).isEqualTo("[REDACTED:secret]");
        assertThat(e.attributes.get("max_tokens")).isEqualTo(Attribute.number("4096"));
    }

    @Test
    void numbersThatAreCardsOrPhonesAreMaskedAndBecomeStringsOthersKeepTheirType() {
        Event e = parse("""
                {"type":"agent_log","timestamp":1795860930123,"service":"auth","level":"info","message":"m",
                 "attributes":{"card":4111111111111111,"msisdn":14155552671,"amount":1299.5,"epoch_ms":1795860930123,
                               "order_id":1234567890123,"hotel_id":14155552671,"customer":{"phoneNumber":4930901820},"retries":3,"ok":true,"password":12345}}""");
        new EventMasker(new PiiMasker(MaskingRules.defaults(), KEY)).mask(e);
        assertThat(e.attributes.get("card")).isEqualTo(Attribute.string("[card:****1111]"));
        assertThat(e.attributes.get("amount")).isEqualTo(Attribute.number("1299.5"));
        assertThat(e.attributes.get("epoch_ms")).isEqualTo(Attribute.number("1795860930123"));
        assertThat(e.attributes.get("retries")).isEqualTo(Attribute.number("3"));
        assertThat(e.attributes.get("ok")).isEqualTo(Attribute.bool(true));
        assertThat(e.attributes.get("password")).isEqualTo(Attribute.string("[REDACTED:secret]"));
        // no '+' in a JSON number: under a phone-like key it is read with its country code
        assertThat(e.attributes.get("msisdn")).isEqualTo(Attribute.string("[REDACTED:phone]"));
        assertThat(e.attributes.get("customer.phoneNumber")).isEqualTo(Attribute.string("[REDACTED:phone]"));
        assertThat(e.attributes.get("hotel_id")).isEqualTo(Attribute.number("14155552671"));
        assertThat(e.attributes.get("order_id")).isEqualTo(Attribute.number("1234567890123"));
    }

    @Test
    void keyedHashKeepsValuesJoinableAndDependsOnTheKey() {
        PiiMasker a = new PiiMasker(MaskingRules.defaults(), KEY);
        PiiMasker b = new PiiMasker(MaskingRules.defaults(), KEY);
        PiiMasker other =
                new PiiMasker(MaskingRules.defaults(), "another-key-0123456789".getBytes(StandardCharsets.UTF_8));
        String m1 = a.mask("user bob@example.com");
        assertThat(b.mask("user bob@example.com")).isEqualTo(m1);
        assertThat(a.mask("user eve@example.com")).isNotEqualTo(m1);
        assertThat(other.mask("user bob@example.com")).isNotEqualTo(m1);
    }

    @Test
    void rulesChooseTheAction() {
        MaskingRules rules = MaskingRules.defaults()
                .action(PiiKind.EMAIL, MaskAction.REDACT)
                .action(PiiKind.IPV4, MaskAction.KEEP)
                .action(PiiKind.PHONE, MaskAction.PARTIAL)
                .denyField("internal_note");
        PiiMasker m = new PiiMasker(rules, KEY);
        assertThat(m.mask("a@b.io from 10.0.0.1 tel 415-555-2671"))
                .isEqualTo("[REDACTED:email] from 10.0.0.1 tel [phone:****2671]");
        assertThat(m.isDeniedField("meta.Internal-Note")).isTrue();
        assertThat(m.isDeniedField("meta.github_token")).isTrue();
        assertThat(m.isDeniedField("tokens_in")).isFalse();
        String clean = "nothing to see here 1.2.3";
        assertThat(m.mask(clean)).isSameAs(clean);
    }

    @Test
    void hashingWithoutAKeyIsAStartUpError() {
        assertThatThrownBy(() -> new PiiMasker(MaskingRules.defaults(), null))
                .hasMessageContaining("masking.hmac-key-env");
        PiiMasker noHash = new PiiMasker(
                MaskingRules.defaults()
                        .action(PiiKind.EMAIL, MaskAction.REDACT)
                        .action(PiiKind.IPV4, MaskAction.REDACT)
                        .action(PiiKind.IPV6, MaskAction.REDACT),
                null);
        assertThat(noHash.mask("x@y.io")).isEqualTo("[REDACTED:email]");
    }
}
