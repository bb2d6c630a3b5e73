package dev.vigil.jobs.errors.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.errors.functions.ErrorFingerprinter;
import dev.vigil.schema.masking.EventMasker;
import dev.vigil.schema.masking.MaskingRules;
import dev.vigil.schema.masking.PiiMasker;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParserLimits;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintBacktestTest {
    @Test
    void writesTheGroupOfEveryLineAndSummarisesTheGroupsLargestFirst() throws Exception {
        String log = """
                cannot open /var/data/a.db
                Read timed out after 3000 ms calling psp-1.example.net
                Read timed out after 5000 ms calling psp-2.example.net

                User 'bob' not found
                Read timed out after 10 ms calling psp-0.example.net
                User 'alice' not found
                """;
        StringWriter out = new StringWriter();
        List<FingerprintBacktest.Group> groups = FingerprintBacktest.run(
                new BufferedReader(new StringReader(log)),
                out,
                new ErrorFingerprinter(List.of(ErrorFingerprinter.Rule.MESSAGE), 3, 1000));
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(7);
        assertThat(lines[0]).isEqualTo("line,group_id,grouped_by");
        String timeout = lines[2].substring(2);
        assertThat(timeout).endsWith(",message");
        assertThat(lines[3]).isEqualTo("3," + timeout);
        assertThat(lines[5]).isEqualTo("6," + timeout);
        assertThat(lines[4].substring(2)).isEqualTo(lines[6].substring(2)).isNotEqualTo(timeout);
        timeout = timeout.substring(0, 16);
        assertThat(groups)
                .extracting(g -> g.template + " x" + g.lines)
                .containsExactly(
                        "Read timed out after <num> ms calling <id> x3",
                        "User <str> not found x2",
                        "cannot open <path> x1");

        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        FingerprintBacktest.printSummary(
                groups, new FingerprintBacktest.Skipped(), new PrintStream(summary, true, StandardCharsets.UTF_8));
        assertThat(summary.toString(StandardCharsets.UTF_8))
                .startsWith("6 errors in 3 groups\n")
                .contains(timeout + " message         3  Read timed out after <num> ms calling <id>");
    }

    /**
     * An application's log as Spring Boot and Python's logging write it: a stack trace belongs to the line before it,
     * and groups by its frames as events with frames do. Before, each frame, "Caused by:" and "... 3 more" line was an
     * error of its own (6 groups here, 7 errors of {@code at <*>}).
     */
    @Test
    void readsAnApplicationLogWithItsStackTraces() throws Exception {
        String log = """
                2024-01-15 10:23:45.123 ERROR 4242 --- [nio-8080-exec-1] c.e.shop.CheckoutController : Checkout failed for order 1234
                java.lang.IllegalStateException: Cart 99 is empty
                \tat com.example.shop.Cart.checkout(Cart.java:42)
                \tat com.example.shop.CheckoutController.post(CheckoutController.java:27)
                \tat java.base/java.lang.Thread.run(Thread.java:833)
                Caused by: java.sql.SQLException: connection reset
                \tat org.postgresql.Driver.connect(Driver.java:12)
                \t... 3 more
                2024-01-15 10:24:45.123 ERROR 4242 --- [nio-8080-exec-2] c.e.shop.CheckoutController : Checkout failed for order 1235
                java.lang.IllegalStateException: Cart 100 is empty
                \tat com.example.shop.Cart.checkout(Cart.java:44)
                \tat com.example.shop.CheckoutController.post(CheckoutController.java:27)

                2024-01-15 10:25:00.000  WARN 4242 --- [nio-8080-exec-3] c.e.shop.Inventory : Stock low for sku 77
                2024-01-15 10:26:00,001 ERROR payments: charge failed
                Traceback (most recent call last):
                  File "/app/pay.py", line 12, in charge
                    raise ValueError("bad amount 12")
                ValueError: bad amount 12
                2024-01-15 10:27:00,001 ERROR payments: charge failed
                Traceback (most recent call last):
                  File "/app/pay.py", line 12, in charge
                    raise ValueError("bad amount 13")
                ValueError: bad amount 13
                """;
        StringWriter out = new StringWriter();
        List<FingerprintBacktest.Group> groups = FingerprintBacktest.run(
                new BufferedReader(new StringReader(log)),
                out,
                ErrorFingerprinter.from(
                        dev.vigil.runtime.config.VigilConfig.fromArgs(new String[0], java.util.Map.of())));
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(6);
        assertThat(lines[1]).endsWith(",stack").startsWith("1,");
        assertThat(lines[2]).isEqualTo("9," + lines[1].substring(2));
        assertThat(lines[3]).startsWith("14,").endsWith(",message");
        assertThat(lines[4]).startsWith("15,").endsWith(",stack");
        assertThat(lines[5]).isEqualTo("20," + lines[4].substring(3));
        assertThat(groups)
                .extracting(g -> g.template.substring(0, g.template.indexOf(':')) + " x" + g.lines)
                .containsExactly(
                        "java.lang.IllegalStateException at com.example.shop.Cart.checkout (Cart.java) x2",
                        "ValueError at charge (/app/pay.py) x2",
                        "<num> <num> WARN <num> --- [<id>] c.e.shop.Inventory  x1");
    }

    @Test
    void aRecordStartsAtALineThatStartsWithADateAndTime() {
        for (String start : new String[] {
            "2024-01-15 10:23:45.123 ERROR x",
            "2024-01-15T10:23:45Z x",
            "[2024-01-15 10:23:45,123] INFO x",
            "2024/01/15 10:23:45 [error] x",
            "15.01.2024 10:23:45 FEHLER x",
            "Jan 15 10:23:45 web01 sshd[1]: x",
            "Jan  5 10:23:45 web01 x",
            "15/Jan/2024:10:23:45 +0000 x",
            "I0115 10:23:45.123456 12345 x.go:255] x",
            "10:23:45.123 [main] ERROR x"
        }) {
            assertThat(LogRecords.startsWithDateTime(start)).as(start).isTrue();
        }
        for (String other : new String[] {
            "\tat com.example.Cart.checkout(Cart.java:42)",
            "java.lang.IllegalStateException: Cart 99 is empty",
            "Caused by: java.sql.SQLException: x",
            "2024 orders failed",
            "2024-01-15 is the day",
            "10:23 meeting",
            "Traceback (most recent call last):",
            "Invalid user admin from 10.0.0.1"
        }) {
            assertThat(LogRecords.startsWithDateTime(other)).as(other).isFalse();
        }
    }

    @Test
    void contractEventsAreParsedMaskedAndGroupedByEveryRulePerServiceAsInTheJob() throws Exception {
        // the errors topic as kafka-console-consumer prints it: two services, stacks of two runs of one service (a
        // Hibernate proxy's suffix differs), messages without frames, a producer's fingerprint, a log line, bad lines
        String events = """
                {"type":"error","timestamp":1795000000000,"service":"shop","error_type":"IllegalStateException","message":"total went negative for order 17","frames":[{"module":"com.shop.Order$HibernateProxy$ZwCX2Wyb","function":"total","file":"<generated>","in_app":true}]}
                {"type":"error","timestamp":1795000001000,"service":"shop","error_type":"IllegalStateException","message":"total went negative for order 18","frames":[{"module":"com.shop.Order$HibernateProxy$QmNbT7Vx","function":"total","file":"<generated>","in_app":true}]}
                {"type":"agent_log","timestamp":1795000002000,"service":"shop","level":"INFO","message":"ok"}
                {"type":"error","timestamp":1795000003000,"service":"shop","error_type":"MailError","message":"cannot mail jane.doe@example.com: mailbox full"}
                {"type":"error","timestamp":1795000004000,"service":"shop","error_type":"MailError","message":"cannot mail bob@example.org: mailbox full"}
                {"type":"error","timestamp":1795000005000,"service":"billing","error_type":"MailError","message":"cannot mail bob@example.org: mailbox full"}

                {"type":"error","timestamp":1795000006000,"service":"billing","error_type":"Timeout","message":"psp slow","fingerprint":"psp-timeouts"}
                {"type":"error","timestamp":1795000007000,"service":"billing","error_type":"Timeout","message":"other words","fingerprint":"psp-timeouts"}
                {"type":"error","timestamp":1795000008000,"service":"shop"
                {"type":"error","timestamp":1795000009000,"error_type":"E","message":"no service"}
                """;
        StringWriter out = new StringWriter();
        ByteArrayOutputStream problems = new ByteArrayOutputStream();
        FingerprintBacktest.Skipped skipped = new FingerprintBacktest.Skipped();
        List<FingerprintBacktest.Group> groups = FingerprintBacktest.runEvents(
                new BufferedReader(new StringReader(events)),
                out,
                new ErrorFingerprinter(
                        List.of(
                                ErrorFingerprinter.Rule.PRODUCER,
                                ErrorFingerprinter.Rule.STACK,
                                ErrorFingerprinter.Rule.MESSAGE),
                        3,
                        1000),
                new EventParser(ParserLimits.withoutClockWindow()),
                new EventMasker(new PiiMasker(
                        MaskingRules.defaults(), "a key of sixteen bytes or more".getBytes(StandardCharsets.UTF_8))),
                skipped,
                new PrintStream(problems, true, StandardCharsets.UTF_8));
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(8);
        assertThat(lines[0]).isEqualTo("line,group_id,grouped_by");
        assertThat(lines)
                .extracting(l -> l.substring(0, l.indexOf(',')) + " " + l.substring(l.lastIndexOf(',') + 1))
                .containsExactly(
                        "line grouped_by",
                        "1 stack",
                        "2 stack",
                        "4 message",
                        "5 message",
                        "6 message",
                        "8 producer",
                        "9 producer");
        String[] id = new String[10];
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            id[Integer.parseInt(cells[0])] = cells[1];
        }
        assertThat(id[2]).as("the next run's proxy").isEqualTo(id[1]);
        assertThat(id[5]).as("another address").isEqualTo(id[4]);
        assertThat(id[6]).as("another service learns its own").isNotEqualTo(id[4]);
        assertThat(id[9]).isEqualTo(id[8]);
        assertThat(skipped.otherTypes).isEqualTo(1);
        assertThat(skipped.refused).isEqualTo(2);
        assertThat(problems.toString(StandardCharsets.UTF_8).lines().toList())
                .hasSize(2)
                .allSatisfy(p -> assertThat(p).matches("line (10|11): [A-Z_]+: .+"));
        // as each group ended: the last occurrence's top frame, the masked address (the masker's token, an <id>)
        assertThat(groups)
                .extracting(g -> g.groupedBy + " " + g.template + " x" + g.lines)
                .containsExactly(
                        "stack IllegalStateException at com.shop.Order$HibernateProxy$QmNbT7Vx.total (<generated>): "
                                + "total went negative for order <num> x2",
                        "message cannot mail [<id>]: mailbox full x2",
                        "producer Timeout: other words x2",
                        "message cannot mail [<id>]: mailbox full x1");
    }
}
