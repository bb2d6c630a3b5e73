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
