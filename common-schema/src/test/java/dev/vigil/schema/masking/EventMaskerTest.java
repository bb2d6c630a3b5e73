package dev.vigil.schema.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParserLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventMaskerTest {
    private static final byte[] KEY = "test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private static Event parse(String json) {
        return new EventParser(ParserLimits.withoutClockWindow()).parse(json.getBytes(StandardCharsets.UTF_8)).event();
    }

    @Test
    void masksEveryFreeTextFieldAndDeniedAttributesAtAnyDepth() {
        Event e = parse("""
                {"type":"agent_log","timestamp":1795860930123,"service":"auth","host":"10.1.2.3","level":"info",
                 "message":"login by jane.doe@example.com from 203.0.113.7 with card 4111 1111 1111 1111",
                 "attributes":{"http":{"headers":{"Set-Cookie":"sid=abc123","X-Request-Id":"r-1"}},"db_password":"hunter2",
                               "note":"call +1 415 555 2671","count":3}}""");
        new EventMasker(new PiiMasker(MaskingRules.defaults(), KEY)).mask(e);
        String all = e.host + e.agentLog.message + e.attributes;
        for (String raw : new String[] {"10.1.2.3", "jane.doe@example.com", "203.0.113.7", "4111 1111 1111 1111", "abc123", "hunter2", "555 2671"}) {
            assertThat(all).doesNotContain(raw);
        }
        assertThat(e.host).matches("\\[ipv4:[0-9a-f]{16}]");
        assertThat(e.agentLog.message).matches("login by \\[email:[0-9a-f]{16}] from \\[ipv4:[0-9a-f]{16}] with card \\[card:\\*\\*\\*\\*1111]");
        assertThat(e.attributes.get("http.headers.Set-Cookie")).isEqualTo("[REDACTED:secret]");
        assertThat(e.attributes.get("db_password")).isEqualTo("[REDACTED:secret]");
        assertThat(e.attributes.get("http.headers.X-Request-Id")).isEqualTo("r-1");
        assertThat(e.attributes.get("note")).isEqualTo("call [REDACTED:phone]");
        assertThat(e.attributes.get("count")).isEqualTo("3");
    }

    @Test
    void keyedHashKeepsValuesJoinableAndDependsOnTheKey() {
        PiiMasker a = new PiiMasker(MaskingRules.defaults(), KEY);
        PiiMasker b = new PiiMasker(MaskingRules.defaults(), KEY);
        PiiMasker other = new PiiMasker(MaskingRules.defaults(), "another-key-0123456789".getBytes(StandardCharsets.UTF_8));
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
        PiiMasker noHash = new PiiMasker(MaskingRules.defaults().action(PiiKind.EMAIL, MaskAction.REDACT)
                .action(PiiKind.IPV4, MaskAction.REDACT).action(PiiKind.IPV6, MaskAction.REDACT), null);
        assertThat(noHash.mask("x@y.io")).isEqualTo("[REDACTED:email]");
    }
}
