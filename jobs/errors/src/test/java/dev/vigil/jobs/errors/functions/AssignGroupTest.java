package dev.vigil.jobs.errors.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.ErrorEvent;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.StackFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AssignGroupTest {
    private static final ErrorFingerprinter BY_MESSAGE =
            new ErrorFingerprinter(List.of(ErrorFingerprinter.Rule.MESSAGE), 3, 1000);
    private static final ErrorFingerprinter BY_STACK =
            new ErrorFingerprinter(List.of(ErrorFingerprinter.Rule.STACK, ErrorFingerprinter.Rule.MESSAGE), 3, 1000);

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness(Duration ttl) throws Exception {
        return harness(BY_MESSAGE, ttl);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness(
            ErrorFingerprinter fingerprinter, Duration ttl) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AssignGroup(fingerprinter, ttl)),
                (Event e) -> e.service,
                TypeInformation.of(String.class));
    }

    @Test
    void templateIdsSurviveARestoreFromASnapshotAndServicesKeepTheirOwnTemplates() throws Exception {
        OperatorSubtaskState snapshot;
        String before;
        try (var h = harness(Duration.ofDays(90))) {
            h.open();
            for (String user : List.of("alice", "bob", "carol"))
                h.processElement(new StreamRecord<>(error("auth", "login failed for " + user), 0));
            before = lastGroup(h);
            assertThat(lastTemplate(h)).isEqualTo("login failed for <*>");
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(Duration.ofDays(90))) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(new StreamRecord<>(error("auth", "login failed for dave"), 0));
            assertThat(lastGroup(h)).as("the restored template").isEqualTo(before);
            h.processElement(new StreamRecord<>(error("billing", "login failed for dave"), 0));
            assertThat(lastGroup(h)).as("another service learns its own").isNotEqualTo(before);
            assertThat(lastTemplate(h)).isEqualTo("login failed for dave");
        }
    }

    @Test
    void aLeadingNameBecomesAVariableInKeyedState() throws Exception {
        try (var h = harness(Duration.ofDays(90))) {
            h.open();
            h.processElement(new StreamRecord<>(error("auth", "alice logged in from console"), 0));
            h.processElement(new StreamRecord<>(error("auth", "alice logged in from console"), 0));
            String alice = lastGroup(h);
            h.processElement(new StreamRecord<>(error("auth", "bob logged in from console"), 0));
            assertThat(lastGroup(h)).isNotEqualTo(alice);
            String bob = lastGroup(h);
            h.processElement(new StreamRecord<>(error("auth", "carol logged in from console"), 0));
            // both last seen at the same event time: the smaller ID
            String merged = alice.compareTo(bob) < 0 ? alice : bob;
            assertThat(lastGroup(h)).isEqualTo(merged);
            assertThat(lastTemplate(h)).isEqualTo("<*> logged in from console");
            h.processElement(new StreamRecord<>(error("auth", "bob logged in from console"), 0));
            assertThat(lastGroup(h)).as("bob's own template was merged away").isEqualTo(merged);
        }
    }

    @Test
    void templatesExpireWithTheGroupTtl() throws Exception {
        try (var h = harness(Duration.ofMillis(100))) {
            h.open();
            h.setStateTtlProcessingTime(0);
            h.processElement(new StreamRecord<>(error("auth", "disk /var/a is full"), 0));
            assertThat(h.numKeyedStateEntries()).isEqualTo(2); // one bucket, the count
            h.setStateTtlProcessingTime(1_000);
            h.processElement(new StreamRecord<>(error("auth", "cache warmed up in time"), 0));
            assertThat(h.numKeyedStateEntries())
                    .as("the expired bucket is not read back; the new one and the count remain")
                    .isEqualTo(2);
        }
    }

    @Test
    void aStackGroupSurvivesARestoreAndExpiresWithTheGroupTtl() throws Exception {
        OperatorSubtaskState snapshot;
        String before;
        try (var h = harness(BY_STACK, Duration.ofMillis(100))) {
            h.open();
            h.setStateTtlProcessingTime(0);
            h.processElement(new StreamRecord<>(proxied("ZwCX2Wyb"), 0));
            before = lastGroup(h);
            assertThat(h.numKeyedStateEntries()).as("one stack").isEqualTo(1);
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(BY_STACK, Duration.ofMillis(100))) {
            h.initializeState(snapshot);
            h.open();
            h.setStateTtlProcessingTime(50);
            h.processElement(new StreamRecord<>(proxied("QmNbT7Vx"), 0));
            assertThat(lastGroup(h))
                    .as("the next run's proxy, after the restore")
                    .isEqualTo(before);
            h.setStateTtlProcessingTime(140); // 90 ms after it was last read
            h.processElement(new StreamRecord<>(proxied("Kq82LmZa"), 0));
            assertThat(lastGroup(h))
                    .as("read at 50 ms, the stack lives until 150")
                    .isEqualTo(before);
            h.setStateTtlProcessingTime(1_000);
            h.processElement(new StreamRecord<>(proxied("Yt5PwQ3c"), 0));
            assertThat(lastGroup(h))
                    .as("expired: the stack starts a group again")
                    .isNotEqualTo(before);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        }
    }

    /** An error thrown in a Hibernate proxy, whose class name ends with a suffix random per run. */
    private static Event proxied(String suffix) {
        Event e = error("shop", "total went negative");
        e.error.frames = new StackFrame[] {
            new StackFrame("com.shop.Order$HibernateProxy$" + suffix, "total", "<generated>", 0, true)
        };
        return e;
    }

    private static String lastGroup(KeyedOneInputStreamOperatorTestHarness<String, Event, Event> h) {
        return last(h).error.groupId;
    }

    private static String lastTemplate(KeyedOneInputStreamOperatorTestHarness<String, Event, Event> h) {
        return last(h).error.template;
    }

    private static Event last(KeyedOneInputStreamOperatorTestHarness<String, Event, Event> h) {
        List<Event> out = new ArrayList<>();
        for (Object o : h.getOutput()) out.add((Event) ((StreamRecord<?>) o).getValue());
        return out.get(out.size() - 1);
    }

    private static Event error(String service, String message) {
        Event e = new Event();
        e.type = EventType.ERROR;
        e.service = service;
        e.timestamp = 1_795_000_000_000L;
        e.error = new ErrorEvent();
        e.error.errorType = "E";
        e.error.message = message;
        return e;
    }
}
