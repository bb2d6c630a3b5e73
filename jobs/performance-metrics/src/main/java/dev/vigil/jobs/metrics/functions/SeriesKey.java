package dev.vigil.jobs.metrics.functions;

import dev.vigil.schema.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.functions.KeySelector;

/** An event's {@link Series}: service, operation, metric name and only the kept tags, so cardinality stays bounded. */
public final class SeriesKey implements KeySelector<Event, Series> {
    private final List<String> keptTags;

    public SeriesKey(List<String> keptTags) {
        this.keptTags = new ArrayList<>(keptTags);
        java.util.Collections.sort(this.keptTags); // canonical order once, not per event
    }

    @Override
    public Series getKey(Event e) {
        return new Series(
                e.service, e.metric.operation == null ? "" : e.metric.operation, e.metric.name, tags(e.metric.tags));
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
