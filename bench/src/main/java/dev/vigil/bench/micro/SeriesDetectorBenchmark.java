package dev.vigil.bench.micro;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.baseline.BaselineSettings;
import dev.vigil.runtime.detection.baseline.LikelihoodDetector;
import dev.vigil.runtime.detection.baseline.LikelihoodState;
import dev.vigil.runtime.detection.baseline.Score;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

/**
 * The series detector with the shipped settings ({@code detection.baseline.*}): time per point on a
 * warm series with a daily cycle, and the size of its state as Flink serialises it. Single-threaded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class SeriesDetectorBenchmark {
    private LikelihoodDetector detector;
    private LikelihoodState state;
    private final Score score = new Score();
    private double[] values;
    private int next;
    private long timestamp;

    @Setup
    public void setUp() throws Exception {
        detector =
                BaselineSettings.from(VigilConfig.load("", List.of(), Map.of())).detector();
        state = detector.newState();
        SplittableRandom r = new SplittableRandom(1);
        values = new double[8192];
        for (int i = 0; i < values.length; i++)
            values[i] = 50 + 40 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian() * 3;
        for (int i = 0; i < 3000; i++) judge();
        DataOutputSerializer out = new DataOutputSerializer(8192);
        LikelihoodState.serializer().serialize(state, out);
        System.out.println("[series-detector] serialised state of one series: " + out.length() + " bytes");
    }

    @Benchmark
    public Score judge() {
        timestamp += 300_000L;
        return detector.judge(state, timestamp, values[next++ & 8191], score);
    }
}
