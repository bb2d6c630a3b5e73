package dev.vigil.tests.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.jobs.agentlogs.AgentLogsMain;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.MiniClusterRun;
import dev.vigil.tests.stack.SearchHits;
import dev.vigil.tests.stack.TestJobConfig;
import dev.vigil.workload.journey.CrossServiceJourney;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request across a Java and a Node service, each reporting through its own Vigil library: the storefront (Java
 * library: servlet-free context from headers, log4j2 appender, HttpClient hook) calls the NestJS payments example
 * ({@code examples/nestjs-payments}, run with {@code node} as a deployment would, publishing over TLS and SCRAM to
 * the stack's secured listener). The agent-logs job then indexes both services' lines and one journey per request
 * in Elasticsearch, joined by the one correlation ID; the two services share the W3C trace and keep their own spans.
 */
class ProducerJourneyIT {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "pj" + run + ".";

    @Test
    void aRequestAcrossJavaAndNestJsLandsInElasticsearchAsOneJourney(@TempDir Path tmp) throws Exception {
        Path example = LocalStack.repoRoot().resolve("examples/nestjs-payments/dist/main.js");
        assertThat(example)
                .as(
                        "the NestJS example is built by the build of clients/nestjs (npm run build -w examples/nestjs-payments)")
                .exists();
        KafkaTopics.create(
                2,
                prefix + "agent-logs",
                prefix + "business-events",
                prefix + "performance-metrics",
                prefix + "errors",
                prefix + "dead-letters",
                prefix + "alerts");

        Process payments = startPayments(example);
        List<String> ids;
        try {
            URI url = URI.create(awaitListening(payments));
            ids = CrossServiceJourney.run(LocalStack.kafkaBootstrap(), prefix, url, 3, "pj-" + run + "-");
        } finally {
            payments.destroy(); // SIGTERM: Nest's shutdown hooks send what the library holds
            assertThat(payments.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(payments.exitValue()).as("payments exits cleanly on SIGTERM").isIn(0, 143);

        VigilConfig config = TestJobConfig.create(
                prefix,
                tmp,
                "windows: {agent-logs: {size: 10s, out-of-orderness: 1s}}\njourneys: {gap: 30s}\nkafka.group-id: it-"
                        + run + "\n");
        Map<String, Long> counters = MiniClusterRun.run("it-journey-" + run, env -> {
            VigilEnvironment.configure(env, config, "agent-logs");
            AgentLogsMain.prepareStores(config);
            AgentLogsMain.job(config, true, Map.of()).build(env);
        });
        assertThat(counters).doesNotContainKey("deadLettered");

        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            boolean timedOut = i == ids.size() - 1;
            JsonNode journey = SearchHits.one("vigil-journeys-*", term("correlation_id", id));
            assertThat(SearchHits.texts(journey.get("services")))
                    .containsExactly("storefront", "payments", "storefront");
            // storefront: started, then paid (or the payments error); payments: charging (and captured)
            assertThat(journey.get("event_count").asLong()).isEqualTo(timedOut ? 3 : 4);

            JsonNode lines = SearchHits.hits("vigil-logs-*", term("correlation_id", id));
            List<String> services = new ArrayList<>();
            List<String> traces = new ArrayList<>();
            List<String> spans = new ArrayList<>();
            lines.forEach(h -> {
                services.add(h.at("/_source/service").asText());
                traces.add(h.at("/_source/trace_id").asText());
                spans.add(h.at("/_source/service").asText() + "/"
                        + h.at("/_source/span_id").asText());
            });
            assertThat(services).hasSize(timedOut ? 3 : 4).contains("storefront", "payments");
            assertThat(traces.stream().distinct())
                    .as("one W3C trace across both services")
                    .hasSize(1);
            assertThat(traces.get(0)).isNotEqualTo(id).matches("[0-9a-f]{32}");
            assertThat(spans.stream().distinct())
                    .as("each service its own span")
                    .hasSize(2);
        }
    }

    /** The example as deployed: node, its Kafka client on SASL_SSL with the CA and the password from files. */
    private Process startPayments(Path main) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", main.toString())
                .directory(main.getParent().getParent().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PORT", "0");
        env.put("VIGIL_TOPIC_PREFIX", prefix);
        env.put("VIGIL_KAFKA_BOOTSTRAP", LocalStack.get("VIGIL_KAFKA_SASL_BOOTSTRAP"));
        env.put("VIGIL_KAFKA_SECURITY", "sasl_ssl");
        env.put("VIGIL_KAFKA_SASL_USER", LocalStack.get("VIGIL_KAFKA_SASL_USER"));
        env.put("VIGIL_KAFKA_SASL_PASSWORD_FILE", LocalStack.get("VIGIL_KAFKA_SASL_PASSWORD_FILE"));
        Path ca = Path.of(LocalStack.get("VIGIL_KAFKA_TRUSTSTORE")).resolveSibling("ca.crt");
        assertThat(Files.exists(ca)).as(ca + " (the stack's CA in PEM)").isTrue();
        env.put("VIGIL_KAFKA_CA_FILE", ca.toString());
        return pb.start();
    }

    /** The URL the example prints once it listens; its other output is echoed for the test log. */
    private static String awaitListening(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String marker = "payments listening on ";
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            System.out.println("[payments] " + line);
            if (line.startsWith(marker)) {
                Thread echo = new Thread(() -> out.lines().forEach(l -> System.out.println("[payments] " + l)));
                echo.setDaemon(true);
                echo.start();
                return line.substring(marker.length()).replace("[::1]", "127.0.0.1");
            }
        }
        throw new IllegalStateException("the payments example ended before listening (exit " + p.waitFor() + ")");
    }

    private static String term(String field, String value) {
        return "{\"size\":100,\"query\":{\"term\":{\"" + field + "\":\"" + value + "\"}}}";
    }
}
