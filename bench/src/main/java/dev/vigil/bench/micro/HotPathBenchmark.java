package dev.vigil.bench.micro;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.vigil.jobs.errors.functions.ErrorFingerprinter;
import dev.vigil.jobs.errors.functions.MessageNormalizer;
import dev.vigil.jobs.errors.functions.TemplateMiner;
import dev.vigil.runtime.sketches.Sketches;
import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.parse.EventParser;
import dev.vigil.schema.parse.ParserLimits;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Fingerprinting, sketch insert and merge, and the Flink serializer round trip of events. Single-threaded: ops/s = per core. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class HotPathBenchmark {
    private ErrorFingerprinter fingerprinter;
    private ErrorFingerprinter byMessage;
    private final TemplateMiner.MapStore templates = new TemplateMiner.MapStore();
    private final TemplateMiner.MapStore messageTemplates = new TemplateMiner.MapStore();
    private final ErrorFingerprinter.MapStackGroups stacks = new ErrorFingerprinter.MapStackGroups();
    private String[] messages;
    private ErrorEvent error;
    private String service;
    private DDSketch sketch;
    private DDSketch other;
    private double[] values;
    private int next;
    private TypeSerializer<Event> serializer;
    private Event log;
    private Event errorEvent;
    private final DataOutputSerializer out = new DataOutputSerializer(4096);
    private final DataInputDeserializer in = new DataInputDeserializer();

    @Setup
    public void setUp() {
        EventParser parser = new EventParser(ParserLimits.withoutClockWindow());
        errorEvent = parser.parse(Payloads.ERROR_1600).event();
        log = parser.parse(Payloads.LOG_400).event();
        service = errorEvent.service;
        error = errorEvent.error;
        fingerprinter = new ErrorFingerprinter(
                List.of(
                        ErrorFingerprinter.Rule.PRODUCER,
                        ErrorFingerprinter.Rule.STACK,
                        ErrorFingerprinter.Rule.MESSAGE),
                3,
                1000);
        byMessage = new ErrorFingerprinter(List.of(ErrorFingerprinter.Rule.MESSAGE), 3, 1000);
        SplittableRandom r = new SplittableRandom(1);
        // 40 message shapes of 6 to 14 words with numbers, IDs and user names in them, as a service's errors would vary
        String[] words = {
            "connection",
            "refused",
            "timeout",
            "user",
            "order",
            "payment",
            "failed",
            "retry",
            "after",
            "cache",
            "miss",
            "for",
            "key",
            "session",
            "expired",
            "while",
            "reading",
            "from",
            "upstream",
            "host"
        };
        String[][] shapes = new String[40][];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = new String[6 + r.nextInt(9)];
            for (int w = 0; w < shapes[i].length; w++) shapes[i][w] = words[r.nextInt(words.length)];
        }
        messages = new String[4096];
        for (int i = 0; i < messages.length; i++) {
            String[] shape = shapes[r.nextInt(shapes.length)];
            StringBuilder m = new StringBuilder();
            for (int w = 0; w < shape.length; w++) {
                if (w > 0) m.append(' ');
                m.append(
                        w % 4 == 3
                                ? (w % 8 == 3
                                        ? Integer.toString(r.nextInt(100_000))
                                        : "user" + (char) ('a' + r.nextInt(26)))
                                : shape[w]);
            }
            messages[i] = m.toString();
        }
        values = new double[4096];
        for (int i = 0; i < values.length; i++) values[i] = Math.exp(3 + r.nextGaussian() * 0.5);
        sketch = Sketches.empty();
        other = Sketches.empty();
        for (double v : values) other.accept(v);
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        serializer = TypeInformation.of(Event.class).createSerializer(config);
    }

    @Benchmark
    public String fingerprintError() throws Exception {
        fingerprinter.assign(service, error, templates, stacks, 0);
        return error.groupId;
    }

    /** The message rule: normalise, then match against (and learn into) the service's templates. */
    @Benchmark
    public String mineTemplate() throws Exception {
        error.message = messages[next++ & 4095];
        byMessage.assign(service, error, messageTemplates, stacks, next);
        return error.groupId;
    }

    @Benchmark
    public String normalizeMessage() {
        return MessageNormalizer.normalize(error.message);
    }

    @Benchmark
    public DDSketch sketchInsert() {
        sketch.accept(values[next++ & 4095]);
        return sketch;
    }

    @Benchmark
    public DDSketch sketchMerge() {
        DDSketch s = Sketches.empty();
        s.mergeWith(other);
        return s;
    }

    @Benchmark
    public Event serializerRoundTripLog() throws IOException {
        return roundTrip(log);
    }

    @Benchmark
    public Event serializerRoundTripError() throws IOException {
        return roundTrip(errorEvent);
    }

    private Event roundTrip(Event e) throws IOException {
        out.clear();
        serializer.serialize(e, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return serializer.deserialize(in);
    }
}
