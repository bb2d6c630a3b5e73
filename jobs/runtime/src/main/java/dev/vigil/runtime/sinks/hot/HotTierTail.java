package dev.vigil.runtime.sinks.hot;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.Durations;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.schema.contract.ValueTypes;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code ./vigil tail}: the hot tier's recent events by service, level, request or text, and with
 * {@code -f} what arrives next (XREAD BLOCK across the matching streams, merged by event time with a
 * short reorder buffer), readable and coloured by level like {@code kubectl logs -f}, or as JSON lines.
 * Redis comes from the Vigil config ({@code --config}, {@code --set}, or VIGIL_REDIS_URI and
 * VIGIL_REDIS_PASSWORD_FILE in the environment, as {@code ./vigil stack env} gives them).
 */
public final class HotTierTail {
    static final String USAGE =
            "usage: ./vigil tail [--service S[,S...]] [--level L[,L...]] [--correlation-id C] [--grep TEXT] "
                    + "[--since 10m] [--limit N] [-f] [--json] [--no-color] [--config FILE] [--set key=value]";
    /** How long an event waits in the follow buffer for earlier (by event time) events from other streams. */
    private static final long REORDER_MS = 300;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    final Set<String> services = new LinkedHashSet<>();
    final Set<String> levels = new LinkedHashSet<>();
    String correlationId;
    String grep;
    long sinceMs = 10 * 60_000L;
    int limit = 200;
    boolean follow;
    boolean json;
    boolean color = System.console() != null;
    final List<String> configArgs = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        HotTierTail tail;
        try {
            tail = parse(args);
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("vigil tail: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        HotTierSettings settings =
                HotTierSettings.of(VigilConfig.fromArgs(tail.configArgs.toArray(String[]::new), System.getenv()));
        if (settings == null) {
            System.err.println(
                    "vigil tail: the hot tier is off (redis.uri is empty). Fix: start the stack (./vigil stack up) or set redis.uri.");
            System.exit(2);
        }
        try (HotTierReader reader = new HotTierReader(settings)) {
            tail.run(reader, new PrintStream(System.out, true, StandardCharsets.UTF_8));
        }
    }

    /** The options of one invocation; an {@link IllegalArgumentException} names what is wrong. */
    public static HotTierTail parse(String[] args) {
        HotTierTail t = new HotTierTail();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-f", "--follow" -> t.follow = true;
                case "--json" -> t.json = true;
                case "--no-color" -> t.color = false;
                case "--service" -> split(value(args, ++i, a), t.services);
                case "--level" -> {
                    for (String l : value(args, ++i, a).split(",")) {
                        String level = level(l.trim());
                        if (!ValueTypes.LOG_LEVELS.contains(level))
                            throw new IllegalArgumentException("--level " + l.trim() + " is not a level: one of "
                                    + String.join(", ", ValueTypes.LOG_LEVELS).toLowerCase(Locale.ROOT));
                        t.levels.add(level);
                    }
                }
                case "--correlation-id" -> t.correlationId = value(args, ++i, a);
                case "--grep" -> t.grep = value(args, ++i, a).toLowerCase(Locale.ROOT);
                case "--since" -> {
                    String v = value(args, ++i, a);
                    try {
                        t.sinceMs = Durations.parseMillis(v);
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("--since " + v + " is not a duration (e.g. 30s, 10m, 2h)");
                    }
                }
                case "--limit" -> {
                    String v = value(args, ++i, a);
                    try {
                        t.limit = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        t.limit = -1;
                    }
                    if (t.limit < 1 || t.limit > 100_000)
                        throw new IllegalArgumentException("--limit must be 1..100000, got " + v);
                }
                case "--config", "--set" -> {
                    t.configArgs.add(a);
                    t.configArgs.add(value(args, ++i, a));
                }
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        return t;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].isEmpty()) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static void split(String v, Set<String> into) {
        for (String s : v.split(",")) if (!s.isBlank()) into.add(s.trim());
    }

    Predicate<HotEntry> filter() {
        return e -> (services.isEmpty() || services.contains(e.service()))
                && (levels.isEmpty() || (e.level() != null && levels.contains(level(e.level()))))
                && (correlationId == null || correlationId.equals(e.correlationId()))
                && (grep == null || e.message().toLowerCase(Locale.ROOT).contains(grep));
    }

    /** Prints the matching recent events, then with -f what arrives, until interrupted. */
    public void run(HotTierReader reader, PrintStream out) throws InterruptedException {
        Predicate<HotEntry> filter = filter();
        if (correlationId != null && !follow) {
            for (HotEntry e : reader.request(correlationId)) if (filter.test(e)) print(e, out);
            return;
        }
        List<String> streams = reader.streams(services);
        Map<String, String> positions = reader.ends(streams); // before reading back, so nothing falls between
        Seen seen = new Seen();
        for (HotEntry e : reader.recent(streams, System.currentTimeMillis() - sinceMs, limit, filter)) {
            seen.add(e.id());
            print(e, out);
        }
        if (!follow) return;
        PriorityQueue<Buffered> buffer =
                new PriorityQueue<>(Comparator.comparingLong((Buffered b) -> b.entry.timestamp()));
        long nextStreamRefresh = System.currentTimeMillis() + 5_000;
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.currentTimeMillis();
            for (HotEntry e : reader.next(positions, Duration.ofMillis(REORDER_MS))) {
                if (filter.test(e) && seen.add(e.id())) buffer.add(new Buffered(e, now));
            }
            // an event is printed once it has waited out the reorder window, in event-time order
            now = System.currentTimeMillis();
            while (!buffer.isEmpty() && buffer.peek().arrived + REORDER_MS <= now) print(buffer.poll().entry, out);
            if (services.isEmpty() && now >= nextStreamRefresh) {
                for (String s : reader.streams(services))
                    positions.putIfAbsent(s, "0-0"); // services that started since
                nextStreamRefresh = now + 5_000;
            }
        }
    }

    void print(HotEntry e, PrintStream out) {
        if (json) {
            out.println(e.json());
            return;
        }
        String level = e.level() == null ? "-" : level(e.level());
        String line = TIME.format(Instant.ofEpochMilli(e.timestamp())) + "  " + pad(e.service(), 20) + " "
                + pad(level, 5) + "  " + e.message().replace('\n', ' ')
                + (e.correlationId() == null ? "" : "  [" + e.correlationId() + "]");
        out.println(color ? colour(level) + line + "\u001b[0m" : line);
    }

    /**
     * A log's level or an error's severity ({@code warning}, {@code error}, {@code fatal}) in the log levels' words,
     * so that {@code --level warn} finds both and they print alike.
     */
    static String level(String levelOrSeverity) {
        String l = levelOrSeverity.toUpperCase(Locale.ROOT);
        return l.equals("WARNING") ? "WARN" : l;
    }

    /** {@code level} as {@link #level} gives it. */
    private static String colour(String level) {
        return switch (level) {
            case "ERROR", "FATAL" -> "\u001b[31m";
            case "WARN" -> "\u001b[33m";
            case "DEBUG", "TRACE" -> "\u001b[90m";
            default -> "";
        };
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private record Buffered(HotEntry entry, long arrived) {}

    /** The IDs printed lately (bounded), so a replayed event shows once. */
    private static final class Seen {
        private final Map<String, Boolean> ids = new LinkedHashMap<>(1 << 12, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > 100_000;
            }
        };

        boolean add(String id) {
            return ids.put(id, Boolean.TRUE) == null;
        }
    }
}
