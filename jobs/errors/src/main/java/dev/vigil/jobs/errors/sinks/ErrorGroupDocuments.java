package dev.vigil.jobs.errors.sinks;

import dev.vigil.runtime.sinks.elasticsearch.DocumentWriter;
import dev.vigil.runtime.sinks.elasticsearch.JsonBodies;
import dev.vigil.schema.rows.ErrorGroup;

/** One document per error group ({@code _id} = group ID), overwritten as the group changes. */
public class ErrorGroupDocuments implements DocumentWriter<ErrorGroup> {
    public static final String FAMILY = "error-groups";
    private final String index;

    /** @param indexPrefix elasticsearch.index-prefix: one index, {@code <prefix>error-groups}. */
    public ErrorGroupDocuments(String indexPrefix) {
        this.index = indexPrefix + FAMILY;
    }

    @Override
    public String id(ErrorGroup g) {
        return g.groupId;
    }

    @Override
    public String index(ErrorGroup g) {
        return index;
    }

    @Override
    public byte[] json(ErrorGroup g) {
        return JsonBodies.object(512, j -> {
            j.writeStringField("group_id", g.groupId);
            j.writeStringField("grouped_by", g.groupedBy);
            if (g.errorType != null) j.writeStringField("error_type", g.errorType);
            j.writeStringField("message", g.message);
            j.writeArrayFieldStart("services");
            for (String s : g.services) j.writeString(s);
            j.writeEndArray();
            j.writeNumberField("occurrences", g.occurrences);
            j.writeNumberField("first_seen", g.firstSeen);
            j.writeNumberField("last_seen", g.lastSeen);
            j.writeStringField("status", g.status);
            if (g.regressedAt > 0) j.writeNumberField("regressed_at", g.regressedAt);
        });
    }
}
