package dev.vigil.runtime.sinks.timescale;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A row's natural key: the values of its upsert's {@code ON CONFLICT} columns, as an object with value
 * equality ({@link #of} builds one that allows nulls). A batch keeps only the last row per key, as the
 * table would after writing them one by one.
 */
@FunctionalInterface
public interface RowKey<T> extends Serializable {
    Object key(T row);

    /** The key of these column values, in any order that is the same for every row of the table. */
    static Object of(Object... values) {
        return Arrays.asList(values);
    }
}
