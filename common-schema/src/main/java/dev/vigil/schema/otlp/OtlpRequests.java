package dev.vigil.schema.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.vigil.schema.event.DeadLetterReason;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;

/**
 * Bytes of one OTLP export request to its generated protobuf message. Protobuf through the message's own parser;
 * OTLP/JSON streamed by Jackson into the message's builders ({@link OtlpJson}). No hand-written protobuf decoding.
 *
 * <p>Not thread-safe: one instance per operator subtask.
 */
public final class OtlpRequests {
    private final JsonFactory json;
    private final int maxDepth;

    public OtlpRequests(int maxDepth) {
        this.maxDepth = maxDepth;
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        // a record's value sits 8 levels inside the request, and each level of a nested value
                        // ({"kvlistValue":{"values":[{"key":..,"value":...}]}}) is 4 JSON levels; the contract
                        // parser then holds each record to parser.max-depth as for any event
                        .maxNestingDepth(4 * maxDepth + 8)
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
        try (JsonParser p = json.createParser(bytes)) {
            p.nextToken();
            Message request;
            switch (signal) {
                case LOGS:
                    request = OtlpJson.logs(p);
                    break;
                case METRICS:
                    request = OtlpJson.metrics(p);
                    break;
                default:
                    request = OtlpJson.traces(p);
            }
            if (p.nextToken() != null) throw new Unreadable("content after the OTLP/JSON request");
            return request;
        } catch (IOException e) {
            throw new Unreadable("not OTLP/JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
