package dev.vigil.runtime.detection.backtest;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.detection.baseline.BaselineSettings;
import dev.vigil.runtime.detection.baseline.KnnCadState;
import dev.vigil.runtime.detection.baseline.LikelihoodState;
import dev.vigil.runtime.detection.baseline.Score;
import dev.vigil.runtime.detection.baseline.SeriesJudge;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs the series detector that jobs run ({@link SeriesJudge}, settings {@code detection.baseline.*})
 * over a CSV series, without Flink, so operators can see on their history what it would have flagged.
 *
 * <p>Input: {@code timestamp,value} per line, header optional; timestamps in epoch seconds or
 * milliseconds, RFC 3339, or {@code YYYY-MM-DD HH:MM:SS} (UTC). Output:
 * {@code timestamp,value,anomaly_score,is_anomaly}.
 */
public final class SeriesBacktest {
    static final String USAGE = "vigil backtest series INPUT.csv [OUTPUT.csv] [--config FILE] [--set key=value ...]\n"
            + "  scores a timestamp,value series (epoch s or ms, RFC 3339, or YYYY-MM-DD HH:MM:SS UTC) with the jobs' detector;\n"
            + "  writes timestamp,value,anomaly_score,is_anomaly (stdout without OUTPUT); detection.baseline.* options apply";

    /** What a run saw. */
    public static final class Summary {
        public long points;
        public long anomalies;
    }

    private SeriesBacktest() {}

    public static void main(String[] args) throws IOException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println("usage: " + USAGE);
            return;
        }
        try {
            BacktestArgs a = BacktestArgs.parse(args, USAGE);
            BaselineSettings settings = BaselineSettings.from(VigilConfig.fromArgs(a.configArgs, System.getenv()));
            System.err.println(describe(settings));
            Summary s;
            try (BufferedReader in = Files.newBufferedReader(Path.of(a.input), StandardCharsets.UTF_8);
                    Writer out = a.output == null
                            ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                            : Files.newBufferedWriter(Path.of(a.output), StandardCharsets.UTF_8)) {
                s = run(in, out, settings);
            }
            System.err.printf(Locale.ROOT, "%d points, %d anomalies%n", s.points, s.anomalies);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("vigil backtest series: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The parameters a run uses, for the log and the evaluation's table. */
    static String describe(BaselineSettings s) {
        if (s.method == VigilOptions.SeriesMethod.KNN_CAD)
            return String.format(
                    Locale.ROOT,
                    "detector: knn-cad: 19-point shapes, sum of squared distances to the 27 nearest training shapes in the "
                            + "metric of their Gram matrix, conformal score against as many calibration shapes; training set the "
                            + "first %d h of points, at most %d; after an alarm silent for a fifth of the training set; anomaly at "
                            + "score >= %s (log scale: beyond every calibration shape)",
                    s.trainingMs / 3_600_000L,
                    s.trainingPoints,
                    s.threshold);
        return String.format(
                Locale.ROOT,
                "detector: robust z against the median of the last %d points or the same hour of earlier days "
                        + "or weeks (whichever predicted better), scale floor from the typical step and quantum; likelihood against the series' own "
                        + "deviations (memory %d points); warm-up %d points; direction %s; anomaly at score >= %s",
                s.history,
                s.memory,
                s.warmUp,
                s.direction.name().toLowerCase(Locale.ROOT),
                s.threshold);
    }

    public static Summary run(BufferedReader in, Writer out, BaselineSettings settings) throws IOException {
        SeriesJudge judge = settings.judge();
        LikelihoodState state = judge.newLikelihoodState();
        KnnCadState knnCad = judge.newKnnCadState();
        Score score = new Score();
        Summary summary = new Summary();
        out.write("timestamp,value,anomaly_score,is_anomaly\n");
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            int comma = line.indexOf(',');
            if (comma < 0) throw new IllegalArgumentException("line " + lineNo + ": expected timestamp,value");
            String ts = line.substring(0, comma).trim();
            String v = line.substring(comma + 1).trim();
            if (lineNo == 1 && !ts.isEmpty() && !Character.isDigit(ts.charAt(0))) continue; // header
            long millis = BacktestTimestamps.parse(ts, lineNo);
            double value;
            try {
                value = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + lineNo + ": value '" + v + "' is not a number");
            }
            judge.judge(state, knnCad, millis, value, score);
            boolean anomaly = score.warm && score.score >= settings.threshold;
            summary.points++;
            if (anomaly) summary.anomalies++;
            out.write(ts + "," + v + "," + String.format(Locale.ROOT, "%.6f", score.score) + "," + (anomaly ? 1 : 0)
                    + "\n");
        }
        out.flush();
        return summary;
    }
}
