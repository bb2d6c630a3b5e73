package dev.vigil.jobs.metrics.functions;

import dev.vigil.schema.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.functions.KeySelector;

/** Series key: service, operation, metric name and the kept tags (sorted), so cardinality stays bounded. */
public final class SeriesKey implements KeySelector<Event, String> {
    private final List<String> keptTags;

    public SeriesKey(List<String> keptTags) {
        this.keptTags = new ArrayList<>(keptTags);
        java.util.Collections.sort(this.keptTags); // canonical order once, not per event
    }

    @Override
    public String getKey(Event e) {
        return e.service + '\u0001' + (e.metric.operation == null ? "" : e.metric.operation) + '\u0001' + e.metric.name
                + '\u0001' + tags(e.metric.tags);
    }

    private String tags(Map<String, String> all) {
        if (all == null || all.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        for (String t : keptTags) {
            String v = all.get(t);
            if (v == null) continue;
            if (sb.length() > 0) sb.append(',');
            sb.append(t).append('=').append(v);
        }
        return sb.toString();
    }
}
