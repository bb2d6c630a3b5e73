package dev.vigil.jobs.errors.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.errors.rows.ErrorGroupRow;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.rows.ErrorGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class GroupTrackerTest {
    static final long DAY = 86_400_000L;

    @Test
    void newThenOngoingThenRegressedAfterTheQuietPeriod() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, ErrorGroupRow, ErrorGroup> h = harness()) {
            h.processElement(new StreamRecord<>(row(0, 3, "payments"), 0));
            h.processElement(new StreamRecord<>(row(60_000, 2, "checkout"), 60_000));
            h.processElement(new StreamRecord<>(row(60_000 + 8 * DAY, 1, "payments"), 60_000 + 8 * DAY));
            List<ErrorGroup> groups = groups(h);
            assertThat(groups).extracting(g -> g.status).containsExactly("new", "ongoing", "regressed");
            ErrorGroup last = groups.get(2);
            assertThat(last.occurrences).isEqualTo(6);
            assertThat(last.services).containsExactly("checkout", "payments");
            assertThat(last.firstSeen).isEqualTo(1000);
            assertThat(last.lastSeen).isEqualTo(60_000 + 8 * DAY + 9000);
            assertThat(last.regressedAt).isEqualTo(60_000 + 8 * DAY + 1000);
            List<Alert> alerts = alerts(h);
            assertThat(alerts).extracting(a -> a.name).containsExactly("NewErrorGroup", "ErrorRegression");
            assertThat(alerts.get(0).severity).isEqualTo("info");
            assertThat(alerts.get(0).labels).containsEntry("group_id", "g1");
            assertThat(alerts.get(1).annotations.get("summary"))
                    .isEqualTo("Timeout is back in payments after 7 quiet days: order <num> timed out");
        }
    }

    @Test
    void aWindowThatFiresAgainAddsOnlyItsNewOccurrences() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, ErrorGroupRow, ErrorGroup> h = harness()) {
            h.processElement(new StreamRecord<>(row(0, 3, "payments"), 0));
            h.processElement(new StreamRecord<>(row(0, 5, "payments"), 0)); // late data: the window fired again with 5
            h.processElement(new StreamRecord<>(row(60_000, 1, "payments"), 60_000));
            List<ErrorGroup> groups = groups(h);
            assertThat(groups.get(2).occurrences).isEqualTo(6);
            assertThat(alerts(h)).hasSize(1);
            assertThat(countedWindows(h)).containsExactlyInAnyOrder(0L, 60_000L);
            h.processElement(new StreamRecord<>(row(10 * 60_000, 1, "payments"), 10 * 60_000));
            assertThat(countedWindows(h))
                    .as("windows that can no longer fire are forgotten")
                    .containsExactly(600_000L);
        }
    }

    static KeyedOneInputStreamOperatorTestHarness<String, ErrorGroupRow, ErrorGroup> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ErrorGroupRow, ErrorGroup> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new GroupTracker(Duration.ofDays(7), Duration.ofDays(90), Duration.ofMinutes(2))),
                        r -> r.groupId,
                        TypeInformation.of(String.class));
        h.open();
        return h;
    }

    static List<Long> countedWindows(KeyedOneInputStreamOperatorTestHarness<String, ErrorGroupRow, ErrorGroup> h)
            throws Exception {
        h.getOperator().setCurrentKey("g1");
        MapState<Long, Long> counted = h.getOperator()
                .getKeyedStateBackend()
                .getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        GroupTracker.countedDescriptor(Duration.ofDays(90)));
        List<Long> out = new ArrayList<>();
        for (Long k : counted.keys()) out.add(k);
        return out;
    }

    static List<ErrorGroup> groups(KeyedOneInputStreamOperatorTestHarness<String, ErrorGroupRow, ErrorGroup> h) {
        List<ErrorGroup> out = new ArrayList<>();
        for (Object o : h.getOutput()) out.add((ErrorGroup) ((StreamRecord<?>) o).getValue());
        return out;
    }

    static List<Alert> alerts(KeyedOneInputStreamOperatorTestHarness<String, ErrorGroupRow, ErrorGroup> h) {
        List<Alert> out = new ArrayList<>();
        for (StreamRecord<Alert> r : h.getSideOutput(GroupTracker.ALERTS)) out.add(r.getValue());
        return out;
    }

    static ErrorGroupRow row(long bucket, long occurrences, String service) {
        ErrorGroupRow r = new ErrorGroupRow();
        r.bucket = bucket;
        r.windowSeconds = 60;
        r.groupId = "g1";
        r.groupedBy = "message";
        r.errorType = "Timeout";
        r.message = "order <num> timed out";
        r.services = new String[] {service};
        r.occurrences = occurrences;
        r.firstSeen = bucket + 1000;
        r.lastSeen = bucket + 9000;
        return r;
    }
}
