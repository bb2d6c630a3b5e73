package dev.vigil.tests.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.retention.RetentionMain;
import dev.vigil.runtime.sinks.timescale.Migrations;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention run against the real servers: old daily indices and old chunks go, recent data stays. */
class RetentionIT {

    @Test
    void deletesOldIndicesAndDropsOldChunks(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path pg = Files.writeString(tmp.resolve("pg"), LocalStack.pgPassword());
        VigilConfig config = VigilConfig.load(
                "",
                List.of(
                        "elasticsearch.hosts=" + LocalStack.esUrl(),
                        "timescaledb.url=" + LocalStack.pgUrl(),
                        "timescaledb.username=" + LocalStack.pgUser(),
                        "timescaledb.password-file=" + pg,
                        "retention.elasticsearch=30d",
                        "retention.timescaledb-tables=agent_log_counts=90d"),
                Map.of());
        Migrations.apply(config);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String old = "vigil-retention-" + today.minusDays(31).toString().replace('-', '.');
        String recent = "vigil-retention-" + today.minusDays(29).toString().replace('-', '.');
        for (String index : List.of(old, recent)) {
            Http.send(
                    "PUT",
                    LocalStack.esUrl() + "/" + index + "/_doc/" + run + "?refresh=true",
                    "{\"run\":\"" + run + "\"}");
        }
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO agent_log_counts VALUES ('2020-01-01T00:00:00Z', 10, 'ret-" + run
                    + "', 'INFO', '', 5)");
            s.execute("INSERT INTO agent_log_counts VALUES (now() - interval '1 day', 10, 'ret-" + run
                    + "', 'INFO', '', 7)");
        }

        RetentionMain retention = new RetentionMain(config);
        retention.elasticsearch(today);
        retention.timescale();

        assertThat(status(LocalStack.esUrl() + "/" + old)).isEqualTo(404);
        assertThat(status(LocalStack.esUrl() + "/" + recent)).isEqualTo(200);
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT events FROM agent_log_counts WHERE service = 'ret-" + run + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(7);
            assertThat(rs.next()).isFalse();
        }
        // the integration-test build of Elasticsearch has no ILM, nor ISM: the run says so and deletes by date
        assertThat(retention.report())
                .anyMatch(l -> l.startsWith("elasticsearch: index lifecycle management (ILM or ISM) is not available"));
        // the Apache-licensed build has no retention policies: the run says so and drops the chunks itself
        assertThat(retention.report()).anyMatch(l -> l.contains("need the Timescale License (this server: apache)"));
        assertThat(retention.report())
                .anyMatch(l -> l.startsWith("timescaledb: agent_log_counts: dropped ") && !l.contains("dropped 0 "));
        Http.send("DELETE", LocalStack.esUrl() + "/" + recent, "");
    }

    private static int status(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
