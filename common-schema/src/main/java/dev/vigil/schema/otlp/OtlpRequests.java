package dev.vigil.schema.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.vigil.schema.event.DeadLetterReason;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Bytes of one OTLP export request to its generated protobuf message. Protobuf through the message's own parser;
 * OTLP/JSON streamed through Jackson, which turns the hex trace and span IDs that OTLP/JSON carries (where
 * protobuf's JSON mapping expects base64) into base64, then protobuf's JSON mapping fills the message. No
 * hand-written protobuf decoding.
 *
 * <p>Not thread-safe: one instance per operator subtask.
 */
public final class OtlpRequests {
    /** OTLP/JSON fields that hold IDs as hex: the trace and span IDs of spans, links, log records and exemplars. */
    private static final Set<String> HEX_ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");

    private static final JsonFormat.Parser JSON_MAPPING = JsonFormat.parser().ignoringUnknownFields();
    private final JsonFactory json;
    private final int maxDepth;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(4096);

    public OtlpRequests(int maxDepth) {
        this.maxDepth = maxDepth;
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .build())
                .build();
    }

    /** Why a request could not be read at all (it is dead-lettered whole). */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;
        public final DeadLetterReason reason;

        Unreadable(DeadLetterReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        Unreadable(String message) {
            this(DeadLetterReason.MALFORMED_OTLP, message);
        }
    }

    /** The request in {@code bytes}, an {@code Export*ServiceRequest} of the signal. */
    public Message read(byte[] bytes, OtlpSignal signal, OtlpEncoding encoding) throws Unreadable {
        if (bytes == null || bytes.length == 0) throw new Unreadable("empty OTLP request");
        return encoding == OtlpEncoding.PROTO ? readProto(bytes, signal) : readJson(bytes, signal);
    }

    private Message readProto(byte[] bytes, OtlpSignal signal) throws Unreadable {
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            // AnyValue nests (arrays, key-value lists): each level is two protobuf messages deep.
            in.setRecursionLimit(2 * maxDepth + 8);
            switch (signal) {
                case LOGS:
                    return ExportLogsServiceRequest.parseFrom(in);
                case METRICS:
                    return ExportMetricsServiceRequest.parseFrom(in);
                default:
                    return ExportTraceServiceRequest.parseFrom(in);
            }
        } catch (InvalidProtocolBufferException e) {
            throw new Unreadable(
                    "not an OTLP " + signal.wireName() + " protobuf request: " + firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new Unreadable("not an OTLP " + signal.wireName() + " protobuf request");
        }
    }

    private Message readJson(byte[] bytes, OtlpSignal signal) throws Unreadable {
        Message.Builder builder;
        String top;
        switch (signal) {
            case LOGS:
                builder = ExportLogsServiceRequest.newBuilder();
                top = "resourceLogs";
                break;
            case METRICS:
                builder = ExportMetricsServiceRequest.newBuilder();
                top = "resourceMetrics";
                break;
            default:
                builder = ExportTraceServiceRequest.newBuilder();
                top = "resourceSpans";
        }
        String mapped;
        try {
            mapped = withBase64Ids(bytes, top);
        } catch (IOException e) {
            throw new Unreadable("not OTLP/JSON: " + firstLine(e.getMessage()));
        }
        try {
            JSON_MAPPING.merge(mapped, builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new Unreadable("not an OTLP/JSON " + signal.wireName() + " request: " + firstLine(e.getMessage()));
        }
        return builder.build();
    }

    /**
     * The same JSON, token by token, with hex IDs as base64. Also checks the request is of the topic's signal: a
     * top-level member other than {@code top} (say resourceSpans on a logs topic) is refused, not ignored.
     */
    private String withBase64Ids(byte[] bytes, String top) throws IOException, Unreadable {
        buffer.reset();
        try (JsonParser p = json.createParser(bytes);
                JsonGenerator g = json.createGenerator(buffer)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new Unreadable("an OTLP/JSON request is a JSON object");
            g.writeStartObject();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!name.equals(top) && !name.equals(snake(top))) {
                    throw new Unreadable("an OTLP/JSON request on this topic holds " + top + ", not " + name);
                }
                p.nextToken();
                g.writeFieldName(name);
                copy(p, g);
            }
            if (p.nextToken() != null) throw new Unreadable("content after the OTLP/JSON request");
            g.writeEndObject();
        }
        return new String(buffer.toByteArray(), StandardCharsets.UTF_8);
    }

    private static void copy(JsonParser p, JsonGenerator g) throws IOException, Unreadable {
        int depth = 0;
        do {
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT:
                    g.writeStartObject();
                    depth++;
                    break;
                case START_ARRAY:
                    g.writeStartArray();
                    depth++;
                    break;
                case END_OBJECT:
                    g.writeEndObject();
                    depth--;
                    break;
                case END_ARRAY:
                    g.writeEndArray();
                    depth--;
                    break;
                case FIELD_NAME: {
                    String name = p.currentName();
                    g.writeFieldName(name);
                    if (HEX_ID_FIELDS.contains(name)) {
                        if (p.nextToken() != JsonToken.VALUE_STRING) {
                            throw new Unreadable("OTLP/JSON " + name + " must be a hex string");
                        }
                        g.writeString(base64(p.getText(), name));
                    }
                    break;
                }
                default:
                    g.copyCurrentEvent(p);
            }
            if (depth > 0) p.nextToken();
        } while (depth > 0);
    }

    private static String base64(String hex, String field) throws Unreadable {
        if (hex.isEmpty()) return hex;
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new Unreadable("OTLP/JSON " + field + " must be hex");
        }
    }

    /** resourceLogs to resource_logs: protobuf's JSON mapping accepts both spellings. */
    private static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 2);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) b.append('_').append(Character.toLowerCase(c));
            else b.append(c);
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
