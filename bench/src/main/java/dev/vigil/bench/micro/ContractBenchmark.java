package dev.vigil.bench.micro;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.masking.EventMasker;
import dev.vigil.schema.masking.MaskingRules;
import dev.vigil.schema.masking.PiiMasker;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParseOutcome;
import dev.vigil.schema.parse.ParserLimits;
import dev.vigil.schema.sampling.Sampler;
import dev.vigil.schema.sampling.SamplingRules;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The per-event hot path of every job: parse + validate, mask, sample. Single-threaded, so ops/s = per core. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class ContractBenchmark {

    @Param({"log400", "agentStepPii", "error1600"})
    public String payload;

    private byte[] bytes;
    private EventParser parser;
    private EventMasker masker;
    private Sampler sampler;
    private Event parsed;

    @Setup
    public void setUp() {
        bytes = switch (payload) {
            case "log400" -> Payloads.LOG_400;
            case "agentStepPii" -> Payloads.AGENT_STEP_PII;
            default -> Payloads.ERROR_1600;
        };
        parser = new EventParser(ParserLimits.withoutClockWindow());
        masker = new EventMasker(
                new PiiMasker(MaskingRules.defaults(), "bench-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
        sampler = new Sampler(new SamplingRules().defaultRate(0.1));
        parsed = parser.parse(bytes).event();
    }

    @Benchmark
    public ParseOutcome parseAndValidate() {
        return parser.parse(bytes);
    }

    @Benchmark
    public Event parseAndMask() {
        return masker.mask(parser.parse(bytes).event());
    }

    @Benchmark
    public boolean parseMaskAndSample() {
        return sampler.keep(masker.mask(parser.parse(bytes).event()));
    }

    @Benchmark
    public boolean sampleOnly() {
        return sampler.keep(parsed);
    }
}
