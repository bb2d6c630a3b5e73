package dev.vigil.tests.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A TimescaleDB schema of a test's own, migrated by Flyway like production, so other tests' rows never
 * change its answers. Dropped on close.
 */
public final class MigratedSchema implements AutoCloseable {
    private final String name;
    private final String url;

    private MigratedSchema(String name) {
        this.name = name;
        this.url = LocalStack.pgUrl() + "?currentSchema=" + name + ",public";
    }

    public static MigratedSchema create(String prefix) throws Exception {
        MigratedSchema schema =
                new MigratedSchema(prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema.name);
        }
        Flyway.configure()
                .dataSource(schema.url, LocalStack.pgUser(), LocalStack.pgPassword())
                .locations("classpath:db/migration")
                .table("vigil_schema_history")
                .load()
                .migrate();
        return schema;
    }

    /** JDBC URL whose search path is this schema first. */
    public String url() {
        return url;
    }

    public Connection connect() throws Exception {
        return DriverManager.getConnection(url, LocalStack.pgUser(), LocalStack.pgPassword());
    }

    @Override
    public void close() throws Exception {
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + name + " CASCADE");
        }
    }
}
