package dev.vigil.runtime.sinks.elasticsearch;

import java.io.Serializable;

/** How one record type becomes an Elasticsearch document: a deterministic ID (replays overwrite), an index, a body. */
public interface DocumentWriter<T> extends Serializable {
    String id(T record);

    /** The concrete index, e.g. a daily index behind the alias. */
    String index(T record);

    byte[] json(T record);
}
