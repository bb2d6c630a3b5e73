package dev.vigil.runtime.sinks.timescale;

import dev.vigil.runtime.config.Secrets;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Where and as whom to connect to TimescaleDB; the password stays in its file until a connection is opened. */
final class ConnectionSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final String username;
    private final String passwordFile;

    private ConnectionSettings(String url, String username, String passwordFile) {
        this.url = url;
        this.username = username;
        this.passwordFile = passwordFile;
    }

    static ConnectionSettings of(VigilConfig config) {
        return new ConnectionSettings(
                config.get(VigilOptions.PG_URL),
                config.get(VigilOptions.PG_USERNAME),
                config.get(VigilOptions.PG_PASSWORD_FILE));
    }

    Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", username);
        p.setProperty("password", Secrets.fromFile(passwordFile, VigilOptions.PG_PASSWORD_FILE.key()));
        p.setProperty("connectTimeout", "30");
        p.setProperty("tcpKeepAlive", "true");
        // A batch goes as multi-row INSERTs (about twice the rows/s of one statement per row); a batch that
        // holds one key twice is split by the writer (UpsertWriter.duplicateKeys).
        p.setProperty("reWriteBatchedInserts", "true");
        // The driver directly, not DriverManager: it only sees drivers of its caller's class loader, which in a job jar
        // it is not.
        Connection c = new org.postgresql.Driver().connect(url, p);
        if (c == null)
            throw new SQLException(VigilOptions.PG_URL.key() + ": " + url + " is not a PostgreSQL JDBC URL", "08001");
        c.setAutoCommit(false);
        return c;
    }
}
