package dev.vigil.jobs.agentlogs.sinks;

import dev.vigil.runtime.sinks.elasticsearch.AttributeFields;
import dev.vigil.runtime.sinks.elasticsearch.DailyIndex;
import dev.vigil.runtime.sinks.elasticsearch.DocumentIds;
import dev.vigil.runtime.sinks.elasticsearch.DocumentWriter;
import dev.vigil.runtime.sinks.elasticsearch.JsonBodies;
import dev.vigil.schema.contract.FieldNaming;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.json.EventJson;

/**
 * Log documents: {@code _id} from the service and event ID ({@link DocumentIds}; a replay overwrites), daily indices behind the
 * {@code vigil-logs} alias. Attributes are searchable with their types through {@link AttributeFields},
 * so no producer can explode or break the mapping.
 */
public class LogDocuments implements DocumentWriter<Event> {
    public static final String FAMILY = "logs";
    private final String alias;
    private final FieldNaming naming;

    /**
     * @param indexPrefix elasticsearch.index-prefix: documents go to daily indices behind {@code <prefix>logs}.
     * @param naming elasticsearch.field-names: the contract's names or ECS names.
     */
    public LogDocuments(String indexPrefix, FieldNaming naming) {
        this.alias = indexPrefix + FAMILY;
        this.naming = naming;
    }

    @Override
    public String id(Event e) {
        return DocumentIds.event(e);
    }

    @Override
    public String index(Event e) {
        return DailyIndex.name(alias, e.timestamp);
    }

    @Override
    public byte[] json(Event e) {
        return JsonBodies.object(768, g -> {
            EventJson.writeFields(g, e, naming);
            g.writeBooleanField(naming.extra("correlation_generated"), e.correlationGenerated);
            g.writeNumberField(naming.extra("sample_rate"), e.sampleRate);
            AttributeFields.write(g, e.attributes, naming);
        });
    }
}
