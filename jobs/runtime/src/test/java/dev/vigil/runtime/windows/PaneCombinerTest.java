package dev.vigil.runtime.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class PaneCombinerTest {

    /** Accumulator of the test aggregate (a Flink POJO). */
    public static class Sum {
        public long count;
        public long total;

        public Sum() {}
    }

    /** Events are (key, value). */
    static final class Summing implements AggregateFunction<Tuple2<String, Long>, Sum, Sum> {
        @Override
        public Sum createAccumulator() {
            return new Sum();
        }

        @Override
        public Sum add(Tuple2<String, Long> e, Sum s) {
            s.count++;
            s.total += e.f1;
            return s;
        }

        @Override
        public Sum getResult(Sum s) {
            return s;
        }

        @Override
        public Sum merge(Sum a, Sum b) {
            a.count += b.count;
            a.total += b.total;
            return a;
        }
    }

    static final class ToText extends ProcessWindowFunction<Sum, String, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<Sum> sums, Collector<String> out) {
            Sum s = sums.iterator().next();
            out.collect(key + "@" + ctx.window().getStart() + " n=" + s.count + " total=" + s.total);
        }
    }

    private static OneInputStreamOperatorTestHarness<Tuple2<String, Long>, Tuple2<String, Sum>> combiner(
            int maxBuffered) throws Exception {
        OneInputStreamOperatorTestHarness<Tuple2<String, Long>, Tuple2<String, Sum>> h =
                new OneInputStreamOperatorTestHarness<>(
                        new PaneCombiner<>(e -> e.f0, new Summing(), 10_000, maxBuffered));
        h.getExecutionConfig().disableGenericTypes();
        h.open();
        return h;
    }

    private static StreamRecord<Tuple2<String, Long>> event(String key, long value, long timestamp) {
        return new StreamRecord<>(Tuple2.of(key, value), timestamp);
    }

    private static List<String> partials(OneInputStreamOperatorTestHarness<?, Tuple2<String, Sum>> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark w) out.add("watermark " + w.getTimestamp());
            else {
                @SuppressWarnings("unchecked")
                StreamRecord<Tuple2<String, Sum>> r = (StreamRecord<Tuple2<String, Sum>>) o;
                out.add(r.getValue().f0 + " n=" + r.getValue().f1.count + " total=" + r.getValue().f1.total + " at "
                        + r.getTimestamp());
            }
        }
        return out;
    }

    @Test
    void aPartialPerKeyAndPaneLeavesJustBeforeTheWatermarkThatClosesItsPane() throws Exception {
        var h = combiner(10_000);
        h.processElement(event("a", 1, 1_000));
        h.processElement(event("b", 10, 2_000));
        h.processElement(event("a", 2, 9_999));
        h.processElement(event("a", 4, 10_000)); // next pane
        h.processElement(event("a", 8, 3_000));
        h.processWatermark(new Watermark(5_000));
        assertThat(partials(h)).as("no window can fire yet").containsExactly("watermark 5000");

        h.getOutput().clear();
        h.processWatermark(new Watermark(9_999));
        assertThat(partials(h)).containsExactly("a n=3 total=11 at 9999", "b n=1 total=10 at 2000", "watermark 9999");

        h.getOutput().clear();
        h.processElement(event("b", 7, 4_000)); // late for its pane: leaves with the next watermark
        h.processWatermark(new Watermark(12_000));
        assertThat(partials(h)).containsExactly("b n=1 total=7 at 4000", "watermark 12000");

        h.getOutput().clear();
        h.processWatermark(new Watermark(19_999));
        assertThat(partials(h))
                .as("nothing is sent twice")
                .containsExactly("a n=1 total=4 at 10000", "watermark 19999");
        h.close();
    }

    @Test
    void aCheckpointBarrierOrAFullBufferFlushesAndNothingIsKeptInState() throws Exception {
        var h = combiner(2);
        h.processElement(event("a", 1, 1_000));
        h.processElement(event("a", 1, 1_500));
        assertThat(h.getOutput()).isEmpty();
        h.processElement(event("b", 1, 1_000));
        assertThat(partials(h)).containsExactly("a n=2 total=2 at 1500", "b n=1 total=1 at 1000");

        h.getOutput().clear();
        h.processElement(event("c", 5, 1_000));
        h.prepareSnapshotPreBarrier(1);
        assertThat(partials(h)).containsExactly("c n=1 total=5 at 1000");
        assertThat(h.snapshot(1, 1).getManagedOperatorState()).isEmpty();
        h.close();
    }

    @Test
    void endOfInputFlushes() throws Exception {
        var h = combiner(10_000);
        h.processElement(event("a", 3, 1_000));
        h.endInput();
        assertThat(partials(h)).containsExactly("a n=1 total=3 at 1000");
        h.close();
    }

    @Test
    void combinedWindowsEqualPlainWindowsIncludingLateEvents() throws Exception {
        combinedEqualsPlain(16);
        combinedEqualsPlain(10_000);
    }

    private static void combinedEqualsPlain(int maxBuffered) throws Exception {
        Random random = new Random(7);
        List<Object> input = new ArrayList<>();
        long watermark = 0;
        for (int i = 0; i < 3_000; i++) {
            long ts = watermark + random.nextInt(4_000) - (i % 500 == 0 ? 40_000 : 0); // a few beyond the 5 s lateness
            input.add(event("k" + random.nextInt(5), random.nextInt(100), Math.max(0, ts)));
            if (i % 50 == 49) input.add(new Watermark(watermark += 300));
        }
        input.add(new Watermark(Long.MAX_VALUE));

        OutputTag<Tuple2<String, Long>> lateEvents = new OutputTag<>("late", Types.TUPLE(Types.STRING, Types.LONG));
        var plain = window(new Summing(), Types.TUPLE(Types.STRING, Types.LONG), lateEvents);
        for (Object o : input) {
            if (o instanceof Watermark w) plain.processWatermark(w);
            else plain.processElement(cast(o));
        }

        var combiner = combiner(maxBuffered);
        OutputTag<Tuple2<String, Sum>> latePartials =
                new OutputTag<>("late", Types.TUPLE(Types.STRING, TypeInformation.of(Sum.class)));
        var combined = window(
                PaneCombiner.merging(new Summing()),
                Types.TUPLE(Types.STRING, TypeInformation.of(Sum.class)),
                latePartials);
        for (Object o : input) {
            if (o instanceof Watermark w) combiner.processWatermark(w);
            else combiner.processElement(cast(o));
            for (Object out : combiner.getOutput()) {
                if (out instanceof Watermark w) combined.processWatermark(w);
                else combined.processElement(cast(out));
            }
            combiner.getOutput().clear();
        }

        assertThat(new TreeMap<>(counts(combined.extractOutputValues())))
                .isEqualTo(new TreeMap<>(counts(plain.extractOutputValues())));
        long late = plain.getSideOutput(lateEvents).size();
        assertThat(late).as("the input has late events").isGreaterThan(0);
        assertThat(combined.getSideOutput(latePartials).stream()
                        .mapToLong(r -> r.getValue().f1.count)
                        .sum())
                .isEqualTo(late);
    }

    @SuppressWarnings("unchecked")
    private static <T> StreamRecord<T> cast(Object o) {
        return (StreamRecord<T>) o;
    }

    private static java.util.Map<String, Long> counts(List<String> rows) {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        for (String r : rows) out.merge(r, 1L, Long::sum);
        return out;
    }

    private static <T> KeyedOneInputStreamOperatorTestHarness<String, T, String> window(
            AggregateFunction<T, Sum, Sum> aggregate, TypeInformation<T> type, OutputTag<T> late) throws Exception {
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        @SuppressWarnings("unchecked")
        org.apache.flink.api.java.functions.KeySelector<T, String> key = t -> ((Tuple2<String, ?>) t).f0;
        WindowOperatorBuilder<T, String, TimeWindow> b = new WindowOperatorBuilder<>(
                TumblingEventTimeWindows.of(Duration.ofSeconds(10)),
                TumblingEventTimeWindows.of(Duration.ofSeconds(10)).getDefaultTrigger(),
                config,
                type,
                key,
                Types.STRING);
        b.allowedLateness(Duration.ofSeconds(5));
        b.sideOutputLateData(late);
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                b.aggregate(aggregate, new ToText(), TypeInformation.of(Sum.class)), key, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        h.open();
        return h;
    }
}
