package dev.vigil.jobs.errors.backtest;

import dev.vigil.jobs.errors.functions.ErrorFingerprinter;
import dev.vigil.jobs.errors.functions.MessageNormalizer;
import dev.vigil.jobs.errors.functions.TemplateMiner;
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
 * Runs the errors job's fingerprinter over a plain log file (one error message per line, all of one
 * service), without Flink, so operators can see how messages group before changing the rules. Each
 * line gets its group when it is read, from the lines before it, as in the job.
 *
 * <p>Writes {@code line,group_id} per line to OUTPUT (or stdout), then a summary of the groups
 * (largest first: group ID, lines, template as it ended) to stderr.
 */
public final class FingerprintBacktest {
    static final String USAGE = "vigil backtest errors INPUT.log [OUTPUT.csv] [--config FILE] [--set key=value ...]";

    /** One group found in the file. */
    public static final class Group {
        public final String groupId;
        public String template;
        public final int firstLine;
        public long lines;

        Group(String groupId, int firstLine) {
            this.groupId = groupId;
            this.firstLine = firstLine;
        }
    }

    private FingerprintBacktest() {}

    public static void main(String[] args) throws IOException {
        try {
            BacktestArgs a = BacktestArgs.parse(args, USAGE);
            ErrorFingerprinter fingerprinter =
                    ErrorFingerprinter.from(VigilConfig.fromArgs(a.configArgs, System.getenv()));
            List<Group> groups;
            try (BufferedReader in = a.openInput();
                    Writer out = a.output == null
                            ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
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
        TemplateMiner.MapStore templates = new TemplateMiner.MapStore();
        ErrorFingerprinter.MapStackGroups stacks = new ErrorFingerprinter.MapStackGroups(); // lines have no frames
        out.write("line,group_id\n");
        String line;
        int lineNo = 0;
        ErrorEvent error = new ErrorEvent();
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            error.message = line;
            error.template = null;
            try {
                fingerprinter.assign(null, error, templates, stacks, lineNo); // the line number stands for event time
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e); // the in-memory store throws nothing else
            }
            int at = lineNo;
            Group g = groups.computeIfAbsent(error.groupId, id -> new Group(id, at));
            g.lines++;
            g.template = error.template != null ? error.template : MessageNormalizer.normalize(line);
            out.write(lineNo + "," + error.groupId + "\n");
        }
        out.flush();
        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort((a, b) ->
                a.lines != b.lines ? Long.compare(b.lines, a.lines) : Integer.compare(a.firstLine, b.firstLine));
        return sorted;
    }

    static void printSummary(List<Group> groups, PrintStream out) {
        long lines = 0;
        for (Group g : groups) lines += g.lines;
        out.printf(Locale.ROOT, "%d lines in %d groups%n", lines, groups.size());
        out.printf(Locale.ROOT, "%-16s %8s  %s%n", "group_id", "lines", "template");
        for (Group g : groups) out.printf(Locale.ROOT, "%-16s %8d  %s%n", g.groupId, g.lines, g.template);
    }
}
