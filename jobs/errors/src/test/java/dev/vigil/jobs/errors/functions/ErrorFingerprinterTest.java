package dev.vigil.jobs.errors.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.jobs.errors.functions.ErrorFingerprinter.Rule;
import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.StackFrame;
import dev.vigil.schema.parse.ContentHash;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorFingerprinterTest {
    static final ErrorFingerprinter DEFAULT =
            new ErrorFingerprinter(List.of(Rule.PRODUCER, Rule.STACK, Rule.MESSAGE), 2, 1000);
    private final Map<String, TemplateMiner.MapStore> templates = new java.util.HashMap<>();
    private final Map<String, ErrorFingerprinter.MapStackGroups> stacks = new java.util.HashMap<>();

    /** Assigns with each service's own templates and stack groups, as the job keyed by service does. */
    private void assign(ErrorFingerprinter f, String service, ErrorEvent e) throws Exception {
        f.assign(
                service,
                e,
                templates.computeIfAbsent(service, s -> new TemplateMiner.MapStore()),
                stacks.computeIfAbsent(service, s -> new ErrorFingerprinter.MapStackGroups()),
                0);
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
    void aRestartADeployOrAnotherHostDoesNotSplitAStackGroup() throws Exception {
        // Java: Hibernate's proxy suffix is random per run, a lambda's number follows its place in the class
        ErrorEvent java1 = error("IllegalStateException", "m", new StackFrame[] {
            new StackFrame("com.shop.Order$HibernateProxy$ZwCX2Wyb", "total", "<generated>", 0, true),
            new StackFrame("com.shop.Checkout", "lambda$pay$0", "Checkout.java", 41, true)
        });
        ErrorEvent java2 = error("IllegalStateException", "m", new StackFrame[] {
            new StackFrame("com.shop.Order$HibernateProxy$QmNbT7Vx", "total", "<generated>", 0, true),
            new StackFrame("com.shop.Checkout", "lambda$pay$2", "Checkout.java", 57, true)
        });
        // Node: the same code in another release directory, and resumed after an await
        ErrorEvent node1 = error("TypeError", "m", new StackFrame[] {
            new StackFrame(null, "CartService.checkout", "/srv/releases/20261205/dist/cart.service.js", 12, true)
        });
        ErrorEvent node2 = error("TypeError", "m", new StackFrame[] {
            new StackFrame(null, "async CartService.checkout", "/srv/releases/20261206/dist/cart.service.js", 14, true)
        });
        ErrorEvent otherFunction = error("TypeError", "m", new StackFrame[] {
            new StackFrame(null, "CartService.refund", "/srv/releases/20261206/dist/cart.service.js", 30, true)
        });
        for (ErrorEvent e : List.of(java1, java2, node1, node2, otherFunction)) assign(DEFAULT, "shop", e);
        assertThat(java2.groupId).isEqualTo(java1.groupId);
        assertThat(node2.groupId).isEqualTo(node1.groupId).isNotEqualTo(java1.groupId);
        assertThat(otherFunction.groupId).isNotEqualTo(node1.groupId);
        assertThat(List.of(java1, java2, node1, node2, otherFunction))
                .extracting(e -> e.groupedBy)
                .containsOnly("stack");
    }

    @Test
    void aStackGroupKeepsTheIdTheRuleGaveItBeforeFramesWereNamed() throws Exception {
        // what the stack rule hashed before (frames as they came): the first occurrence's stack still gives the ID,
        // so an upgrade re-announces no group
        ErrorEvent first = error("TypeError", "m", new StackFrame[] {
            new StackFrame(null, "CartService.checkout", "/srv/releases/20261205/dist/cart.service.js", 12, true)
        });
        assign(DEFAULT, "shop", first);
        assertThat(first.groupId)
                .isEqualTo(
                        ContentHash.hex64(
                                "stack\u0000shop\u0000TypeError\u0000null:CartService.checkout:/srv/releases/20261205/dist/cart.service.js"));
        ErrorEvent java = error("E", "m", frames(10));
        assign(DEFAULT, "inventory", java);
        assertThat(java.groupId)
                .isEqualTo(ContentHash.hex64(
                        "stack\u0000inventory\u0000E\u0000com.shop.inventory:Handler.handle:Handler.java"
                                + "\u0000com.shop.inventory:Service.process:Service.java"));
    }

    @Test
    void aServiceKeepsAtMostItsGroupBudgetOfStacks() throws Exception {
        ErrorFingerprinter twoGroups = new ErrorFingerprinter(List.of(Rule.STACK, Rule.MESSAGE), 3, 2);
        String[] ids = new String[4];
        for (int i = 0; i < 4; i++) {
            ErrorEvent e = error("E", "m", new StackFrame[] {
                new StackFrame("com.shop.Order$HibernateProxy$run" + i + "a", "f" + i, "Order.java", 1, true)
            });
            assign(twoGroups, "shop", e);
            ids[i] = e.groupId;
        }
        assertThat(stacks.get("shop").size(100)).isEqualTo(2);
        // a known stack in another run still finds its group; one beyond the budget is grouped as it came
        ErrorEvent known = error("E", "m", new StackFrame[] {
            new StackFrame("com.shop.Order$HibernateProxy$otherRun", "f1", "Order.java", 1, true)
        });
        ErrorEvent beyond = error("E", "m", new StackFrame[] {
            new StackFrame("com.shop.Order$HibernateProxy$otherRun", "f3", "Order.java", 1, true)
        });
        assign(twoGroups, "shop", known);
        assign(twoGroups, "shop", beyond);
        assertThat(known.groupId).isEqualTo(ids[1]);
        assertThat(beyond.groupId).isNotEqualTo(ids[3]);
        assertThat(stacks.get("shop").size(100)).isEqualTo(2);
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
