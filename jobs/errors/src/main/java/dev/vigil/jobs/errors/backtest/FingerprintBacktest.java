package dev.vigil.jobs.errors.backtest;

import dev.vigil.jobs.errors.functions.ErrorFingerprinter;
import dev.vigil.jobs.errors.functions.MessageNormalizer;
import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.backtest.BacktestArgs;
import dev.vigil.schema.event.ErrorEvent;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the errors job's fingerprinter over a plain log file (one error message per line), without
 * Flink, so operators can see how messages group before changing the rules.
 *
 * <p>Writes {@code line,group_id} per line to OUTPUT (or stdout), then a summary of the groups
 * (largest first: group ID, lines, normalised message) to stderr.
 */
public final class FingerprintBacktest {
    static final String USAGE = "vigil backtest errors INPUT.log [OUTPUT.csv] [--config FILE] [--set key=value ...]";

    /** One group found in the file. */
    public static final class Group {
        public final String groupId;
        public final String normalized;
        public final int firstLine;
        public long lines;

        Group(String groupId, String normalized, int firstLine) {
            this.groupId = groupId;
            this.normalized = normalized;
            this.firstLine = firstLine;
        }
    }

    private FingerprintBacktest() {}

    public static void main(String[] args) throws IOException {
        try {
            BacktestArgs a = BacktestArgs.parse(args, USAGE);
            ErrorFingerprinter fingerprinter = ErrorFingerprinter.from(VigilConfig.fromArgs(a.configArgs, System.getenv()));
            List<Group> groups;
            try (BufferedReader in = Files.newBufferedReader(Path.of(a.input), StandardCharsets.UTF_8);
                    Writer out = a.output == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                            : Files.newBufferedWriter(Path.of(a.output), StandardCharsets.UTF_8)) {
                groups = run(in, out, fingerprinter);
            }
            printSummary(groups, System.err);
        } catch (ConfigException e) {
            System.err.println("vigil backtest errors: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Groups every non-empty line; returns the groups, largest first (ties by first line). */
    public static List<Group> run(BufferedReader in, Writer out, ErrorFingerprinter fingerprinter) throws IOException {
        Map<String, Group> groups = new LinkedHashMap<>();
        out.write("line,group_id\n");
        String line;
        int lineNo = 0;
        ErrorEvent error = new ErrorEvent();
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            error.message = line;
            fingerprinter.assign(null, error);
            int at = lineNo;
            String message = line;
            groups.computeIfAbsent(error.groupId, id -> new Group(id, MessageNormalizer.normalize(message), at)).lines++;
            out.write(lineNo + "," + error.groupId + "\n");
        }
        out.flush();
        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort((a, b) -> a.lines != b.lines ? Long.compare(b.lines, a.lines) : Integer.compare(a.firstLine, b.firstLine));
        return sorted;
    }

    static void printSummary(List<Group> groups, PrintStream out) {
        long lines = 0;
        for (Group g : groups) lines += g.lines;
        out.printf(Locale.ROOT, "%d lines in %d groups%n", lines, groups.size());
        out.printf(Locale.ROOT, "%-16s %8s  %s%n", "group_id", "lines", "normalised message");
        for (Group g : groups) out.printf(Locale.ROOT, "%-16s %8d  %s%n", g.groupId, g.lines, g.normalized);
    }
}
