package dev.vigil.schema.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.schema.correlation.Correlation;
import dev.vigil.schema.correlation.TraceContext;
import dev.vigil.schema.event.Attribute;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.MetricKind;
import dev.vigil.schema.event.ResourceUsage;
import dev.vigil.schema.event.StackFrame;
import dev.vigil.schema.parse.Timestamps;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The contract's value types: each reader is the one place its rules are checked. */
public final class ValueTypes {
    /** Longest label (logger, tool, model, metric and event names, error type, ...): they become Elasticsearch keywords and TimescaleDB key columns. */
    public static final int MAX_LABEL_LENGTH = 256;
    /** Most buckets of one histogram (Prometheus' classic histograms use a dozen; state merges them per window). */
    public static final int MAX_BUCKETS = 256;
    /** Frames kept at each end of a deep stack. */
    public static final int KEPT_FRAMES_EACH_END = 128;

    private static final String KEYWORD = "{\"type\":\"keyword\",\"ignore_above\":1024}";
    private static final String NOT_INDEXED = "{\"type\":\"object\",\"enabled\":false}";
    private static final JsonFactory JSON = new JsonFactory();
    /** Marks a null member of a scalar map while it is read (compared by identity). */
    private static final String NO_VALUE = new String("null");

    private ValueTypes() {}

    /** A pre-bucketed histogram: ascending upper bounds (the last may be +Inf) and the count of each bucket. */
    public record Histogram(double[] bounds, long[] counts) {}

    /** A stack, bounded: the frames kept and how many were left out of the middle. */
    public record Stack(StackFrame[] frames, int omitted) {}

    /** Which stream the event belongs to. */
    public static final ValueType<EventType> EVENT_TYPE =
            new ValueType<>("a string", ValueType.Column.STRING, KEYWORD) {
                @Override
                EventType read(JsonParser p, String field) throws IOException {
                    EventType type = EventType.fromWireName(requiredString(p, field));
                    if (type == null) {
                        throw new Rejection(
                                DeadLetterReason.UNKNOWN_TYPE,
                                "type must be one of agent_log, business_event, performance_metric, error");
                    }
                    return type;
                }

                @Override
                void write(JsonGenerator g, EventType v) throws IOException {
                    g.writeString(v.wireName());
                }

                @Override
                Object cell(EventType v) {
                    return v.wireName();
                }
            };

    /** The contract version the producer wrote: 1 up to the current one. */
    public static ValueType<Integer> schemaVersion(int current) {
        return new ValueType<>("an integer", ValueType.Column.INT32, "{\"type\":\"integer\"}") {
            @Override
            Integer read(JsonParser p, String field) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw Rejection.wrongType(field, expected);
                long v = longValue(p, field);
                if (v < 1) throw new Rejection(DeadLetterReason.INVALID_VALUE, field + " must be >= 1");
                if (v > current) {
                    throw new Rejection(
                            DeadLetterReason.UNSUPPORTED_SCHEMA_VERSION,
                            field + " " + v + " is newer than the supported " + current);
                }
                return (int) v;
            }

            @Override
            void write(JsonGenerator g, Integer v) throws IOException {
                g.writeNumber(v);
            }
        };
    }

    /** Event time: an RFC 3339 string or epoch milliseconds, within the contract's range; epoch millis after parsing. */
    public static final ValueType<Long> TIMESTAMP =
            new ValueType<>(
                    "an RFC 3339 string or epoch milliseconds",
                    ValueType.Column.TIMESTAMP_MILLIS,
                    "{\"type\":\"date\",\"format\":\"epoch_millis\"}") {
                @Override
                Long read(JsonParser p, String field) throws IOException {
                    JsonToken t = p.currentToken();
                    long millis;
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        if (p.getNumberType() != JsonParser.NumberType.INT
                                && p.getNumberType() != JsonParser.NumberType.LONG) {
                            throw outOfRange(field);
                        }
                        millis = p.getLongValue();
                    } else if (t == JsonToken.VALUE_STRING) {
                        millis = Timestamps.parseRfc3339(p.getText());
                        if (millis == Timestamps.UNPARSEABLE) {
                            throw new Rejection(
                                    DeadLetterReason.TIMESTAMP_UNPARSEABLE,
                                    field + " must be RFC 3339 (e.g. 2026-01-31T12:00:00.123Z) or epoch milliseconds");
                        }
                    } else {
                        throw Rejection.wrongType(field, expected);
                    }
                    if (!Timestamps.inContractRange(millis)) throw outOfRange(field);
                    return millis;
                }

                private Rejection outOfRange(String field) {
                    return new Rejection(
                            DeadLetterReason.TIMESTAMP_OUT_OF_RANGE, field + " is outside 2000-01-01..2100-01-01");
                }

                @Override
                void write(JsonGenerator g, Long v) throws IOException {
                    g.writeNumber(v);
                }
            };

    /** Service and environment names: safe in index names, metric labels and SQL keys. */
    public static final ValueType<String> NAME = new ValueType<>("a string", ValueType.Column.STRING, KEYWORD) {
        @Override
        String read(JsonParser p, String field) throws IOException {
            String v = optionalString(p, field);
            if (v == null) return null;
            if (v.isEmpty() || v.length() > 128 || !isNameStart(v.charAt(0))) throw notAName(field);
            for (int i = 1; i < v.length(); i++) {
                char c = v.charAt(i);
                if (!(isNameStart(c) || c == '.' || c == '_' || c == '-')) throw notAName(field);
            }
            return v;
        }

        private Rejection notAName(String field) {
            return new Rejection(
                    DeadLetterReason.INVALID_VALUE, field + " must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
        }

        @Override
        void write(JsonGenerator g, String v) throws IOException {
            g.writeString(v);
        }
    };

    /** An identifier of at most {@code maxLength} printable ASCII characters without spaces: safe as a document ID or key. */
    public static ValueType<String> token(int maxLength) {
        return new StringType(KEYWORD) {
            @Override
            String read(JsonParser p, String field) throws IOException {
                String v = optionalString(p, field);
                if (v != null && !Correlation.isPrintableToken(v, maxLength)) {
                    throw new Rejection(
                            DeadLetterReason.INVALID_VALUE,
                            field + " must be 1.." + maxLength + " printable ASCII characters without spaces");
                }
                return v;
            }
        };
    }

    /** A W3C trace ID (32 lower-case hex characters) or span ID (16), not all zero. */
    public static ValueType<String> traceHex(int hexLength) {
        return new StringType(KEYWORD) {
            @Override
            String read(JsonParser p, String field) throws IOException {
                String v = optionalString(p, field);
                if (v == null) return null;
                boolean ok = hexLength == 32 ? TraceContext.isValidTraceId(v) : TraceContext.isValidSpanId(v);
                if (!ok) {
                    throw new Rejection(
                            DeadLetterReason.INVALID_TRACE_CONTEXT,
                            field + " must be " + hexLength + " lower-case hex characters, not all zero");
                }
                return v;
            }
        };
    }

    /** A W3C {@code traceparent} header value; only read: it fills trace_id and span_id. */
    public static final ValueType<TraceContext> TRACEPARENT = new ValueType<>("a string", null, null) {
        @Override
        TraceContext read(JsonParser p, String field) throws IOException {
            String tp = optionalString(p, field);
            if (tp == null) return null;
            TraceContext context = TraceContext.parse(tp);
            if (context == null) {
                throw new Rejection(DeadLetterReason.INVALID_TRACE_CONTEXT, field + " is not a valid W3C traceparent");
            }
            return context;
        }

        @Override
        void write(JsonGenerator g, TraceContext v) {
            throw new IllegalStateException("traceparent is only read");
        }
    };

    /**
     * Free-form attributes: flattened by the parser together with unknown top-level fields (their keys
     * must not collide, and one limit counts both), so it has no reader of its own.
     */
    public static final ValueType<Map<String, Attribute>> ATTRIBUTES =
            new ValueType<>("an object", ValueType.Column.JSON, NOT_INDEXED) {
                @Override
                Map<String, Attribute> read(JsonParser p, String field) {
                    throw new IllegalStateException("attributes are flattened by the parser");
                }

                @Override
                void write(JsonGenerator g, Map<String, Attribute> v) throws IOException {
                    g.writeStartObject();
                    writeAttributeMembers(g, v);
                    g.writeEndObject();
                }

                @Override
                void writeField(JsonGenerator g, String field, Map<String, Attribute> v) throws IOException {
                    if (!v.isEmpty()) super.writeField(g, field, v);
                }

                @Override
                Object cell(Map<String, Attribute> v) {
                    return v.isEmpty() ? null : jsonText(g -> write(g, v));
                }
            };

    /** Free text (messages): a NUL becomes U+FFFD, since no PostgreSQL text can hold it. */
    public static final ValueType<String> TEXT = new StringType("{\"type\":\"text\"}") {
        @Override
        String read(JsonParser p, String field) throws IOException {
            String v = optionalString(p, field);
            return v == null ? null : text(v);
        }
    };

    /** A short label (logger, tool, model, names, units): a keyword and a table key, so bounded and without control characters. */
    public static final ValueType<String> LABEL = new StringType(KEYWORD) {
        @Override
        String read(JsonParser p, String field) throws IOException {
            return bounded(optionalString(p, field), field);
        }
    };

    /** The log levels {@link #LEVEL} gives, least severe first. */
    public static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    /** A log level: lower, UPPER or Capitalized as the schema's enum lists them, "warning" meaning WARN; upper-cased. */
    public static final ValueType<String> LEVEL = new StringType(KEYWORD) {
        @Override
        String read(JsonParser p, String field) throws IOException {
            String v = optionalString(p, field);
            if (v == null) return null;
            switch (v) {
                case "trace":
                case "TRACE":
                case "Trace":
                    return "TRACE";
                case "debug":
                case "DEBUG":
                case "Debug":
                    return "DEBUG";
                case "info":
                case "INFO":
                case "Info":
                    return "INFO";
                case "warn":
                case "WARN":
                case "Warn":
                case "warning":
                case "WARNING":
                case "Warning":
                    return "WARN";
                case "error":
                case "ERROR":
                case "Error":
                    return "ERROR";
                case "fatal":
                case "FATAL":
                case "Fatal":
                    return "FATAL";
                default:
                    throw new Rejection(
                            DeadLetterReason.INVALID_VALUE,
                            field + " must be one of "
                                    + String.join(", ", LOG_LEVELS).toLowerCase(Locale.ROOT));
            }
        }
    };

    /** An ISO 4217 currency code such as EUR. */
    public static final ValueType<String> CURRENCY = new StringType(KEYWORD) {
        @Override
        String read(JsonParser p, String field) throws IOException {
            String c = optionalString(p, field);
            if (c != null && !isCurrency(c)) {
                throw new Rejection(DeadLetterReason.INVALID_VALUE, field + " must be an ISO 4217 code such as EUR");
            }
            return c;
        }
    };

    /** An error's severity: warning, error or fatal. */
    public static final ValueType<String> SEVERITY = new StringType(KEYWORD) {
        @Override
        String read(JsonParser p, String field) throws IOException {
            String s = optionalString(p, field);
            if (s != null && !s.equals("warning") && !s.equals("error") && !s.equals("fatal")) {
                throw new Rejection(DeadLetterReason.INVALID_VALUE, field + " must be one of warning, error, fatal");
            }
            return s;
        }
    };

    /** A value Vigil sets (a group ID): never read from input, where the name stays an attribute. */
    public static final ValueType<String> DERIVED_KEYWORD = new StringType(KEYWORD) {
        @Override
        String read(JsonParser p, String field) {
            throw new IllegalStateException(field + " is set by Vigil, not read");
        }
    };

    /** A metric's kind: counter, gauge, histogram or timer. */
    public static final ValueType<MetricKind> METRIC_KIND =
            new ValueType<>("a string", ValueType.Column.STRING, KEYWORD) {
                @Override
                MetricKind read(JsonParser p, String field) throws IOException {
                    String v = optionalString(p, field);
                    if (v == null) return null;
                    MetricKind kind = MetricKind.fromWireName(v);
                    if (kind == null) {
                        throw new Rejection(
                                DeadLetterReason.INVALID_VALUE,
                                field
                                        + " must be one of counter, delta, gauge, histogram, cumulative_histogram, timer");
                    }
                    return kind;
                }

                @Override
                void write(JsonGenerator g, MetricKind v) throws IOException {
                    g.writeString((String) cell(v));
                }

                @Override
                Object cell(MetricKind v) {
                    return v.name().toLowerCase(Locale.ROOT);
                }
            };

    /** A non-negative integer (steps, token counts). */
    public static final ValueType<Long> COUNT =
            new ValueType<>("an integer", ValueType.Column.INT64, "{\"type\":\"long\"}") {
                @Override
                Long read(JsonParser p, String field) throws IOException {
                    JsonToken t = p.currentToken();
                    if (t == JsonToken.VALUE_NULL) return null;
                    if (t != JsonToken.VALUE_NUMBER_INT) throw Rejection.wrongType(field, expected);
                    long v = longValue(p, field);
                    if (v < 0) throw new Rejection(DeadLetterReason.INVALID_VALUE, field + " must be >= 0");
                    return v;
                }

                @Override
                void write(JsonGenerator g, Long v) throws IOException {
                    g.writeNumber(v);
                }
            };

    /** Any finite number (a business value, a metric reading). */
    public static final ValueType<Double> NUMBER = new DoubleType(false);

    /** A finite number >= 0 (cost, duration, resource readings). */
    public static final ValueType<Double> AMOUNT = new DoubleType(true);

    /** A true or false. */
    public static final ValueType<Boolean> BOOLEAN =
            new ValueType<>("a boolean", ValueType.Column.BOOLEAN, "{\"type\":\"boolean\"}") {
                @Override
                Boolean read(JsonParser p, String field) throws IOException {
                    return optionalBoolean(p, field);
                }

                @Override
                void write(JsonGenerator g, Boolean v) throws IOException {
                    g.writeBoolean(v);
                }
            };

    /** An HTTP status code, 100..599. */
    public static final ValueType<Integer> HTTP_STATUS =
            new ValueType<>("an integer", ValueType.Column.INT32, "{\"type\":\"integer\"}") {
                @Override
                Integer read(JsonParser p, String field) throws IOException {
                    if (p.currentToken() == JsonToken.VALUE_NULL) return null;
                    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw Rejection.wrongType(field, expected);
                    long v = longValue(p, field);
                    if (v < 100 || v > 599)
                        throw new Rejection(DeadLetterReason.INVALID_VALUE, field + " must be 100..599");
                    return (int) v;
                }

                @Override
                void write(JsonGenerator g, Integer v) throws IOException {
                    g.writeNumber(v);
                }
            };

    /** A flat object of scalars (properties, tags), kept as strings; keys and values are labels. */
    public static final ValueType<Map<String, String>> SCALAR_MAP =
            new ValueType<>("an object", ValueType.Column.JSON, NOT_INDEXED) {
                @Override
                Map<String, String> read(JsonParser p, String field) throws IOException {
                    if (p.currentToken() == JsonToken.VALUE_NULL) return null;
                    if (p.currentToken() != JsonToken.START_OBJECT) throw Rejection.wrongType(field, expected);
                    Map<String, String> map = new HashMap<>();
                    boolean nulls = false;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = label(wellFormed(p.currentName(), field), field);
                        JsonToken v = p.nextToken();
                        // A null member is dropped, but held until the end so that a key given twice is caught.
                        String value = v == JsonToken.VALUE_NULL ? NO_VALUE : null;
                        if (value == null) {
                            if (!v.isScalarValue())
                                throw Rejection.wrongType(field + "." + key, "a string, number or boolean");
                            value = label(wellFormed(p.getText(), field), field);
                        } else {
                            nulls = true;
                        }
                        if (map.put(key, value) != null) {
                            throw new Rejection(DeadLetterReason.DUPLICATE_FIELD, field + " has a key twice");
                        }
                    }
                    if (nulls) map.values().removeIf(v -> v == NO_VALUE);
                    return map;
                }

                @Override
                void write(JsonGenerator g, Map<String, String> v) throws IOException {
                    g.writeStartObject();
                    for (Map.Entry<String, String> e : new TreeMap<>(v).entrySet())
                        g.writeStringField(e.getKey(), e.getValue());
                    g.writeEndObject();
                }

                @Override
                Object cell(Map<String, String> v) {
                    return v.isEmpty() ? null : jsonText(g -> write(g, v));
                }
            };

    /** Histogram buckets {@code [{le, count}]} in ascending le order, at most {@value #MAX_BUCKETS}. */
    public static final ValueType<Histogram> BUCKETS = new ValueType<>("an array", ValueType.Column.JSON, NOT_INDEXED) {
        @Override
        Histogram read(JsonParser p, String field) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) return null;
            if (p.currentToken() != JsonToken.START_ARRAY) throw Rejection.wrongType(field, expected);
            double[] bounds = new double[8];
            long[] counts = new long[8];
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.START_OBJECT)
                    throw Rejection.wrongType(field + "[]", "an object {le, count}");
                double le = Double.NaN;
                long count = -1;
                // Members other than le and count are skipped unread, so only these two need to be unique.
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String member = p.currentName();
                    JsonToken v = p.nextToken();
                    if ((member.equals("le") && !Double.isNaN(le)) || (member.equals("count") && count >= 0)) {
                        throw Rejection.duplicate(field + "[]." + member);
                    }
                    if (member.equals("le")) {
                        if (v == JsonToken.VALUE_STRING && p.getText().equals("+Inf")) {
                            le = Double.POSITIVE_INFINITY;
                        } else if (v.isNumeric()) {
                            le = p.getDoubleValue();
                            if (!Double.isFinite(le)) {
                                throw new Rejection(
                                        DeadLetterReason.INVALID_VALUE, field + "[].le must be finite or \"+Inf\"");
                            }
                        } else {
                            throw Rejection.wrongType(field + "[].le", "a number or \"+Inf\"");
                        }
                    } else if (member.equals("count")) {
                        if (v != JsonToken.VALUE_NUMBER_INT)
                            throw Rejection.wrongType(field + "[].count", "an integer");
                        count = longValue(p, field, "[].count");
                        if (count < 0)
                            throw new Rejection(DeadLetterReason.INVALID_VALUE, field + "[].count must be >= 0");
                    } else {
                        p.skipChildren();
                    }
                }
                if (Double.isNaN(le) || count < 0) {
                    throw new Rejection(DeadLetterReason.MISSING_FIELD, field + "[] needs le and count");
                }
                if (n > 0 && le <= bounds[n - 1]) {
                    throw new Rejection(DeadLetterReason.INVALID_VALUE, field + " must be in ascending le order");
                }
                if (n == MAX_BUCKETS) {
                    throw new Rejection(
                            DeadLetterReason.INVALID_VALUE, field + " must hold at most " + MAX_BUCKETS + " entries");
                }
                if (n == bounds.length) {
                    bounds = Arrays.copyOf(bounds, n * 2);
                    counts = Arrays.copyOf(counts, n * 2);
                }
                bounds[n] = le;
                counts[n] = count;
                n++;
            }
            if (n == 0) throw new Rejection(DeadLetterReason.INVALID_VALUE, field + " must not be empty");
            return new Histogram(Arrays.copyOf(bounds, n), Arrays.copyOf(counts, n));
        }

        @Override
        void write(JsonGenerator g, Histogram v) throws IOException {
            g.writeStartArray();
            for (int i = 0; i < v.bounds.length; i++) {
                g.writeStartObject();
                if (Double.isInfinite(v.bounds[i])) g.writeStringField("le", "+Inf");
                else g.writeNumberField("le", v.bounds[i]);
                g.writeNumberField("count", v.counts[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
        }

        /** In the archive an object from upper bound to count, {@code {"0.1": 3, "Infinity": 1}}, for json_extract by bound. */
        @Override
        Object cell(Histogram v) {
            return jsonText(g -> {
                g.writeStartObject();
                for (int i = 0; i < v.bounds.length; i++) g.writeNumberField(Double.toString(v.bounds[i]), v.counts[i]);
                g.writeEndObject();
            });
        }
    };

    /** Resource readings of a process: CPU and GPU percent, memory bytes, queue depth, each >= 0. */
    public static final ValueType<ResourceUsage> RESOURCE =
            new ValueType<>(
                    "an object",
                    ValueType.Column.JSON,
                    "{\"properties\":{\"cpu_percent\":{\"type\":\"double\"},\"memory_bytes\":{\"type\":\"double\"},"
                            + "\"gpu_percent\":{\"type\":\"double\"},\"queue_depth\":{\"type\":\"double\"}}}") {
                @Override
                ResourceUsage read(JsonParser p, String field) throws IOException {
                    if (p.currentToken() == JsonToken.VALUE_NULL) return null;
                    if (p.currentToken() != JsonToken.START_OBJECT) throw Rejection.wrongType(field, expected);
                    ResourceUsage r = new ResourceUsage();
                    int seen = 0; // the members read, one bit each: a member given twice is rejected, unknown ones are
                    // skipped
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String member = p.currentName();
                        p.nextToken();
                        seen = once(seen, RESOURCE_MEMBERS.indexOf(member), field, "." + member);
                        switch (member) {
                            case "cpu_percent":
                                r.cpuPercent = memberAmount(p, field, ".cpu_percent");
                                break;
                            case "memory_bytes":
                                r.memoryBytes = memberAmount(p, field, ".memory_bytes");
                                break;
                            case "gpu_percent":
                                r.gpuPercent = memberAmount(p, field, ".gpu_percent");
                                break;
                            case "queue_depth":
                                r.queueDepth = memberAmount(p, field, ".queue_depth");
                                break;
                            default:
                                p.skipChildren();
                        }
                    }
                    return r;
                }

                @Override
                void write(JsonGenerator g, ResourceUsage v) throws IOException {
                    g.writeStartObject();
                    number(g, "cpu_percent", v.cpuPercent);
                    number(g, "memory_bytes", v.memoryBytes);
                    number(g, "gpu_percent", v.gpuPercent);
                    number(g, "queue_depth", v.queueDepth);
                    g.writeEndObject();
                }

                @Override
                Object cell(ResourceUsage v) {
                    return jsonText(g -> write(g, v));
                }
            };

    /**
     * A stack of frames {@code [{module, function, file, line, in_app}]}, bounded: of a deeper one (a
     * StackOverflowError has thousands of frames) the first and the last {@value #KEPT_FRAMES_EACH_END}
     * frames are kept, where the error was thrown and where the recursion began, and the omitted ones
     * are counted, written as {@code frames_omitted}.
     */
    public static final ValueType<Stack> FRAMES =
            new ValueType<>(
                    "an array",
                    ValueType.Column.JSON,
                    "{\"properties\":{\"module\":" + KEYWORD + ",\"function\":" + KEYWORD + ",\"file\":" + KEYWORD
                            + ",\"line\":{\"type\":\"integer\"},\"in_app\":{\"type\":\"boolean\"}}}") {
                @Override
                Stack read(JsonParser p, String field) throws IOException {
                    if (p.currentToken() == JsonToken.VALUE_NULL) return null;
                    if (p.currentToken() != JsonToken.START_ARRAY) throw Rejection.wrongType(field, expected);
                    List<StackFrame> frames = new ArrayList<>();
                    StackFrame[] tail = new StackFrame[KEPT_FRAMES_EACH_END];
                    int total = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() != JsonToken.START_OBJECT)
                            throw Rejection.wrongType(field + "[]", "an object");
                        StackFrame fr = frame(p, field);
                        if (total < KEPT_FRAMES_EACH_END) frames.add(fr);
                        else tail[total % KEPT_FRAMES_EACH_END] = fr;
                        total++;
                    }
                    int inTail = Math.min(Math.max(total - KEPT_FRAMES_EACH_END, 0), KEPT_FRAMES_EACH_END);
                    for (int k = total - inTail; k < total; k++) frames.add(tail[k % KEPT_FRAMES_EACH_END]);
                    return new Stack(frames.toArray(new StackFrame[0]), total - frames.size());
                }

                private StackFrame frame(JsonParser p, String field) throws IOException {
                    StackFrame fr = new StackFrame();
                    int seen = 0; // as for resource: known members once each, unknown ones skipped
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String member = p.currentName();
                        p.nextToken();
                        seen = once(seen, FRAME_MEMBERS.indexOf(member), field, "[]." + member);
                        switch (member) {
                            case "module":
                                fr.module = memberText(p, field, "[].module");
                                break;
                            case "function":
                                fr.function = memberText(p, field, "[].function");
                                break;
                            case "file":
                                fr.file = memberText(p, field, "[].file");
                                break;
                            case "line": {
                                if (p.currentToken() == JsonToken.VALUE_NULL) break;
                                if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                                    throw Rejection.wrongType(field + "[].line", "an integer");
                                }
                                long line = longValue(p, field, "[].line");
                                if (line < 0 || line > Integer.MAX_VALUE) {
                                    throw new Rejection(DeadLetterReason.INVALID_VALUE, field + "[].line must be >= 0");
                                }
                                fr.line = (int) line;
                                break;
                            }
                            case "in_app": {
                                Boolean b = optionalBoolean(p, field, "[].in_app");
                                fr.inApp = b != null && b;
                                break;
                            }
                            default:
                                p.skipChildren();
                        }
                    }
                    return fr;
                }

                @Override
                void write(JsonGenerator g, Stack v) throws IOException {
                    g.writeStartArray();
                    for (StackFrame f : v.frames) {
                        g.writeStartObject();
                        if (f.module != null) g.writeStringField("module", f.module);
                        if (f.function != null) g.writeStringField("function", f.function);
                        if (f.file != null) g.writeStringField("file", f.file);
                        g.writeNumberField("line", f.line);
                        g.writeBooleanField("in_app", f.inApp);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }

                @Override
                void writeField(JsonGenerator g, String field, Stack v) throws IOException {
                    super.writeField(g, field, v);
                    if (v.omitted > 0) g.writeNumberField(field + "_omitted", v.omitted);
                }

                /** In the archive one column holds both: {@code {"frames": [...], "frames_omitted": n}}. */
                @Override
                Object cell(Stack v) {
                    return jsonText(g -> {
                        g.writeStartObject();
                        writeField(g, "frames", v);
                        g.writeEndObject();
                    });
                }
            };

    private static final List<String> RESOURCE_MEMBERS =
            List.of("cpu_percent", "memory_bytes", "gpu_percent", "queue_depth");
    private static final List<String> FRAME_MEMBERS = List.of("module", "function", "file", "line", "in_app");

    /** Marks member {@code index} (-1: unknown, skipped) as read, rejecting it when it was read before. */
    private static int once(int seen, int index, String field, String member) {
        if (index < 0) return seen;
        if ((seen & (1 << index)) != 0) throw Rejection.duplicate(field + member);
        return seen | (1 << index);
    }

    // ---- attributes ----------------------------------------------------------------------------

    /** The members of the flat attributes object, in key order, each value with its JSON type (numbers as sent). */
    private static void writeAttributeMembers(JsonGenerator g, Map<String, Attribute> attributes) throws IOException {
        for (Map.Entry<String, Attribute> a : new TreeMap<>(attributes).entrySet()) {
            g.writeFieldName(a.getKey());
            writeAttribute(g, a.getValue());
        }
    }

    private static void writeAttribute(JsonGenerator g, Attribute a) throws IOException {
        switch (a.kind) {
            case STRING:
                g.writeString(a.text);
                break;
            case NUMBER:
                g.writeNumber(a.text);
                break;
            case BOOLEAN:
                g.writeBoolean(Boolean.parseBoolean(a.text));
                break;
            case NULL:
                g.writeNull();
                break;
            case EMPTY_OBJECT:
                g.writeStartObject();
                g.writeEndObject();
                break;
            case EMPTY_ARRAY:
                g.writeStartArray();
                g.writeEndArray();
                break;
            default:
                throw new IllegalStateException(a.kind.name());
        }
    }

    // ---- string rules, also used by the parser for attributes ------------------------------

    /**
     * A label or key (names, tags, properties, attribute keys): they become keyword fields, SQL key
     * columns and parts of window keys, so no C0 control character but tab and newline may appear
     * (a NUL fails PostgreSQL, the others are invisible in every sink and dashboard). Free text was
     * made well-formed already; this only checks.
     */
    public static String label(String s, String field) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n') {
                throw new Rejection(
                        DeadLetterReason.INVALID_VALUE,
                        field + " must not contain control characters (U+0000..U+001F but tab and newline)");
            }
        }
        return s;
    }

    /**
     * JSON may escape a lone surrogate (\ud800), which no UTF-8 writer can encode: the sinks would fail
     * on it (Elasticsearch) or silently turn it into '?' (Parquet, PostgreSQL). Rejected here instead.
     */
    public static String wellFormed(String s, String field) {
        if (!isWellFormed(s)) throw unpairedSurrogate(field);
        return s;
    }

    private static boolean isWellFormed(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) continue;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }

    private static Rejection unpairedSurrogate(String field) {
        return new Rejection(DeadLetterReason.INVALID_UTF8, field + " holds an unpaired surrogate escape");
    }

    /**
     * Free text (messages, attribute values, stack frames). A NUL (\u0000) is valid JSON but no
     * PostgreSQL text can hold it: it becomes U+FFFD, so every sink stores the same value and the rest
     * of the message survives. Other control characters are valid everywhere and kept.
     */
    public static String text(String s) {
        return s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\uFFFD');
    }

    static String requiredString(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw Rejection.wrongType(field, "a string");
        return wellFormed(p.getText(), field);
    }

    private static String optionalString(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_STRING) throw Rejection.wrongType(field, "a string");
        return wellFormed(p.getText(), field);
    }

    private static String bounded(String v, String field) {
        if (v == null) return null;
        if (v.length() > MAX_LABEL_LENGTH) {
            throw new Rejection(
                    DeadLetterReason.INVALID_VALUE, field + " must be at most " + MAX_LABEL_LENGTH + " characters");
        }
        return label(v, field);
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isCurrency(String c) {
        if (c.length() != 3) return false;
        for (int i = 0; i < 3; i++) {
            if (c.charAt(i) < 'A' || c.charAt(i) > 'Z') return false;
        }
        return true;
    }

    private static Boolean optionalBoolean(JsonParser p, String field) throws IOException {
        return optionalBoolean(p, field, "");
    }

    private static long longValue(JsonParser p, String field) throws IOException {
        return longValue(p, field, "");
    }

    // Readers of a member of a nested value (frames[].line): its name is put together only to reject it.

    private static Boolean optionalBoolean(JsonParser p, String field, String member) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw Rejection.wrongType(field + member, "a boolean");
        }
        return t == JsonToken.VALUE_TRUE;
    }

    private static long longValue(JsonParser p, String field, String member) throws IOException {
        JsonParser.NumberType nt = p.getNumberType();
        if (nt != JsonParser.NumberType.INT && nt != JsonParser.NumberType.LONG) {
            throw new Rejection(DeadLetterReason.INVALID_VALUE, field + member + " is out of range");
        }
        return p.getLongValue();
    }

    private static String memberText(JsonParser p, String field, String member) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_STRING) throw Rejection.wrongType(field + member, "a string");
        String v = p.getText();
        if (!isWellFormed(v)) throw unpairedSurrogate(field + member);
        return text(v);
    }

    private static Double memberAmount(JsonParser p, String field, String member) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (!t.isNumeric()) throw Rejection.wrongType(field + member, "a number");
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw new Rejection(DeadLetterReason.INVALID_VALUE, field + member + " must be a finite number");
        }
        if (v < 0) throw new Rejection(DeadLetterReason.INVALID_VALUE, field + member + " must be >= 0");
        return v;
    }

    private static void number(JsonGenerator g, String field, Double v) throws IOException {
        if (v != null) g.writeNumberField(field, v);
    }

    /** Writes one JSON value to text (the archive's JSON columns). */
    private static String jsonText(JsonWriting writing) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writing.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @FunctionalInterface
    private interface JsonWriting {
        void write(JsonGenerator g) throws IOException;
    }

    /** Values kept as Java strings and written as JSON strings. */
    private abstract static class StringType extends ValueType<String> {
        StringType(String mapping) {
            super("a string", Column.STRING, mapping);
        }

        @Override
        void write(JsonGenerator g, String v) throws IOException {
            g.writeString(v);
        }
    }

    private static final class DoubleType extends ValueType<Double> {
        private final boolean nonNegative;

        DoubleType(boolean nonNegative) {
            super("a number", Column.DOUBLE, "{\"type\":\"double\"}");
            this.nonNegative = nonNegative;
        }

        @Override
        Double read(JsonParser p, String field) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) return null;
            if (!t.isNumeric()) throw Rejection.wrongType(field, expected);
            double v = p.getDoubleValue();
            if (!Double.isFinite(v))
                throw new Rejection(DeadLetterReason.INVALID_VALUE, field + " must be a finite number");
            if (nonNegative && v < 0) throw new Rejection(DeadLetterReason.INVALID_VALUE, field + " must be >= 0");
            return v;
        }

        @Override
        void write(JsonGenerator g, Double v) throws IOException {
            g.writeNumber(v);
        }
    }
}
