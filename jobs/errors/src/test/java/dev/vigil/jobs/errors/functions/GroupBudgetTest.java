package dev.vigil.jobs.errors.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class GroupBudgetTest {
    @Test
    void groupsBeyondAServicesBudgetGoToItsOneOverflowGroup() throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new GroupBudget(3, Duration.ofDays(90))),
                (Event e) -> e.service,
                TypeInformation.of(String.class))) {
            h.open();
            for (String g : List.of("g1", "g2", "g3", "g4", "g1", "g5"))
                h.processElement(new StreamRecord<>(error("noisy", g), 0));
            h.processElement(new StreamRecord<>(error("quiet", "q1"), 0)); // another service has its own budget
            List<String> groups = new ArrayList<>();
            for (Object o : h.getOutput()) {
                Event e = (Event) ((StreamRecord<?>) o).getValue();
                groups.add(e.service + ":" + e.error.groupId
                        + (GroupBudget.OVERFLOW_GROUPED_BY.equals(e.error.groupedBy) ? "(budget)" : ""));
            }
            String overflow = GroupBudget.overflowGroup("noisy");
            assertThat(overflow).matches("overflow-[0-9a-f]{16}").isNotEqualTo(GroupBudget.overflowGroup("quiet"));
            assertThat(groups)
                    .containsExactly(
                            "noisy:g1",
                            "noisy:g2",
                            "noisy:g3",
                            "noisy:" + overflow + "(budget)",
                            "noisy:g1",
                            "noisy:" + overflow + "(budget)",
                            "quiet:q1");
        }
    }

    private static Event error(String service, String group) {
        Event e = new Event();
        e.type = EventType.ERROR;
        e.service = service;
        e.error = new ErrorEvent();
        e.error.groupId = group;
        e.error.groupedBy = "message";
        return e;
    }
}
