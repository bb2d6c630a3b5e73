package dev.vigil.bench.micro;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.baseline.BaselineSettings;
import dev.vigil.runtime.detection.baseline.KnnCadState;
import dev.vigil.runtime.detection.baseline.KnnCadStateSerializer;
import dev.vigil.runtime.detection.baseline.LikelihoodState;
import dev.vigil.runtime.detection.baseline.Score;
import dev.vigil.runtime.detection.baseline.SeriesJudge;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
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

/**
 * The series detector with the shipped settings ({@code detection.baseline.*}, the method as a parameter): time per
 * point on a warm series with a daily cycle, and the size of its state as Flink serialises it. Single-threaded.
 * {@code judgeFromBytes} also writes and reads the KNN-CAD state per point, as RocksDB does (its metric then is
 * rebuilt from the factor every time); the likelihood state's own copy is not included.
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
    @Param({"knn-cad", "likelihood"})
    public String method;

    private SeriesJudge judge;
    private LikelihoodState state;
    private KnnCadState knnCad;
    private final TypeSerializer<KnnCadState> knnCadSerializer = new KnnCadStateSerializer();
    private final DataOutputSerializer bytes = new DataOutputSerializer(24_576);
    private final Score score = new Score();
    private double[] values;
    private int next;
    private long timestamp;

    @Setup
    public void setUp() throws Exception {
        judge = BaselineSettings.from(VigilConfig.load("", List.of("detection.baseline.method=" + method), Map.of()))
                .judge();
        state = judge.newLikelihoodState();
        knnCad = judge.newKnnCadState();
        SplittableRandom r = new SplittableRandom(1);
        values = new double[8192];
        for (int i = 0; i < values.length; i++)
            values[i] = 50 + 40 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian() * 3;
        for (int i = 0; i < 3000; i++) judge();
        DataOutputSerializer out = new DataOutputSerializer(8192);
        LikelihoodState.serializer().serialize(state, out);
        int likelihood = out.length();
        if (knnCad != null) knnCadSerializer.serialize(knnCad, out);
        System.out.println("[series-detector] " + method + ": serialised state of one series: " + likelihood
                + " bytes (likelihood) + " + (out.length() - likelihood) + " bytes (knn-cad)");
    }

    @Benchmark
    public Score judge() {
        timestamp += 300_000L;
        return judge.judge(state, knnCad, timestamp, values[next++ & 8191], score);
    }

    @Benchmark
    public Score judgeFromBytes() throws Exception {
        if (knnCad != null) {
            bytes.clear();
            knnCadSerializer.serialize(knnCad, bytes);
            knnCad =
                    knnCadSerializer.deserialize(new DataInputDeserializer(bytes.getSharedBuffer(), 0, bytes.length()));
        }
        return judge();
    }
}
