package dev.vigil.jobs.errors.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.jobs.errors.functions.ErrorFingerprinter.Rule;
import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.StackFrame;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorFingerprinterTest {
    static final ErrorFingerprinter DEFAULT = new ErrorFingerprinter(List.of(Rule.PRODUCER, Rule.STACK, Rule.MESSAGE), 2);

    @Test
    void theProducersFingerprintWins() {
        ErrorEvent a = error("Timeout", "a", frames(10));
        a.fingerprint = "checkout-timeouts";
        ErrorEvent b = error("OtherType", "completely different", null);
        b.fingerprint = "checkout-timeouts";
        DEFAULT.assign("checkout", a);
        DEFAULT.assign("checkout", b);
        assertThat(a.groupId).isEqualTo(b.groupId).hasSize(16);
        assertThat(a.groupedBy).isEqualTo("producer");
    }

    @Test
    void stackGroupsIgnoreLineNumbersMessagesAndLibraryFramesButNotTheService() {
        ErrorEvent a = error("java.lang.IllegalStateException", "count for sku 1 went negative", frames(10));
        ErrorEvent b = error("java.lang.IllegalStateException", "totally other words", frames(99));
        ErrorEvent c = error("java.lang.IllegalStateException", "count for sku 1 went negative", frames(10));
        DEFAULT.assign("inventory", a);
        DEFAULT.assign("inventory", b);
        DEFAULT.assign("checkout", c);
        assertThat(a.groupedBy).isEqualTo("stack");
        assertThat(a.groupId).isEqualTo(b.groupId).isNotEqualTo(c.groupId);
    }

    @Test
    void onlyTheConfiguredNumberOfTopInAppFramesCount() {
        StackFrame[] x = {new StackFrame("lib", "call", "L.java", 1, false), new StackFrame("app", "a", "A.java", 1, true),
            new StackFrame("app", "b", "B.java", 1, true), new StackFrame("app", "c", "C.java", 1, true)};
        StackFrame[] y = {new StackFrame("app", "a", "A.java", 7, true), new StackFrame("app", "b", "B.java", 8, true),
            new StackFrame("app", "zzz", "Z.java", 9, true)};
        ErrorEvent a = error("E", "m", x);
        ErrorEvent b = error("E", "m", y);
        DEFAULT.assign("s", a);
        DEFAULT.assign("s", b);
        assertThat(a.groupId).isEqualTo(b.groupId);
    }

    @Test
    void withoutInAppFramesTheNormalisedMessageGroups() {
        ErrorEvent a = error("Timeout", "order 1 timed out after 30 s", new StackFrame[] {new StackFrame("lib", "f", "F.java", 1, false)});
        ErrorEvent b = error("Timeout", "order 2 timed out after 31 s", null);
        ErrorEvent c = error("Timeout", "order 2 was cancelled", null);
        DEFAULT.assign("s", a);
        DEFAULT.assign("s", b);
        DEFAULT.assign("s", c);
        assertThat(a.groupedBy).isEqualTo("message");
        assertThat(a.groupId).isEqualTo(b.groupId).isNotEqualTo(c.groupId);
    }

    @Test
    void precedenceComesFromConfigAndABadRuleNamesTheKey() {
        ErrorFingerprinter messageFirst = ErrorFingerprinter.from(VigilConfig.load("errors: {fingerprint: {precedence: [message]}}", List.of(), Map.of()));
        ErrorEvent a = error("E", "same words", frames(1));
        a.fingerprint = "ignored";
        messageFirst.assign("s", a);
        assertThat(a.groupedBy).isEqualTo("message");
        assertThatThrownBy(() -> ErrorFingerprinter.from(VigilConfig.load("errors: {fingerprint: {precedence: [stack, title]}}", List.of(), Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("errors.fingerprint.precedence: unknown rule 'title' (allowed: producer, stack, message)");
    }

    static ErrorEvent error(String type, String message, StackFrame[] frames) {
        ErrorEvent e = new ErrorEvent();
        e.errorType = type;
        e.message = message;
        e.frames = frames;
        return e;
    }

    static StackFrame[] frames(int line) {
        return new StackFrame[] {new StackFrame("com.shop.inventory", "Handler.handle", "Handler.java", line, true),
            new StackFrame("com.shop.inventory", "Service.process", "Service.java", line + 80, true),
            new StackFrame("org.springframework.web", "FrameworkServlet.service", "FrameworkServlet.java", 883, false)};
    }
}
