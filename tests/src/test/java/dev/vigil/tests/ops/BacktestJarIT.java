package dev.vigil.tests.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./vigil backtest series} and {@code errors} as a user runs them: from the errors job's jar, which carries
 * neither Flink nor the stack's clients. A class that needs Flink to load (a state class naming its Flink serializer,
 * a helper next to the Kafka source) passes every unit test, where Flink is on the class path, and fails only here.
 */
class BacktestJarIT {
    private static final int POINTS = 4 * 288; // four days of 5-minute points
    private static final int TRAINING = 750; // detection.baseline.training-points: no score before
    // past the first 150 scored points: an alarm among them (this series has one, at 827) silences a fifth of the
    // training length after it, one alarm per incident
    private static final int SPIKE = 1_000;

    @Test
    void scoresASeriesFromTheJobJarAndFindsTheSpike(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("series.csv");
        Path out = tmp.resolve("scored.csv");
        List<String> rows = new ArrayList<>(List.of("timestamp,value"));
        Random r = new Random(3);
        long start = 1_700_000_000L;
        for (int i = 0; i < POINTS; i++) {
            double v = 50 + 40 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian() + (i == SPIKE ? 200 : 0);
            rows.add((start + 300L * i) + "," + v);
        }
        Files.write(in, rows);

        Tools run = Tools.run(
                LocalStack.repoRoot().toFile(), "./vigil", "backtest", "series", in.toString(), out.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        List<String> scored = Files.readAllLines(out);
        assertThat(scored).hasSize(POINTS + 1);
        assertThat(scored.get(0)).isEqualTo("timestamp,value,anomaly_score,is_anomaly");
        List<Integer> anomalies = new ArrayList<>();
        for (int i = 1; i < scored.size(); i++) {
            String[] cols = scored.get(i).split(",");
            assertThat(cols).hasSize(4);
            if (cols[3].equals("1")) anomalies.add(i - 1);
        }
        assertThat(anomalies).contains(SPIKE).allMatch(i -> i >= TRAINING);
    }

    @Test
    void groupsContractEventsFromTheJobJar(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("errors.jsonl");
        Path out = tmp.resolve("groups.csv");
        Files.write(
                in,
                List.of(
                        "{\"type\":\"error\",\"timestamp\":1795000000000,\"service\":\"shop\",\"error_type\":\"E\","
                                + "\"message\":\"m 1\",\"frames\":[{\"module\":\"com.shop.Cart$$Lambda$41/1283928880\","
                                + "\"function\":\"apply\",\"in_app\":true}]}",
                        "{\"type\":\"error\",\"timestamp\":1795000001000,\"service\":\"shop\",\"error_type\":\"E\","
                                + "\"message\":\"m 2\",\"frames\":[{\"module\":\"com.shop.Cart$$Lambda$57/0x0000000800c4b840\","
                                + "\"function\":\"apply\",\"in_app\":true}]}",
                        "{\"type\":\"error\",\"service\":\"shop\"}",
                        "{\"type\":\"error\",\"timestamp\":1795000002000,\"service\":\"shop\",\"error_type\":\"E\","
                                + "\"message\":\"card 4111 1111 1111 1111 declined\"}"));

        Tools run = Tools.run(
                LocalStack.repoRoot().toFile(), "./vigil", "backtest", "errors", in.toString(), out.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).isEqualTo("line,group_id,grouped_by");
        assertThat(rows.get(1)).endsWith(",stack");
        assertThat(rows.get(2)).isEqualTo("2," + rows.get(1).substring(2));
        assertThat(rows.get(3)).startsWith("4,").endsWith(",message");
        assertThat(run.output())
                .contains("line 3: ")
                .contains("3 errors in 2 groups; 1 lines refused (above)")
                .doesNotContain("4111 1111 1111 1111");
    }

    /** The stack's Prometheus answers a range query over its own targets' {@code up}, as a user would ask it. */
    @Test
    void scoresAPrometheusRangeQuerysAnswerFromTheJobJar(@TempDir Path tmp) throws Exception {
        Path one = tmp.resolve("up.json");
        String range;
        int values;
        long deadline = System.nanoTime() + 60_000_000_000L; // a stack just started may not have scraped yet
        do {
            long end = System.currentTimeMillis() / 1000;
            range = LocalStack.prometheusUrl() + "/api/v1/query_range?start=" + (end - 600) + "&end=" + end
                    + "&step=5&query=";
            Files.writeString(one, Http.getText(range + "sum(up)"));
            values =
                    Http.JSON.readTree(one.toFile()).at("/data/result/0/values").size();
            if (values == 0) Thread.sleep(1_000);
        } while (values == 0 && System.nanoTime() < deadline);
        assertThat(values).as("points Prometheus returned").isPositive();
        Path out = tmp.resolve("scored.csv");

        Tools run = Tools.run(
                LocalStack.repoRoot().toFile(), "./vigil", "backtest", "series", one.toString(), out.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("input: Prometheus series {}").contains(values + " points, 0 anomalies");
        List<String> scored = Files.readAllLines(out);
        assertThat(scored).hasSize(values + 1);
        assertThat(scored.subList(1, scored.size())).allMatch(r -> r.matches("\\d+(\\.\\d+)?,\\d+,0\\.000000,0"));

        // one series per target: the command names the series and the fix
        Path each = tmp.resolve("up-each.json");
        Files.writeString(each, Http.getText(range + "up"));
        int series = Http.JSON.readTree(each.toFile()).at("/data/result").size();
        Tools refused = Tools.run(
                LocalStack.repoRoot().toFile(), "./vigil", "backtest", "series", each.toString(), out.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.output())
                .contains("vigil backtest series: the answer holds " + series + " series: {\"__name__\":\"up\"")
                .contains("so narrow the query to one (label matchers, or sum(...) to add them up)");
    }
}
