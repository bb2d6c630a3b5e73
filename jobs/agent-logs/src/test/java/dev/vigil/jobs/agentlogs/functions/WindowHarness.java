package dev.vigil.jobs.agentlogs.functions;

import dev.vigil.runtime.accounting.Outcomes;
import dev.vigil.schema.event.AgentLog;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import java.time.Duration;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Builds the same window operators the job builds, wrapped in Flink's keyed operator test harness. */
final class WindowHarness {
    private WindowHarness() {}

    static <K, ACC, V, R> KeyedOneInputStreamOperatorTestHarness<K, Event, R> of(
            WindowAssigner<Object, TimeWindow> assigner,
            Duration lateness,
            KeySelector<Event, K> key,
            TypeInformation<K> keyType,
            AggregateFunction<Event, ACC, V> aggregate,
            ProcessWindowFunction<V, R, K, TimeWindow> toRow,
            TypeInformation<ACC> accType)
            throws Exception {
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        WindowOperatorBuilder<Event, K, TimeWindow> b = new WindowOperatorBuilder<>(
                assigner, assigner.getDefaultTrigger(), config, TypeInformation.of(Event.class), key, keyType);
        b.allowedLateness(lateness);
        b.sideOutputLateData(Outcomes.LATE);
        KeyedOneInputStreamOperatorTestHarness<K, Event, R> h =
                new KeyedOneInputStreamOperatorTestHarness<>(b.aggregate(aggregate, toRow, accType), key, keyType);
        h.getExecutionConfig().disableGenericTypes();
        h.open();
        return h;
    }

    static Event log(String service, String level, long ts, String correlationId) {
        Event e = new Event();
        e.type = EventType.AGENT_LOG;
        e.eventId = service + "-" + ts;
        e.service = service;
        e.timestamp = ts;
        e.correlationId = correlationId;
        e.agentLog = new AgentLog();
        e.agentLog.level = level;
        e.agentLog.message = "m";
        return e;
    }

    static StreamRecord<Event> at(Event e) {
        return new StreamRecord<>(e, e.timestamp);
    }
}
