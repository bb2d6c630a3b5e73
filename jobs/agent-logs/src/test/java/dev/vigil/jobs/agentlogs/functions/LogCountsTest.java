package dev.vigil.jobs.agentlogs.functions;

import static dev.vigil.jobs.agentlogs.functions.WindowHarness.at;
import static dev.vigil.jobs.agentlogs.functions.WindowHarness.log;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.agentlogs.rows.LogCountRow;
import dev.vigil.runtime.accounting.Outcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LogCountsTest {

    @Test
    void countsPerWindowUpdatesOnLateEventsWithinLatenessAndCleansUp() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<LogCounts.Key, dev.vigil.schema.event.Event, LogCountRow> h =
                WindowHarness.of(
                        TumblingEventTimeWindows.of(Duration.ofSeconds(10)),
                        Duration.ofSeconds(30),
                        LogCounts.Key::of,
                        LogCounts.Key.TYPE,
                        new LogCounts.Count(),
                        new LogCounts.ToRow(),
                        TypeInformation.of(Long.class));

        h.processElement(at(log("gw", "INFO", 1_000, "r1")));
        h.processElement(at(log("gw", "INFO", 9_999, "r2")));
        h.processElement(at(log("gw", "ERROR", 5_000, "r3")));
        h.processElement(at(log("gw", "INFO", 10_000, "r4"))); // next window
        h.processWatermark(9_999);
        assertThat(rows(h)).containsExactlyInAnyOrder("0 gw ERROR 1", "0 gw INFO 2");

        h.processElement(
                at(log("gw", "INFO", 3_000, "r5"))); // late, within the 30 s allowed lateness: the row is re-emitted
        assertThat(rows(h)).containsExactly("0 gw INFO 3");

        h.processWatermark(40_000); // [0,10) is now final, [10,20) fires
        assertThat(rows(h)).containsExactly("10000 gw INFO 1");
        h.processElement(at(log("gw", "INFO", 4_000, "r6"))); // beyond lateness: side output, no row
        assertThat(rows(h)).isEmpty();
        assertThat(h.getSideOutput(Outcomes.LATE))
                .extracting(r -> r.getValue().correlationId)
                .containsExactly("r6");

        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.numKeyedStateEntries()).as("window state cleared").isZero();
        assertThat(h.numEventTimeTimers()).as("timers cleared").isZero();
        h.close();
    }

    private static List<String> rows(KeyedOneInputStreamOperatorTestHarness<?, ?, LogCountRow> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                LogCountRow r = (LogCountRow) ((StreamRecord<?>) o).getValue();
                assertThat(r.windowSeconds).isEqualTo(10);
                out.add(r.bucket + " " + r.service + " " + r.level + (r.agentId.isEmpty() ? "" : " " + r.agentId) + " "
                        + r.events);
            }
        }
        h.getOutput().clear();
        return out;
    }
}
