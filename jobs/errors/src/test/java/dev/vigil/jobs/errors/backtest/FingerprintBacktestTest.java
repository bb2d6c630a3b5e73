package dev.vigil.jobs.errors.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.errors.functions.ErrorFingerprinter;
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
        assertThat(lines[0]).isEqualTo("line,group_id");
        String timeout = lines[2].substring(2);
        assertThat(lines[3]).isEqualTo("3," + timeout);
        assertThat(lines[5]).isEqualTo("6," + timeout);
        assertThat(lines[4].substring(2)).isEqualTo(lines[6].substring(2)).isNotEqualTo(timeout);
        assertThat(groups)
                .extracting(g -> g.template + " x" + g.lines)
                .containsExactly(
                        "Read timed out after <num> ms calling <id> x3",
                        "User <str> not found x2",
                        "cannot open <path> x1");

        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        FingerprintBacktest.printSummary(groups, new PrintStream(summary, true, StandardCharsets.UTF_8));
        assertThat(summary.toString(StandardCharsets.UTF_8))
                .startsWith("6 lines in 3 groups\n")
                .contains(timeout + "        3  Read timed out after <num> ms calling <id>");
    }
}
