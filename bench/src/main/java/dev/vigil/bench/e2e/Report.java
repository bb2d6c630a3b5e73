package dev.vigil.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's results as Markdown and JSON, with the machine they were measured on. */
final class Report {
    static final String SEARCH_CEILING = "agent-logs sink ceiling: Elasticsearch, the job's log documents";
    static final String HOPS_CEILING = "agent-logs sink ceiling: TimescaleDB, journey hop rows (rows, not events)";
    static final String JOURNEYS_CEILING =
            "agent-logs sink ceiling: Elasticsearch, journey documents (documents, not events; one per request)";
    static final String ARCHIVE_CEILING = "agent-logs sink ceiling: Parquet archive on S3, the job's events";
    static final String ERRORS_SEARCH_CEILING = "errors sink ceiling: Elasticsearch, the job's occurrence documents";
    static final String METRICS_ROWS_CEILING =
            "performance-metrics sink ceiling: TimescaleDB, the job's rows (rows, not events)";
    static final String BUSINESS_ROWS_CEILING =
            "business-events sink ceiling: TimescaleDB, the job's rows (rows, not events)";
    /** The sink ceiling each of these jobs' real-sinks run is held against. */
    private static final Map<String, String> SINK_CEILINGS = Map.of(
            "errors", ERRORS_SEARCH_CEILING,
            "business-events", BUSINESS_ROWS_CEILING,
            "performance-metrics", METRICS_ROWS_CEILING);

    final int requests;
    /**
     * When set, only runs whose name starts with it are measured (for profiling one of them); several
     * prefixes are separated by '|' (run names hold commas).
     */
    final String only;

    private final List<String> onlyPrefixes;

    Preload preload;
    /** The errors' and business events' own load, when those jobs ran. */
    Preload few;

    double ceilingLogs;
    double ceilingMetrics;
    final List<Measurement> runs = new ArrayList<>();
    ArchiveSize archive;
    /** Notices the alerting job posted for its input (from its discarding run), 0 when it did not run. */
    long alertNotices;

    LiveLatency latency;

    Report(int requests, String only) {
        this.requests = requests;
        this.only = only;
        this.onlyPrefixes = List.of(only.split("\\|", -1));
    }

    boolean wanted(String name) {
        return onlyPrefixes.stream().anyMatch(name::startsWith);
    }

    /** Whether any run whose name starts with {@code prefix} is wanted. */
    boolean wantsAny(String prefix) {
        return onlyPrefixes.stream().anyMatch(o -> prefix.startsWith(o) || o.startsWith(prefix));
    }

    void add(Measurement m) {
        runs.add(m);
        EndToEndBench.log(String.format(
                Locale.ROOT,
                "%s: %.0f events/s, %.0f events/s per core, peak heap %d MB",
                m.name,
                m.eventsPerSecond,
                m.eventsPerSecondPerCore,
                m.peakHeapMb));
    }

    private Measurement run(String prefix) {
        for (Measurement m : runs) if (m.name.startsWith(prefix)) return m;
        return null;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\.\\d+Z$", "Z");
        String md = markdown();
        String json = json();
        // A partial run (--only) never replaces the full results.
        String name = only.isEmpty() ? "bench-" + stamp : "partial-" + stamp;
        if (only.isEmpty()) {
            Files.writeString(dir.resolve("latest.md"), md);
            Files.writeString(dir.resolve("latest.json"), json);
        }
        Files.writeString(dir.resolve(name + ".md"), md);
        Files.writeString(dir.resolve(name + ".json"), json);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Vigil benchmark\n\n").append(Machine.describe()).append("\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "Workload: the demo generator, %d requests -> %d agent-log, %d performance-metric records "
                        + "(%.1f MB and %.1f MB of JSON), 2 partitions per topic, job parallelism 2, one MiniCluster in the benchmark JVM.%n%n",
                requests,
                preload.records("agent-logs"),
                preload.records("performance-metrics"),
                preload.bytes("agent-logs") / 1e6,
                preload.bytes("performance-metrics") / 1e6));
        if (few != null)
            sb.append(String.format(
                    Locale.ROOT,
                    "Errors and business events (1%% and 6%% of those records): %d requests, only their records, each "
                            + "error %d times under correlation IDs of its own -> %d error, %d business-event records.%n%n",
                    (long) requests * EndToEndBench.FEW_REQUESTS,
                    EndToEndBench.ERROR_COPIES,
                    few.records("errors"),
                    few.records("business-events")));
        sb.append(
                "| run | events | events/s | slowest - fastest of %d runs | events/s per core | cores used | of which JIT compiler | stack cores | CPU µs per event (both) | wall s | peak heap MB | checkpoints (p50 / max ms) |\n"
                        .formatted(JobRunner.REPEATS));
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        sb.append(String.format(
                Locale.ROOT,
                "| raw Kafka consumers, agent-logs topic (ceiling: one per partition, best of 3) | %d | %.0f | | | | | | | | | |%n",
                preload.records("agent-logs"),
                ceilingLogs));
        sb.append(String.format(
                Locale.ROOT,
                "| raw Kafka consumers, performance-metrics topic (ceiling: one per partition, best of 3) | %d | %.0f | | | | | | | | | |%n",
                preload.records("performance-metrics"),
                ceilingMetrics));
        for (Measurement m : runs) {
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.0f | %s | %.0f | %.2f | %.2f | %.2f | %.0f | %.1f | %d | %d (%d / %d) |%n",
                    m.name,
                    m.events,
                    m.eventsPerSecond,
                    Double.isNaN(m.slowestEventsPerSecond)
                            ? ""
                            : String.format(
                                    Locale.ROOT, "%.0f - %.0f", m.slowestEventsPerSecond, m.fastestEventsPerSecond),
                    m.eventsPerSecondPerCore,
                    m.coresUsed,
                    m.jitCores,
                    m.stackCores,
                    (m.coresUsed + m.stackCores) / m.eventsPerSecond * 1e6,
                    m.wallSeconds,
                    m.peakHeapMb,
                    m.checkpoints,
                    m.checkpointP50Ms,
                    m.checkpointMaxMs));
        }
        Measurement stateless = run("agent-logs stateless");
        Measurement wholeDiscarding = run("agent-logs whole job, discarding sinks");
        Measurement windows = run("performance-metrics timer windows");
        Measurement sql = run("Flink SQL");
        Measurement sink = run("TimescaleDB sink");
        List<String> sharedCores = new ArrayList<>();
        sb.append("\n| target (2-core goal) | measured | met |\n|---|---|---|\n");
        if (stateless != null) {
            target(
                    sb,
                    "agent-logs stateless path >= 200K events/s per core",
                    String.format(Locale.ROOT, "%.0f /s per core", stateless.eventsPerSecondPerCore),
                    stateless.eventsPerSecondPerCore >= 200_000);
            target(
                    sb,
                    "agent-logs stateless path >= 0.5 of the raw consumer",
                    String.format(Locale.ROOT, "%.2f", stateless.eventsPerSecond / ceilingLogs),
                    stateless.eventsPerSecond / ceilingLogs >= 0.5);
        }
        if (wholeDiscarding != null) {
            target(
                    sb,
                    "agent-logs whole job, discarding sinks >= 100K events/s",
                    String.format(Locale.ROOT, "%.0f /s", wholeDiscarding.eventsPerSecond),
                    wholeDiscarding.eventsPerSecond >= 100_000);
        }
        jobCostTarget(sb, "agent-logs", stateless, wholeDiscarding);
        Measurement whole = run("agent-logs whole job (");
        if (whole != null && wholeDiscarding != null) {
            Map<String, Double> ceilings = agentLogsCeilings(whole.events);
            String bound = wholeDiscarding.name;
            double boundRate = wholeDiscarding.eventsPerSecond;
            for (Map.Entry<String, Double> c : ceilings.entrySet()) {
                if (c.getValue() < boundRate) {
                    bound = c.getKey();
                    boundRate = c.getValue();
                }
            }
            double ratio = whole.eventsPerSecond / boundRate;
            target(
                    sb,
                    "agent-logs whole job with its sinks >= 0.8 x min(discarding sinks, each sink's ceiling in events/s)",
                    String.format(
                            Locale.ROOT,
                            "%.2f of %.0f /s (%s); the job and the stack used %.2f of this machine's %d cores",
                            ratio,
                            boundRate,
                            bound,
                            whole.coresUsed + whole.stackCores,
                            Runtime.getRuntime().availableProcessors()),
                    ratio >= 0.8);
            sharedCores.add(sharedCoresLine(
                    "agent-logs (hop rows not counted)", whole, wholeDiscarding.eventsPerSecond, ceilings.values()));
        }
        alertingTargets(sb, sharedCores);
        for (String job : new String[] {"errors", "business-events", "performance-metrics"}) {
            Measurement own = run(job + " stateless path");
            Measurement discarding = run(job + " whole job, discarding sinks");
            Measurement real = run(job + " whole job (its real sinks)");
            jobCostTarget(sb, job, own, discarding);
            if (discarding != null && real != null) {
                // errors: its occurrence documents' ceiling (one per input event); the others: their TimescaleDB
                // rows' ceiling (measured in rows/s, here in the job's input events/s)
                Measurement ceiling = run(SINK_CEILINGS.get(job));
                double ceilingRate = ceiling == null
                        ? Double.POSITIVE_INFINITY
                        : job.equals("errors")
                                ? ceiling.eventsPerSecond
                                : ceiling.eventsPerSecond * discarding.events / Math.max(1, ceiling.events);
                boolean sinkBound = ceilingRate < discarding.eventsPerSecond;
                double bound = sinkBound ? ceilingRate : discarding.eventsPerSecond;
                if (ceiling != null)
                    sharedCores.add(sharedCoresLine(job, real, discarding.eventsPerSecond, List.of(ceilingRate)));
                double ratio = real.eventsPerSecond / bound;
                target(
                        sb,
                        job + " whole job with its sinks >= 0.8 x min(discarding sinks"
                                + (ceiling == null
                                        ? ") (its sinks' ceilings not measured)"
                                        : job.equals("errors")
                                                ? ", its search sink's ceiling)"
                                                : ", its TimescaleDB rows' ceiling in input events/s)"),
                        String.format(
                                Locale.ROOT,
                                "%.2f of %.0f /s (%s)",
                                ratio,
                                bound,
                                sinkBound ? ceiling.name : discarding.name),
                        ratio >= 0.8);
            }
        }
        if (windows != null) {
            target(
                    sb,
                    "timer windows with quantiles >= 100K events/s per core",
                    String.format(Locale.ROOT, "%.0f /s per core", windows.eventsPerSecondPerCore),
                    windows.eventsPerSecondPerCore >= 100_000);
        }
        if (windows != null && sql != null) {
            target(
                    sb,
                    "timer windows >= 1.5x the Flink SQL equivalent",
                    String.format(Locale.ROOT, "%.2fx", windows.eventsPerSecond / sql.eventsPerSecond),
                    windows.eventsPerSecond / sql.eventsPerSecond >= 1.5);
        }
        if (latency != null) {
            target(
                    sb,
                    "p99 event time -> row <= window + 2 s",
                    String.format(
                            Locale.ROOT,
                            "p50 %.1f s, p99 %.1f s (window %d s, out-of-orderness %.0f s)",
                            latency.p50Ms / 1000,
                            latency.p99Ms / 1000,
                            latency.windowMs / 1000,
                            latency.outOfOrdernessMs / 1000.0),
                    latency.p99Ms <= latency.windowMs + 2000);
        }
        if (sink != null) {
            target(
                    sb,
                    "TimescaleDB sink >= 60K rows/s",
                    String.format(Locale.ROOT, "%.0f rows/s", sink.eventsPerSecond),
                    sink.eventsPerSecond >= 60_000);
        }
        if (archive != null) {
            target(
                    sb,
                    "Parquet archive >= 8x smaller than raw JSON",
                    String.format(
                            Locale.ROOT,
                            "%.1fx (%.1f MB JSON -> %.2f MB in %d files)",
                            archive.ratio(),
                            archive.rawJsonBytes / 1e6,
                            archive.archiveBytes / 1e6,
                            archive.objects),
                    archive.ratio() >= 8);
        }
        if (!sharedCores.isEmpty()) {
            sb.append(
                    "\nShared cores: the jobs and the local stack run on the same cores, so each event costs the job's"
                            + " own work and its writes together.");
            for (String line : sharedCores) sb.append(' ').append(line);
            sb.append('\n');
        }
        if (archive != null && archive.rows > 0) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%nArchive: %d rows; compressed bytes per row by column (largest first):",
                    archive.rows));
            archive.columnBytes.entrySet().stream()
                    .limit(6)
                    .forEach(e -> sb.append(
                            String.format(Locale.ROOT, " %s %.1f,", e.getKey(), (double) e.getValue() / archive.rows)));
            sb.append(String.format(
                    Locale.ROOT,
                    " all columns %.1f.%n",
                    (double) archive.columnBytes.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum()
                            / archive.rows));
        }
        if (latency == null) return sb.toString();
        sb.append(String.format(
                Locale.ROOT,
                "%nLatency: %d live events in %d closed 10 s windows at 1,000 events/s, out-of-orderness %d ms; "
                        + "latency of an event = when its window's row is visible in TimescaleDB minus its event time (max %.1f s). "
                        + "Window end plus out-of-orderness is the least any event-time window can wait; beyond it the pipeline added "
                        + "p50 %.0f ms, p99 %.0f ms (watermark interval, Kafka, window firing, the TimescaleDB flush interval, the 100 ms poll).%n",
                latency.events,
                latency.windows,
                latency.outOfOrdernessMs,
                latency.maxMs / 1000,
                latency.overheadP50Ms,
                latency.overheadP99Ms));
        sb.append(
                "\nThe Flink SQL run computes count, sum, min, max and avg per window and key (Flink SQL 1.20 has no quantile "
                        + "aggregate); the Vigil run computes the same plus DDSketch quantiles. Rates are measured while the sources read (from their first to "
                        + "their last record, start-up excluded); cores used = CPU seconds of the benchmark process (sources, job and sink clients "
                        + "together) over that span, of which the JIT compiler's threads (their CPU time over the span, from "
                        + "/proc: a job's first seconds in a JVM are partly its compilation); per core = rate / cores used.\n");
        return sb.toString();
    }

    /** A job's own cost: its whole job with discarding sinks against its stateless path (when both ran). */
    private static void jobCostTarget(StringBuilder sb, String job, Measurement stateless, Measurement discarding) {
        if (stateless == null || discarding == null) return;
        double ratio = discarding.eventsPerSecond / stateless.eventsPerSecond;
        target(
                sb,
                job + " whole job, discarding sinks >= 0.5 of its stateless path",
                String.format(Locale.ROOT, "%.2f", ratio),
                ratio >= 0.5);
    }

    /** The alerting job posts one notice per new, escalated or resolved condition: its sink's ceiling in reports/s. */
    private void alertingTargets(StringBuilder sb, List<String> sharedCores) {
        Measurement own = run(AlertingBench.STATELESS);
        Measurement discarding = run(AlertingBench.DISCARDING);
        Measurement real = run(AlertingBench.REAL);
        Measurement ceiling = run(AlertingBench.CEILING);
        jobCostTarget(sb, "alerting", own, discarding);
        if (discarding == null || real == null) return;
        Measurement bound = discarding;
        double boundRate = discarding.eventsPerSecond;
        if (ceiling != null && alertNotices > 0) {
            double reportsPerSecond = ceiling.eventsPerSecond * AlertingBench.REPORTS / alertNotices;
            if (reportsPerSecond < boundRate) {
                bound = ceiling;
                boundRate = reportsPerSecond;
            }
        }
        if (ceiling != null && alertNotices > 0)
            sharedCores.add(sharedCoresLine(
                    "alerting",
                    real,
                    discarding.eventsPerSecond,
                    List.of(ceiling.eventsPerSecond * AlertingBench.REPORTS / alertNotices)));
        double ratio = real.eventsPerSecond / boundRate;
        target(
                sb,
                "alerting whole job with its sinks >= 0.8 x min(discarding sinks, Alertmanager's ceiling in reports/s)",
                String.format(
                        Locale.ROOT,
                        "%.2f of %.0f reports/s (%s; %d notices for %d reports)",
                        ratio,
                        boundRate,
                        bound.name,
                        alertNotices,
                        AlertingBench.REPORTS),
                ratio >= 0.8);
    }

    /**
     * The agent-logs sinks' ceilings in input events/s: log documents and archive rows are one per event, journey
     * documents one per request. Hop rows are left out: the bench does not count how many the job writes per
     * event.
     */
    private Map<String, Double> agentLogsCeilings(long logEvents) {
        Map<String, Double> c = new LinkedHashMap<>();
        for (String name : new String[] {SEARCH_CEILING, ARCHIVE_CEILING}) {
            Measurement m = run(name);
            if (m != null) c.put(name, m.eventsPerSecond);
        }
        Measurement journeys = run(JOURNEYS_CEILING);
        if (journeys != null && journeys.events > 0)
            c.put(JOURNEYS_CEILING, journeys.eventsPerSecond * logEvents / journeys.events);
        return c;
    }

    /**
     * On shared cores a job and its stores add their CPU per event, so the rate both can reach together is
     * 1 / (1/discarding + the sum of 1/ceiling), not the smaller of the two.
     */
    private static String sharedCoresLine(
            String job, Measurement real, double discarding, Collection<Double> ceilings) {
        double perEvent = 1 / discarding;
        for (double c : ceilings) perEvent += 1 / c;
        double together = 1 / perEvent;
        return String.format(
                Locale.ROOT,
                "%s: its own work and its sinks' ceilings added give %.0f /s; with its real sinks it ran at %.0f (%.2f of that).",
                job,
                together,
                real.eventsPerSecond,
                real.eventsPerSecond / together);
    }

    private static void target(StringBuilder sb, String goal, String measured, boolean met) {
        sb.append("| ")
                .append(goal)
                .append(" | ")
                .append(measured)
                .append(" | ")
                .append(met ? "yes" : "no")
                .append(" |\n");
    }

    String json() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"machine\": ").append(quote(Machine.describe())).append(",\n");
        sb.append("  \"requests\": ").append(requests).append(",\n");
        sb.append(String.format(
                Locale.ROOT,
                "  \"ceiling_events_per_second\": {\"agent-logs\": %.0f, \"performance-metrics\": %.0f},%n",
                ceilingLogs,
                ceilingMetrics));
        sb.append("  \"runs\": [\n");
        for (int i = 0; i < runs.size(); i++) {
            Measurement m = runs.get(i);
            sb.append(String.format(
                    Locale.ROOT,
                    "    {\"name\": %s, \"events\": %d, \"events_per_second\": %.1f, \"slowest_fastest\": %s, \"events_per_second_per_core\": %.1f, "
                            + "\"warm_ups\": %d, \"cores_used\": %.3f, \"jit_cores\": %.3f, \"stack_cores\": %s, \"wall_seconds\": %.3f, \"cpu_seconds\": %.3f, \"peak_heap_mb\": %d, \"checkpoints\": %d, "
                            + "\"checkpoint_p50_ms\": %d, \"checkpoint_max_ms\": %d}%s%n",
                    quote(m.name),
                    m.events,
                    m.eventsPerSecond,
                    Double.isNaN(m.slowestEventsPerSecond)
                            ? "null"
                            : String.format(
                                    Locale.ROOT, "[%.1f, %.1f]", m.slowestEventsPerSecond, m.fastestEventsPerSecond),
                    m.eventsPerSecondPerCore,
                    m.warmUps,
                    m.coresUsed,
                    m.jitCores,
                    Double.isNaN(m.stackCores) ? "null" : String.format(Locale.ROOT, "%.3f", m.stackCores),
                    m.wallSeconds,
                    m.cpuSeconds,
                    m.peakHeapMb,
                    m.checkpoints,
                    m.checkpointP50Ms,
                    m.checkpointMaxMs,
                    i < runs.size() - 1 ? "," : ""));
        }
        sb.append("  ]");
        if (archive != null)
            sb.append(String.format(
                    Locale.ROOT,
                    ",%n  \"archive\": {\"raw_json_bytes\": %d, \"parquet_bytes\": %d, \"files\": %d, \"ratio\": %.2f, \"rows\": %d, \"column_bytes\": {%s}}",
                    archive.rawJsonBytes,
                    archive.archiveBytes,
                    archive.objects,
                    archive.ratio(),
                    archive.rows,
                    archive.columnBytes.entrySet().stream()
                            .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                            .collect(java.util.stream.Collectors.joining(", "))));
        if (latency != null)
            sb.append(String.format(
                    Locale.ROOT,
                    ",%n  \"latency_ms\": {\"events\": %d, \"windows\": %d, \"window_ms\": %d, \"out_of_orderness_ms\": %d, \"p50\": %.0f, \"p99\": %.0f, \"max\": %.0f, \"overhead_p50\": %.0f, \"overhead_p99\": %.0f}",
                    latency.events,
                    latency.windows,
                    latency.windowMs,
                    latency.outOfOrdernessMs,
                    latency.p50Ms,
                    latency.p99Ms,
                    latency.maxMs,
                    latency.overheadP50Ms,
                    latency.overheadP99Ms));
        return sb.append("\n}\n").toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
