package dev.vigil.jobs.errors.sinks;

import dev.vigil.runtime.sinks.elasticsearch.AttributeFields;
import dev.vigil.runtime.sinks.elasticsearch.DailyIndex;
import dev.vigil.runtime.sinks.elasticsearch.DocumentIds;
import dev.vigil.runtime.sinks.elasticsearch.DocumentWriter;
import dev.vigil.runtime.sinks.elasticsearch.JsonBodies;
import dev.vigil.schema.contract.FieldNaming;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.json.EventJson;

/** Error occurrences, with their group: {@code _id} from the service and event ID ({@link DocumentIds}), daily indices behind {@code vigil-errors}. */
public class ErrorDocuments implements DocumentWriter<Event> {
    public static final String FAMILY = "errors";
    private final String alias;
    private final FieldNaming naming;

    /**
     * @param indexPrefix elasticsearch.index-prefix: documents go to daily indices behind {@code <prefix>errors}.
     * @param naming elasticsearch.field-names: the contract's names or ECS names.
     */
    public ErrorDocuments(String indexPrefix, FieldNaming naming) {
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
        return JsonBodies.object(1024, g -> {
            EventJson.writeFields(g, e, naming);
            if (e.error.template != null) g.writeStringField(naming.extra("template"), e.error.template);
            AttributeFields.write(g, e.attributes, naming);
        });
    }
}
