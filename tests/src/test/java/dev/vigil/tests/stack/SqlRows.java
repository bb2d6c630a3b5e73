package dev.vigil.tests.stack;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A query's rows as text, columns joined by one space (NULL as "null"), for exact assertions on TimescaleDB. */
public final class SqlRows {
    private SqlRows() {}

    public static List<String> rows(Statement s, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? " " : "").append(rs.getString(i));
                out.add(sb.toString());
            }
        }
        return out;
    }
}
