package dev.vigil.schema.contract;

/** The names documents give the contract's fields in the search index. */
public enum FieldNaming {
    /** The contract's own names: snake_case, flat. */
    VIGIL,
    /**
     * Elastic Common Schema names ({@code @timestamp}, {@code service.name}, {@code log.level},
     * {@code trace.id}, {@code gen_ai.*}, ...), so Kibana and OpenSearch Dashboards find them without
     * mapping work; a field ECS has no place for, and every field Vigil adds, goes under {@code vigil.}.
     */
    ECS;

    /** The document name of a contract field. */
    public String of(Field<?, ?> field) {
        return this == VIGIL ? field.name : field.ecsName();
    }

    /** The document name of a field that is not the contract's (attribute_pairs, sample_rate, ...). */
    public String extra(String name) {
        return this == VIGIL ? name : "vigil." + name;
    }
}
