package dev.vigil.jobs.errors.functions;

import dev.vigil.runtime.state.StateExpiry;
import dev.vigil.schema.event.Event;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by service: assigns each error event its group (in place: the event is not copied), with the
 * service's message templates in keyed state — one map entry per bucket of templates (error type,
 * token count, first token), so an event reads and writes only its own bucket — and its stack groups
 * (one entry per stack). Buckets and stacks silent for the group TTL expire.
 */
public class AssignGroup extends KeyedProcessFunction<String, Event, Event> {
    private final ErrorFingerprinter fingerprinter;
    private final Duration ttl;
    private transient StateStore templates;
    private transient StateStackGroups stacks;

    public AssignGroup(ErrorFingerprinter fingerprinter, Duration ttl) {
        this.fingerprinter = fingerprinter;
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext ctx) {
        StateTtlConfig expiry = StateExpiry.afterLastWrite(ttl);
        MapStateDescriptor<String, TemplateMiner.Template[]> buckets = new MapStateDescriptor<>(
                "templates", Types.STRING, Types.OBJECT_ARRAY(Types.POJO(TemplateMiner.Template.class)));
        buckets.enableTimeToLive(expiry);
        ValueStateDescriptor<Integer> count = new ValueStateDescriptor<>("template-count", Types.INT);
        count.enableTimeToLive(expiry);
        templates = new StateStore(
                getRuntimeContext().getMapState(buckets), getRuntimeContext().getState(count));
        MapStateDescriptor<Long, String> stackGroups =
                new MapStateDescriptor<>("stack-groups", Types.LONG, Types.STRING);
        // read, not written, by every later occurrence: a group's stack lives as long as the group is seen
        stackGroups.enableTimeToLive(StateExpiry.afterLastAccess(ttl));
        stacks = new StateStackGroups(getRuntimeContext().getMapState(stackGroups));
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
        fingerprinter.assign(e.service, e.error, templates, stacks, e.timestamp);
        out.collect(e);
    }

    /** The templates of the current key (service) in keyed state. */
    private static final class StateStore implements TemplateMiner.Store {
        private final MapState<String, TemplateMiner.Template[]> buckets;
        private final ValueState<Integer> count;

        StateStore(MapState<String, TemplateMiner.Template[]> buckets, ValueState<Integer> count) {
            this.buckets = buckets;
            this.count = count;
        }

        @Override
        public TemplateMiner.Template[] bucket(String key) throws Exception {
            return buckets.get(key);
        }

        @Override
        public void put(String key, TemplateMiner.Template[] templates) throws Exception {
            buckets.put(key, templates);
        }

        @Override
        public void remove(String key) throws Exception {
            buckets.remove(key);
        }

        @Override
        public Iterable<Map.Entry<String, TemplateMiner.Template[]>> buckets() throws Exception {
            return buckets.entries();
        }

        @Override
        public int count() throws Exception {
            Integer n = count.value();
            return n == null ? 0 : n;
        }

        @Override
        public void count(int templates) throws Exception {
            count.update(templates);
        }
    }

    /** The stack groups of the current key (service) in keyed state. */
    private static final class StateStackGroups implements ErrorFingerprinter.StackGroups {
        private final MapState<Long, String> groups;

        StateStackGroups(MapState<Long, String> groups) {
            this.groups = groups;
        }

        @Override
        public String get(long stack) throws Exception {
            return groups.get(stack);
        }

        @Override
        public void put(long stack, String groupId) throws Exception {
            groups.put(stack, groupId);
        }

        /** Counted only for a stack not seen before (rare once a service's stacks are known). */
        @Override
        public int size(int atMost) throws Exception {
            int n = 0;
            for (Iterator<Long> it = groups.keys().iterator(); it.hasNext() && n < atMost; it.next()) n++;
            return n;
        }
    }
}
