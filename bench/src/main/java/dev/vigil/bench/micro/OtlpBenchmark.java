package dev.vigil.bench.micro;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sources.ParsedRecord;
import dev.vigil.runtime.sources.RecordParser;
import dev.vigil.schema.otlp.OtlpEncoding;
import dev.vigil.workload.otlp.OtlpExports;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A job's record parser on OTLP log records against the same log line as a JSON contract event (Payloads.LOG_400),
 * per event: an export request of {@value #RECORDS} records, as the OpenTelemetry SDK encodes it, counts as
 * {@value #RECORDS} operations. Single-threaded, so ops/s = events/s per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class OtlpBenchmark {
    static final int RECORDS = 100;
    private static final byte[] LOG_WITHOUT_ID = new String(Payloads.LOG_400, java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"event_id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",", "")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private RecordParser parser;
    private byte[] proto;
    private byte[] json;
    private final RecordParser.Counts counts = new RecordParser.Counts();

    @Setup
    public void setUp() {
        // the payloads' fixed times stay valid whatever the date: no max-past check
        parser = RecordParser.of(
                VigilConfig.load(
                        "kafka.topic-formats: [\"proto=otlp-proto:logs\", \"json=otlp-json:logs\"]\n"
                                + "parser.max-past: 0",
                        List.of(),
                        Map.of()),
                "agent-logs");
        Context traced = Context.root()
                .with(io.opentelemetry.api.trace.Span.wrap(SpanContext.create(
                        "4bf92f3577b34da6a3ce929d0e0e4736",
                        "00f067aa0ba902b7",
                        TraceFlags.getSampled(),
                        TraceState.getDefault())));
        proto = request(OtlpEncoding.PROTO, traced);
        json = request(OtlpEncoding.JSON, traced); // with trace and span IDs, as the contract line has them
        // measured only if every payload gives valid events (dead letters are cheaper and would flatter the number)
        for (Object[] p : new Object[][] {
            {Payloads.LOG_400, "vigil.agent-logs", 1},
            {LOG_WITHOUT_ID, "vigil.agent-logs", 1},
            {proto, "vigil.proto", RECORDS},
            {json, "vigil.json", RECORDS}
        }) {
            java.util.List<ParsedRecord> out = new java.util.ArrayList<>();
            parser.read((byte[]) p[0], Long.MIN_VALUE, (String) p[1], 0, 0, counts, out::add);
            if (out.size() != (int) p[2] || out.stream().anyMatch(r -> r.event == null)) {
                throw new IllegalStateException(p[1] + " does not parse to valid events: " + out.get(0).deadLetter);
            }
        }
    }

    /** {@value #RECORDS} copies of the benchmark's log line, in {@code context}, as one export request. */
    private static byte[] request(OtlpEncoding encoding, Context context) {
        try (OtlpExports svc = new OtlpExports(Attributes.builder()
                .put("service.name", "checkout")
                .put("deployment.environment.name", "prod")
                .put("host.name", "web-7")
                .build())) {
            for (int i = 0; i < RECORDS; i++) {
                svc.logger("checkout.api.CartController")
                        .logRecordBuilder()
                        .setTimestamp(Instant.parse("2026-11-28T10:15:30.123Z").plusMillis(i))
                        .setSeverity(Severity.INFO)
                        .setBody("cart loaded in 42 ms (3 items)")
                        .setContext(context)
                        .setAttribute(AttributeKey.longKey("http.status"), 200L)
                        .emit();
            }
            return svc.logs(encoding);
        }
    }

    @Benchmark
    public void contractJson(Blackhole bh) {
        parser.read(Payloads.LOG_400, Long.MIN_VALUE, "vigil.agent-logs", 0, 0, counts, bh::consume);
    }

    /** The same line without its event_id, which the parser then derives from a hash of the bytes (OTLP records hash their request). */
    @Benchmark
    public void contractJsonWithoutId(Blackhole bh) {
        parser.read(LOG_WITHOUT_ID, Long.MIN_VALUE, "vigil.agent-logs", 0, 0, counts, bh::consume);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void otlpProtoLogs(Blackhole bh) {
        parser.read(proto, Long.MIN_VALUE, "vigil.proto", 0, 0, counts, consumer(bh));
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void otlpJsonLogs(Blackhole bh) {
        parser.read(json, Long.MIN_VALUE, "vigil.json", 0, 0, counts, consumer(bh));
    }

    private static Consumer<ParsedRecord> consumer(Blackhole bh) {
        return bh::consume;
    }
}
