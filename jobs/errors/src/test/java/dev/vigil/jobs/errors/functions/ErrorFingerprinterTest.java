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
    static final ErrorFingerprinter DEFAULT =
            new ErrorFingerprinter(List.of(Rule.PRODUCER, Rule.STACK, Rule.MESSAGE), 2, 1000);
    private final Map<String, TemplateMiner.MapStore> templates = new java.util.HashMap<>();

    /** Assigns with each service's own templates, as the job keyed by service does. */
    private void assign(ErrorFingerprinter f, String service, ErrorEvent e) throws Exception {
        f.assign(service, e, templates.computeIfAbsent(service, s -> new TemplateMiner.MapStore()), 0);
    }

    @Test
    void theProducersFingerprintWins() throws Exception {
        ErrorEvent a = error("Timeout", "a", frames(10));
        a.fingerprint = "checkout-timeouts";
        ErrorEvent b = error("OtherType", "completely different", null);
        b.fingerprint = "checkout-timeouts";
        assign(DEFAULT, "checkout", a);
        assign(DEFAULT, "checkout", b);
        assertThat(a.groupId).isEqualTo(b.groupId).hasSize(16);
        assertThat(a.groupedBy).isEqualTo("producer");
    }

    @Test
    void stackGroupsIgnoreLineNumbersMessagesAndLibraryFramesButNotTheService() throws Exception {
        ErrorEvent a = error("java.lang.IllegalStateException", "count for sku 1 went negative", frames(10));
        ErrorEvent b = error("java.lang.IllegalStateException", "totally other words", frames(99));
        ErrorEvent c = error("java.lang.IllegalStateException", "count for sku 1 went negative", frames(10));
        assign(DEFAULT, "inventory", a);
        assign(DEFAULT, "inventory", b);
        assign(DEFAULT, "checkout", c);
        assertThat(a.groupedBy).isEqualTo("stack");
        assertThat(a.groupId).isEqualTo(b.groupId).isNotEqualTo(c.groupId);
    }

    @Test
    void onlyTheConfiguredNumberOfTopInAppFramesCount() throws Exception {
        StackFrame[] x = {
            new StackFrame("lib", "call", "L.java", 1, false),
            new StackFrame("app", "a", "A.java", 1, true),
            new StackFrame("app", "b", "B.java", 1, true),
            new StackFrame("app", "c", "C.java", 1, true)
        };
        StackFrame[] y = {
            new StackFrame("app", "a", "A.java", 7, true),
            new StackFrame("app", "b", "B.java", 8, true),
            new StackFrame("app", "zzz", "Z.java", 9, true)
        };
        ErrorEvent a = error("E", "m", x);
        ErrorEvent b = error("E", "m", y);
        assign(DEFAULT, "s", a);
        assign(DEFAULT, "s", b);
        assertThat(a.groupId).isEqualTo(b.groupId);
    }

    @Test
    void withoutInAppFramesTheMessageTemplateGroups() throws Exception {
        ErrorEvent a = error("Timeout", "order 1 timed out after 30 s", new StackFrame[] {
            new StackFrame("lib", "f", "F.java", 1, false)
        });
        ErrorEvent b = error("Timeout", "order 2 timed out after 31 s", null);
        ErrorEvent c = error("Timeout", "order 2 was cancelled", null);
        assign(DEFAULT, "s", a);
        assign(DEFAULT, "s", b);
        assign(DEFAULT, "s", c);
        assertThat(a.groupedBy).isEqualTo("message");
        assertThat(a.groupId).isEqualTo(b.groupId).isNotEqualTo(c.groupId);
        assertThat(a.template).isEqualTo("order <num> timed out after <num> s");
        // the same message in another service is another group
        ErrorEvent d = error("Timeout", "order 3 timed out after 32 s", null);
        assign(DEFAULT, "other", d);
        assertThat(d.groupId).isNotEqualTo(a.groupId);
    }

    @Test
    void precedenceComesFromConfigAndABadRuleNamesTheKey() throws Exception {
        ErrorFingerprinter messageFirst = ErrorFingerprinter.from(
                VigilConfig.load("errors: {fingerprint: {precedence: [message]}}", List.of(), Map.of()));
        ErrorEvent a = error("E", "same words", frames(1));
        a.fingerprint = "ignored";
        assign(messageFirst, "s", a);
        assertThat(a.groupedBy).isEqualTo("message");
        assertThatThrownBy(() -> ErrorFingerprinter.from(
                        VigilConfig.load("errors: {fingerprint: {precedence: [stack, title]}}", List.of(), Map.of())))
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
        return new StackFrame[] {
            new StackFrame("com.shop.inventory", "Handler.handle", "Handler.java", line, true),
            new StackFrame("com.shop.inventory", "Service.process", "Service.java", line + 80, true),
            new StackFrame("org.springframework.web", "FrameworkServlet.service", "FrameworkServlet.java", 883, false)
        };
    }
}
