package dev.vigil.tests.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./vigil backtest series} as a user runs it: from the errors job's jar, which carries neither Flink nor the
 * stack's clients. A detector class that needs Flink to load (a state class naming its Flink serializer) passes every
 * unit test, where Flink is on the class path, and fails only here.
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
}
