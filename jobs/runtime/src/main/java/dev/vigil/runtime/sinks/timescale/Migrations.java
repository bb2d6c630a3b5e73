package dev.vigil.runtime.sinks.timescale;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned migrations in {@code sql/migrations/} with Flyway; jobs never run DDL of their own. */
public final class Migrations {
    private Migrations() {}

    public static MigrateResult apply(VigilConfig config) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(
                        config.get(VigilOptions.PG_URL),
                        config.get(VigilOptions.PG_USERNAME),
                        TimescaleSinks.password(config))
                .locations("classpath:db/migration")
                .table("vigil_schema_history")
                .load()
                .migrate();
    }
}
