package dev.vigil.jobs.errors.functions;

import dev.vigil.runtime.state.StateExpiry;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.parse.ContentHash;
import java.time.Duration;
import java.util.Iterator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by service: at most {@code maxGroups} error groups per service. A producer that makes every
 * error unique (a random token in each message) would otherwise create a group, its 90-day state and a
 * {@code NewErrorGroup} alert per event. Errors of further groups are kept, counted
 * ({@code vigil.errorGroupsOverBudget}) and put in the service's one overflow group, whose first
 * occurrence is the one alert about it. A group silent for the group TTL frees its place.
 */
public class GroupBudget extends KeyedProcessFunction<String, Event, Event> {
    public static final String OVERFLOW_GROUPED_BY = "budget";

    private final int maxGroups;
    private final Duration ttl;
    private transient MapState<String, Boolean> groups;
    private transient Counter overBudget;

    public GroupBudget(int maxGroups, Duration ttl) {
        this.maxGroups = maxGroups;
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext ctx) {
        MapStateDescriptor<String, Boolean> d = new MapStateDescriptor<>("groups", Types.STRING, Types.BOOLEAN);
        d.enableTimeToLive(StateExpiry.afterLastWrite(ttl));
        groups = getRuntimeContext().getMapState(d);
        overBudget = getRuntimeContext().getMetricGroup().addGroup("vigil").counter("errorGroupsOverBudget");
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
        String group = e.error.groupId;
        if (groups.contains(group)) {
            groups.put(group, Boolean.TRUE); // refreshes its TTL
        } else if (size() < maxGroups) {
            groups.put(group, Boolean.TRUE);
        } else {
            overBudget.inc();
            e.error.groupId = overflowGroup(e.service);
            e.error.groupedBy = OVERFLOW_GROUPED_BY;
        }
        out.collect(e);
    }

    /** Counted only when a group is new (rare once a service's groups are known); at most maxGroups entries. */
    private int size() throws Exception {
        int n = 0;
        for (Iterator<String> it = groups.keys().iterator(); it.hasNext() && n < maxGroups; it.next()) n++;
        return n;
    }

    /** The group errors of a service go to once its budget is spent. */
    public static String overflowGroup(String service) {
        return "overflow-" + ContentHash.hex64(service);
    }
}
