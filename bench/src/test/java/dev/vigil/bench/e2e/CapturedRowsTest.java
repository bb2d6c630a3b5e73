package dev.vigil.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class CapturedRowsTest {
    /** A row type as the jobs' rows are: a POJO. */
    public static final class Reading {
        public String name;
        public long value;

        public Reading() {}

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    /** Fills one instance for every input, as operators under object reuse may. */
    private static final class ReusingMap implements MapFunction<Long, Reading> {
        private transient Reading reused;

        @Override
        public Reading map(Long i) {
            if (reused == null) reused = new Reading();
            reused.name = "r" + i;
            reused.value = i * 10;
            return reused;
        }
    }

    private static final List<String> WRITTEN = Collections.synchronizedList(new ArrayList<>());

    /** Stands for a table's real sink: records what it is given to write. */
    private record Recording() implements Sink<Reading> {
        @Override
        @SuppressWarnings("deprecation")
        public SinkWriter<Reading> createWriter(InitContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SinkWriter<Reading> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Reading row, Context c) {
                    WRITTEN.add(row.toString());
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    @Test
    void keepsEachRowAsItWasWrittenUnderObjectReuseAndWritesThemAgainThroughTheRealSink() throws Exception {
        CapturedRows rows = new CapturedRows();
        StreamExecutionEnvironment keeping = StreamExecutionEnvironment.getExecutionEnvironment();
        keeping.setParallelism(1);
        keeping.getConfig().enableObjectReuse();
        keeping.fromSequence(1, 3)
                .map(new ReusingMap())
                .returns(Reading.class)
                .sinkTo(rows.table(TypeInformation.of(Reading.class), config -> new Recording()));
        keeping.execute("keeping");
        assertThat(rows.count()).isEqualTo(3);

        StreamExecutionEnvironment writing = StreamExecutionEnvironment.getExecutionEnvironment();
        writing.setParallelism(1);
        rows.writeTo(writing, null);
        writing.execute("writing");
        assertThat(WRITTEN).containsExactly("r1=10", "r2=20", "r3=30");

        rows.clear();
        assertThat(rows.count()).isZero();
    }
}
