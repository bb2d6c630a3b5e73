package dev.vigil.jobs.errors.backtest;

import dev.vigil.jobs.errors.functions.ErrorFingerprinter;
import dev.vigil.jobs.errors.functions.MessageNormalizer;
import dev.vigil.jobs.errors.functions.TemplateMiner;
import dev.vigil.runtime.JobRules;
import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.backtest.BacktestArgs;
import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.StackFrame;
import dev.vigil.schema.masking.EventMasker;
import dev.vigil.schema.masking.PiiMasker;
import dev.vigil.schema.otlp.StackTraces;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the errors job's fingerprinter without Flink, so operators can see how their errors group before changing the
 * rules. Each error gets its group when it is read, from the ones before it, as in the job. Two inputs:
 *
 * <ul>
 *   <li>a plain log file (any name but the two below), all of one service: one error message per line, or, when its
 *       first line starts with a date and time, an application's log whose records run to the next such line
 *       ({@link LogRecords}); a record's stack trace (Java, Python, .NET, Go, JavaScript) gives its frames, so the
 *       stack rule applies to it, and the message rule to the rest;
 *   <li>contract events, one JSON object per line ({@code .jsonl} or {@code .ndjson}: the errors topic as {@code
 *       kafka-console-consumer} prints it): each is read by the job's parser and masked by its masking rules, and every rule applies as in the job ({@code producer}, {@code
 *       stack}, {@code message}), per service. A line the job would dead-letter is reported with its reason on
 *       stderr and counted; events of other types are counted and skipped.
 * </ul>
 *
 * <p>Writes {@code line,group_id,grouped_by} per error to OUTPUT (or stdout), then a summary of the groups (largest
 * first: group ID, rule, errors, template as it ended or the stack's top in-app frame) to stderr.
 */
public final class FingerprintBacktest {
    static final String USAGE =
            "vigil backtest errors INPUT.log|INPUT.jsonl[.gz] [OUTPUT.csv] [--config FILE] [--set key=value ...]";

    /** One group found in the input. */
    public static final class Group {
        public final String groupId;
        public final String groupedBy;
        public String template;
        public final int firstLine;
        public long lines;

        Group(String groupId, String groupedBy, int firstLine) {
            this.groupId = groupId;
            this.groupedBy = groupedBy;
            this.firstLine = firstLine;
        }
    }

    /** What a run of contract events left out. */
    public static final class Skipped {
        /** Lines the job would dead-letter (reported with their reason). */
        public long refused;
        /** Valid events of another type than {@code error}. */
        public long otherTypes;
    }

    private FingerprintBacktest() {}

    public static void main(String[] args) throws IOException {
        try {
            BacktestArgs a = BacktestArgs.parse(args, USAGE);
            VigilConfig config = VigilConfig.fromArgs(a.configArgs, System.getenv());
            ErrorFingerprinter fingerprinter = ErrorFingerprinter.from(config);
            List<Group> groups;
            Skipped skipped = new Skipped();
            try (BufferedReader in = a.openInput();
                    Writer out = a.output == null
                            ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                            : Files.newBufferedWriter(Path.of(a.output), StandardCharsets.UTF_8)) {
                if (isEvents(a.input)) {
                    ParserLimits limits = JobRules.parserLimits(config);
                    limits.maxPastMillis = 0; // an export is read after the fact
                    limits.maxFutureMillis = 0;
                    EventMasker masker = new EventMasker(new PiiMasker(JobRules.masking(config), maskingKey(config)));
                    groups = runEvents(in, out, fingerprinter, new EventParser(limits), masker, skipped, System.err);
                } else {
                    groups = run(in, out, fingerprinter);
                }
            }
            printSummary(groups, skipped, System.err);
        } catch (ConfigException e) {
            System.err.println("vigil backtest errors: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * The job's masking key when one is configured, else one made for this run: a hashed value only has to hash
     * alike within the run for grouping, and a backtest should not need the production key.
     */
    private static byte[] maskingKey(VigilConfig config) {
        byte[] key = JobRules.maskingKeySource(config).read(System.getenv());
        if (key != null && key.length >= 16) return key;
        key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Whether INPUT holds contract events (JSON lines) rather than plain messages. */
    static boolean isEvents(String input) {
        String name = BacktestArgs.kindName(input);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    /**
     * Groups the records of a plain log ({@link LogRecords}: one per line, or an application's log with its stack
     * traces) as errors of one service; returns the groups, largest first. A record's first line is its message; a
     * stack trace after it gives its frames and exception type, so the stack rule applies as it does to events with
     * frames.
     */
    public static List<Group> run(BufferedReader in, Writer out, ErrorFingerprinter fingerprinter) throws IOException {
        Grouping grouping = new Grouping(out);
        LogRecords records = new LogRecords(in);
        while (records.next()) {
            ErrorEvent error = new ErrorEvent();
            error.message = records.first;
            List<StackFrame> frames = StackTraces.frames(records.rest);
            if (!frames.isEmpty()) {
                error.frames = frames.toArray(new StackFrame[0]);
                error.errorType = LogRecords.exceptionType(records.rest);
            }
            // the record's line number stands for event time
            grouping.assign(fingerprinter, null, error, records.line, records.line);
        }
        return grouping.done();
    }

    /**
     * Groups the error events among the lines (contract JSON, one event per line) as the job does: parsed, masked,
     * then fingerprinted with the templates and stacks of the event's service. Lines the parser refuses are reported
     * to {@code problems} with their reason.
     */
    public static List<Group> runEvents(
            BufferedReader in,
            Writer out,
            ErrorFingerprinter fingerprinter,
            EventParser parser,
            EventMasker masker,
            Skipped skipped,
            PrintStream problems)
            throws IOException {
        Grouping grouping = new Grouping(out);
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            ParseOutcome parsed = parser.parse(line.getBytes(StandardCharsets.UTF_8));
            if (!parsed.isValid()) {
                skipped.refused++;
                problems.println("line " + lineNo + ": " + parsed.reason() + ": " + parsed.detail());
                continue;
            }
            Event e = parsed.event();
            if (e.type != EventType.ERROR) {
                skipped.otherTypes++;
                continue;
            }
            e = masker.mask(e);
            grouping.assign(fingerprinter, e.service, e.error, lineNo, e.timestamp);
        }
        return grouping.done();
    }

    /** The job's per-service stores, the groups found and the CSV written. */
    private static final class Grouping {
        private final Writer out;
        private final Map<String, TemplateMiner.MapStore> templates = new HashMap<>();
        private final Map<String, ErrorFingerprinter.MapStackGroups> stacks = new HashMap<>();
        private final Map<String, Group> groups = new LinkedHashMap<>();

        Grouping(Writer out) throws IOException {
            this.out = out;
            out.write("line,group_id,grouped_by\n");
        }

        void assign(ErrorFingerprinter fingerprinter, String service, ErrorEvent error, int lineNo, long time)
                throws IOException {
            String key = service == null ? "" : service;
            try {
                fingerprinter.assign(
                        service,
                        error,
                        templates.computeIfAbsent(key, s -> new TemplateMiner.MapStore()),
                        stacks.computeIfAbsent(key, s -> new ErrorFingerprinter.MapStackGroups()),
                        time);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e); // the in-memory stores throw nothing else
            }
            Group g = groups.computeIfAbsent(error.groupId, id -> new Group(id, error.groupedBy, lineNo));
            g.lines++;
            g.template = describe(error);
            out.write(lineNo + "," + error.groupId + "," + error.groupedBy + "\n");
        }

        List<Group> done() throws IOException {
            out.flush();
            List<Group> sorted = new ArrayList<>(groups.values());
            sorted.sort((a, b) ->
                    a.lines != b.lines ? Long.compare(b.lines, a.lines) : Integer.compare(a.firstLine, b.firstLine));
            return sorted;
        }
    }

    /** The message template, or for a group by stack or by the producer's fingerprint its type and top in-app frame. */
    private static String describe(ErrorEvent e) {
        if (e.template != null) return e.template;
        StringBuilder d = new StringBuilder(e.errorType == null ? "" : e.errorType);
        if (e.frames != null) {
            for (StackFrame f : e.frames) {
                if (f == null || !f.inApp) continue;
                d.append(" at ");
                if (f.module != null) d.append(f.module).append('.');
                d.append(f.function);
                if (f.file != null) d.append(" (").append(f.file).append(')');
                break;
            }
        }
        return d.append(": ").append(MessageNormalizer.normalize(e.message)).toString();
    }

    static void printSummary(List<Group> groups, Skipped skipped, PrintStream out) {
        long errors = 0;
        for (Group g : groups) errors += g.lines;
        out.printf(Locale.ROOT, "%d errors in %d groups", errors, groups.size());
        if (skipped.refused > 0) out.printf(Locale.ROOT, "; %d lines refused (above)", skipped.refused);
        if (skipped.otherTypes > 0) out.printf(Locale.ROOT, "; %d events of other types skipped", skipped.otherTypes);
        out.println();
        out.printf(Locale.ROOT, "%-16s %-8s %8s  %s%n", "group_id", "rule", "errors", "template");
        for (Group g : groups) {
            out.printf(Locale.ROOT, "%-16s %-8s %8d  %s%n", g.groupId, g.groupedBy, g.lines, g.template);
        }
    }
}
