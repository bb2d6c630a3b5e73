package dev.vigil.jobs.metrics.functions;

import dev.vigil.schema.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.java.functions.KeySelector;

/** Series key: service, operation, metric name and the kept tags (sorted), so cardinality stays bounded. */
public final class SeriesKey implements KeySelector<Event, String> {
    private final List<String> keptTags;

    public SeriesKey(List<String> keptTags) {
        this.keptTags = new ArrayList<>(keptTags);
    }

    @Override
    public String getKey(Event e) {
        return e.service + '\u0001' + (e.metric.operation == null ? "" : e.metric.operation) + '\u0001' + e.metric.name
                + '\u0001' + tags(e.metric.tags);
    }

    private String tags(Map<String, String> all) {
        if (all == null || all.isEmpty()) return "";
        TreeMap<String, String> kept = new TreeMap<>();
        for (String t : keptTags) {
            String v = all.get(t);
            if (v != null) kept.put(t, v);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> t : kept.entrySet()) {
            if (sb.length() > 0) sb.append(',');
            sb.append(t.getKey()).append('=').append(t.getValue());
        }
        return sb.toString();
    }
}
