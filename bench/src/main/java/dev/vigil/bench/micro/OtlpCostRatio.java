package dev.vigil.bench.micro;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The OTLP parse cost against the JSON contract's as a ratio of the calling thread's CPU time per event, the four
 * inputs of {@link OtlpBenchmark} taking turns in each round, so a machine whose speed drifts during a run (as this
 * shared 2-core one does, by up to 2x within a minute) moves all four alike. Prints each input's median and the
 * median of the rounds' ratios: the ratios are what the goal (within 1.5x) is about, the nanoseconds only describe
 * this machine at that moment.
 *
 * <p>{@code java -cp bench/target/classes:$(cat bench/target/classpath.txt) dev.vigil.bench.micro.OtlpCostRatio [rounds]}
 */
public final class OtlpCostRatio {
    private static final int EVENTS_PER_TURN = 200_000;

    private OtlpCostRatio() {}

    private interface Input {
        void read(OtlpBenchmark b, Blackhole bh);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        OtlpBenchmark b = new OtlpBenchmark();
        b.setUp();
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        String[] names = {"contract JSON", "contract JSON without event_id", "OTLP protobuf", "OTLP/JSON"};
        Input[] inputs = {
            OtlpBenchmark::contractJson,
            OtlpBenchmark::contractJsonWithoutId,
            OtlpBenchmark::otlpProtoLogs,
            OtlpBenchmark::otlpJsonLogs
        };
        int[] eventsPerCall = {1, 1, OtlpBenchmark.RECORDS, OtlpBenchmark.RECORDS};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] nanos = new double[inputs.length][rounds];
        for (int r = -3; r < rounds; r++) { // three rounds of warm-up
            for (int i = 0; i < inputs.length; i++) {
                int calls = EVENTS_PER_TURN / eventsPerCall[i];
                long start = threads.getCurrentThreadCpuTime();
                for (int k = 0; k < calls; k++) inputs[i].read(b, bh);
                long used = threads.getCurrentThreadCpuTime() - start;
                if (r >= 0) nanos[i][r] = used / (double) EVENTS_PER_TURN;
            }
        }
        // each round's ratio compares inputs run within seconds of each other; the median of those is the figure
        double[] proto = new double[rounds];
        double[] json = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            proto[r] = nanos[2][r] / nanos[1][r];
            json[r] = nanos[3][r] / nanos[1][r];
        }
        for (int i = 0; i < inputs.length; i++) {
            System.out.printf(
                    "%-32s %6.0f ns CPU per event (median of %d rounds)%n", names[i], median(nanos[i]), rounds);
        }
        System.out.printf(
                "against the contract without event_id (median of the rounds' ratios): OTLP protobuf %.2fx (rounds"
                        + " %.2f-%.2f), OTLP/JSON %.2fx (rounds %.2f-%.2f)%n",
                median(proto), min(proto), max(proto), median(json), min(json), max(json));
    }

    private static double median(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
