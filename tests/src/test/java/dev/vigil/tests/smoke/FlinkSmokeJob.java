package dev.vigil.tests.smoke;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** A trivial bounded job, packaged into a jar by {@link FlinkSmokeIT} and submitted over REST. */
public final class FlinkSmokeJob {
    static final long COUNT = 1000;

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().disableGenericTypes();
        // Unchained, so the REST API reports records per operator.
        env.disableOperatorChaining();
        env.fromSequence(1, COUNT).filter(new EvenOnly()).sinkTo(new DiscardingSink<>());
        env.execute("vigil-smoke");
    }

    /** Keeps even numbers, so the sink must see exactly COUNT / 2 records. */
    public static final class EvenOnly implements FilterFunction<Long> {
        @Override
        public boolean filter(Long value) {
            return value % 2 == 0;
        }
    }
}
