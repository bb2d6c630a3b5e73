package dev.vigil.jobs.agentlogs.functions;

import dev.vigil.jobs.agentlogs.rows.Journey;
import dev.vigil.schema.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Request journeys: per correlation ID, in sessions ({@link JourneySessions}), the services in time
 * order with the time spent in each. Events may arrive in any order; only the first {@code cap} are
 * kept, so a runaway request cannot blow up state — it is flagged as capped.
 */
public final class Journeys {
    private Journeys() {}

    /** Bounded, mergeable collection of (time, service) pairs. */
    public static class Steps {
        public long[] times = new long[0];
        public String[] services = new String[0];
        public long count;
        public boolean error;

        public Steps() {}
    }

    /**
     * Events of one request that belong to one session, in the order they arrived: what {@link JourneyCombiner} sends
     * to {@link JourneySessions} in their place. A Flink POJO.
     */
    public static class Part {
        public String correlationId;
        /** The earliest and the latest event time of the part's events. */
        public long start;

        public long last;
        public Steps steps;

        public Part() {}
    }

    public static final class Collect implements AggregateFunction<Event, Steps, Steps> {
        private final int cap;

        public Collect(int cap) {
            this.cap = cap;
        }

        @Override
        public Steps createAccumulator() {
            return new Steps();
        }

        @Override
        public Steps add(Event e, Steps s) {
            s.count++;
            String level = e.agentLog == null ? null : e.agentLog.level;
            if ("ERROR".equals(level)
                    || "FATAL".equals(level)
                    || (e.agentLog != null && "failure".equals(e.agentLog.outcome))) {
                s.error = true;
            }
            if (s.times.length < cap) {
                int n = s.times.length;
                s.times = Arrays.copyOf(s.times, n + 1);
                s.services = Arrays.copyOf(s.services, n + 1);
                s.times[n] = e.timestamp;
                s.services[n] = e.service;
            }
            return s;
        }

        @Override
        public Steps getResult(Steps s) {
            return s;
        }

        @Override
        public Steps merge(Steps a, Steps b) {
            int take = Math.min(b.times.length, cap - a.times.length);
            int n = a.times.length;
            a.times = Arrays.copyOf(a.times, n + take);
            a.services = Arrays.copyOf(a.services, n + take);
            System.arraycopy(b.times, 0, a.times, n, take);
            System.arraycopy(b.services, 0, a.services, n, take);
            a.count += b.count;
            a.error |= b.error;
            return a;
        }
    }

    /** Orders the steps by time (ties by service name, for determinism) and folds consecutive repeats into hops. */
    public static Journey build(String correlationId, Steps s) {
        Integer[] order = new Integer[s.times.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(
                order,
                (x, y) -> s.times[x] != s.times[y]
                        ? Long.compare(s.times[x], s.times[y])
                        : s.services[x].compareTo(s.services[y]));
        List<String> services = new ArrayList<>();
        List<Long> entered = new ArrayList<>();
        for (int i : order) {
            if (services.isEmpty() || !services.get(services.size() - 1).equals(s.services[i])) {
                services.add(s.services[i]);
                entered.add(s.times[i]);
            }
        }
        Journey j = new Journey();
        j.correlationId = correlationId;
        j.start = s.times[order[0]];
        j.end = s.times[order[order.length - 1]];
        j.services = services.toArray(new String[0]);
        j.hopLatencyMs = new long[services.size()];
        for (int h = 0; h < services.size(); h++) {
            long next = h + 1 < services.size() ? entered.get(h + 1) : j.end;
            j.hopLatencyMs[h] = next - entered.get(h);
        }
        j.eventCount = s.count;
        j.error = s.error;
        j.capped = s.count > s.times.length;
        return j;
    }
}
