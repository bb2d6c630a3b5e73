package dev.vigil.jobs.agentlogs.sinks;

import dev.vigil.jobs.agentlogs.rows.Journey;
import dev.vigil.runtime.sinks.elasticsearch.DailyIndex;
import dev.vigil.runtime.sinks.elasticsearch.DocumentIds;
import dev.vigil.runtime.sinks.elasticsearch.DocumentWriter;
import dev.vigil.runtime.sinks.elasticsearch.JsonBodies;

/**
 * Journey documents, looked up by their {@code correlation_id} field through the {@code vigil-journeys} alias; the
 * document ID is the correlation ID and start ({@link DocumentIds}), so no later event can replace a finished journey.
 */
public class JourneyDocuments implements DocumentWriter<Journey> {
    public static final String FAMILY = "journeys";
    private final String alias;

    /** @param indexPrefix elasticsearch.index-prefix: documents go to daily indices behind {@code <prefix>journeys}. */
    public JourneyDocuments(String indexPrefix) {
        this.alias = indexPrefix + FAMILY;
    }

    @Override
    public String id(Journey j) {
        return DocumentIds.journey(j.correlationId, j.start);
    }

    @Override
    public String index(Journey j) {
        return DailyIndex.name(alias, j.start);
    }

    @Override
    public byte[] json(Journey j) {
        return JsonBodies.object(256, g -> {
            g.writeStringField("correlation_id", j.correlationId);
            g.writeNumberField("start", j.start);
            g.writeNumberField("end", j.end);
            g.writeNumberField("duration_ms", j.end - j.start);
            g.writeArrayFieldStart("services");
            for (String s : j.services) g.writeString(s);
            g.writeEndArray();
            g.writeArrayFieldStart("hop_latency_ms");
            for (long l : j.hopLatencyMs) g.writeNumber(l);
            g.writeEndArray();
            g.writeNumberField("event_count", j.eventCount);
            g.writeBooleanField("error", j.error);
            g.writeBooleanField("capped", j.capped);
        });
    }
}
