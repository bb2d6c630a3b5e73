package dev.vigil.runtime.retention;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.Secrets;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sinks.elasticsearch.IndexLifecycle;
import dev.vigil.runtime.sinks.elasticsearch.SearchConnection;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticsearch.client.RestClient;

/**
 * One retention run: deletes daily Elasticsearch indices past {@code retention.elasticsearch} and
 * drops TimescaleDB chunks past {@code retention.timescaledb}. Where the server offers a native
 * policy (Timescale License: {@code add_retention_policy}) that is installed instead; where it does
 * not, the run says so and does the work itself, so schedule it (cron, a Kubernetes CronJob). On
 * Elasticsearch and OpenSearch the jobs install an ILM or ISM policy where there is one
 * ({@link IndexLifecycle}); this run deletes by the date in the index name either way.
 */
public final class RetentionMain {

    private final VigilConfig config;
    private final List<String> report = new ArrayList<>();

    public RetentionMain(VigilConfig config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        VigilConfig config;
        try {
            config = VigilConfig.fromArgs(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("vigil retention: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        RetentionMain run = new RetentionMain(config);
        run.elasticsearch(LocalDate.now(ZoneOffset.UTC));
        run.timescale();
        run.report().forEach(System.out::println);
    }

    public List<String> report() {
        return report;
    }

    /** Deletes <prefix>*-YYYY.MM.DD indices dated before {@code today} minus the retention. */
    public void elasticsearch(LocalDate today) throws IOException {
        long days = config.get(VigilOptions.RETENTION_ES) / 86_400_000L;
        LocalDate cutoff = today.minusDays(days);
        try (RestClient client = SearchConnection.of(config).open()) {
            String prefix = config.get(VigilOptions.ES_INDEX_PREFIX);
            IndexLifecycle.Kind lifecycle = IndexLifecycle.detect(client);
            if (lifecycle == IndexLifecycle.Kind.NONE) {
                report.add(
                        "elasticsearch: index lifecycle management (ILM or ISM) is not available on this server; deleting "
                                + "indices older than " + days + " days directly (schedule this run)");
            } else if (config.get(VigilOptions.RETENTION_ES_LIFECYCLE) == VigilOptions.IndexLifecycleUse.AUTO) {
                report.add("elasticsearch: the " + lifecycle + " policy " + IndexLifecycle.policyName(prefix)
                        + " deletes daily indices " + days + " days after their creation; this run also deletes those "
                        + "dated before the cutoff");
            }
            Pattern dailyIndex =
                    Pattern.compile("^" + Pattern.quote(prefix) + "[a-z-]+-(\\d{4})\\.(\\d{2})\\.(\\d{2})$");
            SearchConnection.Answer indices =
                    SearchConnection.exchange(client, "GET", "/_cat/indices/" + prefix + "*?h=index", null);
            if (!indices.ok()) throw new IOException("listing indices failed: HTTP " + indices.status());
            int deleted = 0;
            for (String index : indices.body().split("\\s+")) {
                Matcher m = dailyIndex.matcher(index.trim());
                if (!m.matches()) continue;
                LocalDate date = LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                if (date.isBefore(cutoff)) {
                    SearchConnection.Answer r = SearchConnection.exchange(client, "DELETE", "/" + index.trim(), null);
                    if (!r.ok()) throw new IOException("deleting " + index + " failed: HTTP " + r.status());
                    deleted++;
                }
            }
            report.add("elasticsearch: deleted " + deleted + " indices dated before " + cutoff);
        }
    }

    /** A retention policy per hypertable where licensed, else drop_chunks now; each table keeps its own duration. */
    public void timescale() throws SQLException {
        String password =
                Secrets.fromFile(config.get(VigilOptions.PG_PASSWORD_FILE), VigilOptions.PG_PASSWORD_FILE.key());
        try (Connection c = DriverManager.getConnection(
                config.get(VigilOptions.PG_URL), config.get(VigilOptions.PG_USERNAME), password)) {
            String license;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_setting('timescaledb.license')")) {
                rs.next();
                license = rs.getString(1);
            }
            boolean policies = "timescale".equals(license);
            if (!policies) {
                report.add("timescaledb: retention policies need the Timescale License (this server: " + license
                        + "); dropping chunks directly (schedule this run)");
            }
            for (String entry : config.get(VigilOptions.RETENTION_TABLES)) {
                int eq = entry.indexOf('=');
                String table = eq < 0 ? entry : entry.substring(0, eq);
                long seconds = retentionMillis(entry, eq) / 1000;
                if (policies) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT add_retention_policy(?::regclass, ?::interval, if_not_exists => true)")) {
                        ps.setString(1, table);
                        ps.setString(2, seconds + " seconds");
                        ps.execute();
                    }
                    report.add("timescaledb: " + table + ": retention policy of " + seconds + " s");
                } else {
                    int dropped = 0;
                    try (PreparedStatement ps =
                            c.prepareStatement("SELECT drop_chunks(?::regclass, older_than => now() - ?::interval)")) {
                        ps.setString(1, table);
                        ps.setString(2, seconds + " seconds");
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) dropped++;
                        }
                    }
                    report.add("timescaledb: " + table + ": dropped " + dropped + " chunks older than "
                            + seconds / 86_400 + " days");
                }
            }
        }
    }

    private long retentionMillis(String entry, int eq) {
        if (eq < 0) return config.get(VigilOptions.RETENTION_TIMESCALEDB);
        try {
            long ms = dev.vigil.runtime.config.Durations.parseMillis(entry.substring(eq + 1));
            if (ms > 0) return ms;
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ConfigException(
                VigilOptions.RETENTION_TABLES.key() + ": '" + entry + "' needs a positive duration such as 30d");
    }
}
