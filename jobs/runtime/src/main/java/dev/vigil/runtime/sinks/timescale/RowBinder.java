package dev.vigil.runtime.sinks.timescale;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Sets one row's values as the parameters of an upsert statement. */
@FunctionalInterface
public interface RowBinder<T> extends Serializable {
    void bind(PreparedStatement statement, T row) throws SQLException;
}
