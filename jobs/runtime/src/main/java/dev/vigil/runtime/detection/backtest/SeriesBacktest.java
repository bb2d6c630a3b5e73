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
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Runs the series detector that jobs run ({@link SeriesJudge}, settings {@code detection.baseline.*})
 * over a CSV series, without Flink, so operators can see on their history what it would have flagged.
 *
 * <p>Input: CSV (RFC 4180: quoted fields, CRLF or LF), {@code timestamp,value} per line, or
 * any columns under a header that names them ({@link SeriesColumns}); timestamps in epoch seconds (whole or fractional)
 * or milliseconds, RFC 3339, or {@code YYYY-MM-DD HH:MM:SS} (UTC), in time order. A row without a value ({@link
 * #missing}) is skipped and counted. Output: {@code timestamp,value,anomaly_score,is_anomaly}.
 */
public final class SeriesBacktest {
    static final String USAGE = "vigil backtest series INPUT.csv [OUTPUT.csv] [--config FILE] [--set key=value ...]\n"
            + "  scores a timestamp,value series (epoch s or ms, RFC 3339, or YYYY-MM-DD HH:MM:SS UTC) with the jobs' detector;\n"
            + "  other columns are read by a header naming 'timestamp' and 'value'; rows without a value (empty, NaN, NA,\n"
            + "  null) are skipped and counted; writes timestamp,value,anomaly_score,is_anomaly (stdout without OUTPUT);\n"
            + "  detection.baseline.* options apply";

    /** RFC 4180 (quoted fields, CRLF or LF), blank lines skipped. */
    private static final CSVFormat CSV =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build();

    /** What a run saw. */
    public static final class Summary {
        public long points;
        public long anomalies;
        /** Rows without a value (see {@link #missing}): not judged, not written. */
        public long skipped;

        public long firstSkippedLine;
        /** Which columns were read. */
        public String columns = "";
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
            try (BufferedReader in = a.openInput();
                    Writer out = a.output == null
                            ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                            : Files.newBufferedWriter(Path.of(a.output), StandardCharsets.UTF_8)) {
                s = run(in, out, settings);
            }
            System.err.println("input: " + s.columns);
            if (s.skipped > 0)
                System.err.printf(
                        Locale.ROOT,
                        "%d row%s without a value (empty, NaN, NA or null) skipped, the first at line %d%n",
                        s.skipped,
                        s.skipped == 1 ? "" : "s",
                        s.firstSkippedLine);
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

    public static Summary run(Reader in, Writer out, BaselineSettings settings) throws IOException {
        SeriesJudge judge = settings.judge();
        LikelihoodState state = judge.newLikelihoodState();
        KnnCadState knnCad = judge.newKnnCadState();
        Score score = new Score();
        Summary summary = new Summary();
        out.write("timestamp,value,anomaly_score,is_anomaly\n");
        try (CSVParser csv = CSV.parse(in)) {
            SeriesColumns columns = null;
            long previous = Long.MIN_VALUE;
            long previousLine = 0;
            for (CSVRecord record : csv) {
                long lineNo = csv.getCurrentLineNumber();
                if (columns == null) {
                    columns = SeriesColumns.of(record, lineNo);
                    summary.columns = columns.describe();
                    if (columns.header) continue;
                }
                if (record.size() != columns.count)
                    throw new IllegalArgumentException("line " + lineNo + ": " + record.size()
                            + " column(s) where the first line has " + columns.count);
                String ts = record.get(columns.timestamp).trim();
                String v = record.get(columns.value).trim();
                long millis = BacktestTimestamps.parse(ts, lineNo);
                if (millis < previous)
                    throw new IllegalArgumentException(
                            "line " + lineNo + ": timestamp '" + ts + "' is earlier than line " + previousLine
                                    + "'s; the detector reads a series in time order, so sort the file by time");
                previous = millis;
                previousLine = lineNo;
                if (missing(v)) {
                    if (summary.skipped++ == 0) summary.firstSkippedLine = lineNo;
                    continue;
                }
                double value = value(v, lineNo);
                judge.judge(state, knnCad, millis, value, score);
                boolean anomaly = score.warm && score.score >= settings.threshold;
                summary.points++;
                if (anomaly) summary.anomalies++;
                out.write(ts + "," + v + "," + String.format(Locale.ROOT, "%.6f", score.score) + "," + (anomaly ? 1 : 0)
                        + "\n");
            }
        } catch (
                UncheckedIOException
                        e) { // the parser's own error: a quote left open, a character after a closing quote
            throw new IllegalArgumentException("not CSV: " + e.getCause().getMessage());
        }
        out.flush();
        return summary;
    }

    /** How exports write a missing value: an empty cell, NaN (pandas), NA (R), null (JSON tools, Grafana). */
    static boolean missing(String v) {
        return v.isEmpty()
                || v.equalsIgnoreCase("nan")
                || v.equalsIgnoreCase("na")
                || v.equalsIgnoreCase("n/a")
                || v.equalsIgnoreCase("null");
    }

    /**
     * A finite decimal number: Java's own literals beyond that ({@code Infinity}, {@code 0x1p3}, {@code 1d}) are not
     * numbers a CSV means, and a value beyond the double range is named rather than read as an infinity.
     */
    static double value(String v, long lineNo) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E')
                throw new IllegalArgumentException("line " + lineNo + ": value '" + v + "' is not a number");
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + lineNo + ": value '" + v + "' is not a number");
        }
        if (!Double.isFinite(d))
            throw new IllegalArgumentException(
                    "line " + lineNo + ": value '" + v + "' is beyond the range of a double");
        return d;
    }
}
