package dev.vigil.runtime.detection.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
 * <p>Input: CSV (RFC 4180: quoted fields, CRLF or LF; separated by commas, or by semicolons with decimal commas, or by
 * tabs, as the first line shows), {@code timestamp,value} per line, or
 * any columns under a header that names them ({@link SeriesColumns}); timestamps in epoch seconds (whole or fractional)
 * or milliseconds, RFC 3339, or {@code YYYY-MM-DD HH:MM:SS} (UTC), in time order. A row without a value ({@link
 * #missing}) is skipped and counted. Or ({@code .json}) a Prometheus range query's answer ({@link #runPrometheus}).
 * Output: {@code timestamp,value,anomaly_score,is_anomaly}.
 */
public final class SeriesBacktest {
    static final String USAGE =
            "vigil backtest series INPUT.csv|INPUT.json[.gz] [OUTPUT.csv] [--config FILE] [--set key=value ...]\n"
                    + "  scores a timestamp,value series (epoch s or ms, RFC 3339, or YYYY-MM-DD HH:MM:SS UTC) with the jobs' detector;\n"
                    + "  other columns are read by a header naming 'timestamp' and 'value'; commas, semicolons (with decimal\n"
                    + "  commas) or tabs as the first line shows; rows without a value (empty, NaN, NA,\n"
                    + "  null) are skipped and counted; INPUT.json: the answer of Prometheus' /api/v1/query_range for one series;\n"
                    + "  writes timestamp,value,anomaly_score,is_anomaly (stdout without OUTPUT);\n"
                    + "  detection.baseline.* options apply";

    /** RFC 4180 (quoted fields, CRLF or LF), blank lines skipped. */
    private static final CSVFormat CSV =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build();

    /**
     * The first line's separator, as spreadsheets export: a tab, or a semicolon where the comma is the decimal mark
     * (German, French and other locales' Excel), or a comma. Reads ahead and rewinds.
     */
    private static char delimiter(BufferedReader in) throws IOException {
        in.mark(1 << 16);
        String first;
        do {
            first = in.readLine();
        } while (first != null && first.isBlank());
        in.reset();
        if (first == null) return ',';
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == ';') semicolons++;
            else if (!quoted && c == '\t') tabs++;
        }
        if (tabs > 0 && commas == 0 && semicolons == 0) return '\t';
        return semicolons > 0 && semicolons >= commas ? ';' : ',';
    }

    /** What a run saw. */
    public static final class Summary {
        public long points;
        public long anomalies;
        /** Rows without a value (see {@link #missing}): not judged, not written. */
        public long skipped;

        /** The line (CSV) or point (Prometheus) of the first row skipped. */
        public long firstSkippedLine;
        /** Which columns (or which Prometheus series) were read. */
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
            boolean prometheus = BacktestArgs.kindName(a.input).endsWith(".json");
            try (BufferedReader in = a.openInput();
                    Writer out = a.output == null
                            ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                            : Files.newBufferedWriter(Path.of(a.output), StandardCharsets.UTF_8)) {
                s = prometheus ? runPrometheus(in, out, settings) : run(in, out, settings);
            }
            System.err.println("input: " + s.columns);
            if (s.skipped > 0)
                System.err.printf(
                        Locale.ROOT,
                        prometheus
                                ? "%d point%s without a number (NaN or Inf) skipped, the first at point %d%n"
                                : "%d row%s without a value (empty, NaN, NA or null) skipped, the first at line %d%n",
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
                    "detector: knn-cad: 19-point shapes and their last 10 points, each scored as the sum of squared distances to "
                            + "the 27 nearest training shapes of its length in the metric of their Gram matrix, conformal score "
                            + "against as many calibration shapes, a point's score the lower of the two; training set the "
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
        Scoring scoring = new Scoring(out, settings);
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        char delimiter = delimiter(lines);
        scoring.decimalComma = delimiter == ';';
        try (CSVParser csv = CSV.builder().setDelimiter(delimiter).build().parse(lines)) {
            SeriesColumns columns = null;
            for (CSVRecord record : csv) {
                long lineNo = csv.getCurrentLineNumber();
                if (columns == null) {
                    columns = SeriesColumns.of(record, lineNo);
                    scoring.summary.columns = columns.describe()
                            + (delimiter == ','
                                    ? ""
                                    : delimiter == ';'
                                            ? ", separated by ';' (decimal commas read)"
                                            : ", tab-separated");
                    if (columns.header) continue;
                }
                if (record.size() != columns.count)
                    throw new IllegalArgumentException("line " + lineNo + ": " + record.size()
                            + " column(s) where the first line has " + columns.count);
                String ts = record.get(columns.timestamp).trim();
                scoring.point(
                        ts,
                        BacktestTimestamps.parse(ts, lineNo),
                        record.get(columns.value).trim(),
                        "line",
                        lineNo);
            }
        } catch (
                UncheckedIOException
                        e) { // the parser's own error: a quote left open, a character after a closing quote
            throw new IllegalArgumentException("not CSV: " + e.getCause().getMessage());
        }
        out.flush();
        return scoring.summary;
    }

    /**
     * Scores the one series of a Prometheus range query's answer ({@code curl .../api/v1/query_range?query=...}: {@code
     * data.result[0].values}, {@code [seconds, "value"]} pairs). Prometheus writes {@code NaN} and {@code ±Inf} for a
     * sample that is no number (a ratio over zero, a stale series): such points are skipped and counted. Anything
     * else (an error answer, an instant query, several series or none, native histograms) stops the run with the fix.
     */
    public static Summary runPrometheus(Reader in, Writer out, BaselineSettings settings) throws IOException {
        JsonNode answer;
        try {
            answer = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (answer == null || !answer.isObject()) throw new IllegalArgumentException(NOT_PROMETHEUS);
        if ("error".equals(answer.path("status").asText()))
            throw new IllegalArgumentException("Prometheus answered with an error ("
                    + answer.path("errorType").asText() + "): "
                    + answer.path("error").asText());
        JsonNode data = answer.path("data");
        String type = data.path("resultType").asText();
        if (type.equals("vector") || type.equals("scalar"))
            throw new IllegalArgumentException("an instant query's answer (resultType " + type
                    + ") has one point per series; ask /api/v1/query_range with start, end and step for a series");
        if (!type.equals("matrix") || !data.path("result").isArray())
            throw new IllegalArgumentException(NOT_PROMETHEUS);
        JsonNode result = data.path("result");
        if (result.size() != 1) {
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < Math.min(3, result.size()); i++)
                names.append(i == 0 ? ": " : ", ").append(result.get(i).path("metric"));
            throw new IllegalArgumentException(
                    "the answer holds " + result.size() + " series" + names
                            + (result.size() > 3 ? ", ..." : "")
                            + "; the detector reads one, so narrow the query to one (label matchers, or sum(...) to add them up)");
        }
        JsonNode series = result.get(0);
        if (series.has("histograms") && !series.has("values"))
            throw new IllegalArgumentException(
                    "the series holds native histograms; query a number of them instead, such as histogram_quantile(0.95, ...)");
        Scoring scoring = new Scoring(out, settings);
        scoring.summary.columns = "Prometheus series " + series.path("metric");
        int index = 0;
        for (JsonNode pair : series.path("values")) {
            index++;
            if (!pair.isArray()
                    || pair.size() != 2
                    || !pair.get(0).isNumber()
                    || !pair.get(1).isTextual())
                throw new IllegalArgumentException("point " + index + ": " + pair + " is not [seconds, \"value\"]");
            // seconds as Prometheus wrote them (1435781430.781), not as a double prints them (1.435781430781E9)
            String ts = pair.get(0).decimalValue().toPlainString();
            String v = pair.get(1).asText();
            if (v.equals("+Inf") || v.equals("-Inf") || v.equals("Inf")) v = "NaN";
            scoring.point(ts, BacktestTimestamps.parse(ts, index), v, "point", index);
        }
        out.flush();
        return scoring.summary;
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final String NOT_PROMETHEUS = "not a Prometheus range query's answer "
            + "({\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[...]}}); "
            + "a CSV series needs a name ending in .csv or another than .json";

    /** Judges the points of one series in order and writes each: what both inputs feed. */
    private static final class Scoring {
        final Summary summary = new Summary();
        private final Writer out;
        private final double threshold;
        private final SeriesJudge judge;
        private final LikelihoodState state;
        private final KnnCadState knnCad;
        private final Score score = new Score();
        private long previous = Long.MIN_VALUE;
        private long previousAt;
        /** Values written with a decimal comma ({@code 51,23}), in a file separated by semicolons. */
        boolean decimalComma;

        Scoring(Writer out, BaselineSettings settings) throws IOException {
            this.out = out;
            this.threshold = settings.threshold;
            this.judge = settings.judge();
            this.state = judge.newLikelihoodState();
            this.knnCad = judge.newKnnCadState();
            out.write("timestamp,value,anomaly_score,is_anomaly\n");
        }

        /** @param unit "line" or "point": how errors name where the point was, at {@code at} */
        void point(String ts, long millis, String v, String unit, long at) throws IOException {
            if (millis < previous)
                throw new IllegalArgumentException(unit + " " + at + ": timestamp '" + ts + "' is earlier than " + unit
                        + " " + previousAt + "'s; the detector reads a series in time order, so sort the file by time");
            previous = millis;
            previousAt = at;
            if (missing(v)) {
                if (summary.skipped++ == 0) summary.firstSkippedLine = at;
                return;
            }
            if (decimalComma && v.indexOf('.') < 0) v = v.replace(',', '.'); // and written so in the output
            double value = value(v, unit + " " + at);
            judge.judge(state, knnCad, millis, value, score);
            boolean anomaly = score.warm && score.score >= threshold;
            summary.points++;
            if (anomaly) summary.anomalies++;
            out.write(ts + "," + v + "," + String.format(Locale.ROOT, "%.6f", score.score) + "," + (anomaly ? 1 : 0)
                    + "\n");
        }
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
    static double value(String v, String where) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E')
                throw new IllegalArgumentException(where + ": value '" + v + "' is not a number");
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": value '" + v + "' is not a number");
        }
        if (!Double.isFinite(d))
            throw new IllegalArgumentException(where + ": value '" + v + "' is beyond the range of a double");
        return d;
    }
}
