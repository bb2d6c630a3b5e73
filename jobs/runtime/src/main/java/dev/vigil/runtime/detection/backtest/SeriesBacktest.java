package dev.vigil.runtime.detection.backtest;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.baseline.BaselineSettings;
import dev.vigil.runtime.detection.baseline.BaselineState;
import dev.vigil.runtime.detection.baseline.Score;
import dev.vigil.runtime.detection.baseline.SeriesBaseline;
import dev.vigil.schema.parse.Timestamps;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs the statistical baseline that jobs run ({@link SeriesBaseline}) over a CSV series, without
 * Flink, so operators can tune {@code detection.baseline.*} on history.
 *
 * <p>Input: {@code timestamp,value} per line (header optional; timestamp in epoch millis or RFC 3339).
 * Output: {@code timestamp,value,score,is_anomaly}.
 */
public final class SeriesBacktest {
    static final String USAGE = "vigil backtest series INPUT.csv [OUTPUT.csv] [--config FILE] [--set key=value ...]";

    /** What a run saw. */
    public static final class Summary {
        public long points;
        public long anomalies;
    }

    private SeriesBacktest() {}

    public static void main(String[] args) throws IOException {
        try {
            BacktestArgs a = BacktestArgs.parse(args, USAGE);
            BaselineSettings settings = BaselineSettings.from(VigilConfig.fromArgs(a.configArgs, System.getenv()));
            Summary s;
            try (BufferedReader in = Files.newBufferedReader(Path.of(a.input), StandardCharsets.UTF_8);
                    Writer out = a.output == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                            : Files.newBufferedWriter(Path.of(a.output), StandardCharsets.UTF_8)) {
                s = run(in, out, settings);
            }
            System.err.printf(Locale.ROOT, "%d points, %d anomalies%n", s.points, s.anomalies);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("vigil backtest series: " + e.getMessage());
            System.exit(2);
        }
    }

    public static Summary run(BufferedReader in, Writer out, BaselineSettings settings) throws IOException {
        SeriesBaseline baseline = new SeriesBaseline(settings);
        BaselineState state = BaselineState.empty(settings);
        Summary summary = new Summary();
        out.write("timestamp,value,score,is_anomaly\n");
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
            long millis = parseTimestamp(ts, lineNo);
            double value;
            try {
                value = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + lineNo + ": value '" + v + "' is not a number");
            }
            Score s = baseline.scoreAndLearn(state, millis, value);
            summary.points++;
            if (s.anomaly) summary.anomalies++;
            out.write(ts + "," + v + "," + String.format(Locale.ROOT, "%.4f", s.score) + "," + s.anomaly + "\n");
        }
        out.flush();
        return summary;
    }

    private static long parseTimestamp(String ts, int lineNo) {
        boolean digits = !ts.isEmpty();
        for (int i = 0; i < ts.length() && digits; i++) digits = Character.isDigit(ts.charAt(i));
        if (digits) return Long.parseLong(ts);
        long millis = Timestamps.parseRfc3339(ts);
        if (millis == Timestamps.UNPARSEABLE) throw new IllegalArgumentException("line " + lineNo + ": timestamp '" + ts + "' is neither epoch millis nor RFC 3339");
        return millis;
    }
}
