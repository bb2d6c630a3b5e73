package dev.vigil.bench.e2e;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.elasticsearch.DocumentWriter;
import dev.vigil.runtime.sinks.elasticsearch.ElasticsearchSinks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Documents per second through the job's search sink alone: a bounded job of generated log documents
 * (about 420 bytes, like an agent log) written by {@code ElasticsearchSinks.create} to the local
 * Elasticsearch, parallelism 2, the default batch settings. Also reports the CPU Elasticsearch used.
 * Usage: SearchSinkBench ES_URL ES_PID [DOCUMENTS]. Written so that it compiles against the old
 * connector-based sink as well, to compare the two on the same data and settings.
 */
public final class SearchSinkBench {
    public static void main(String[] args) throws Exception {
        String es = args[0];
        long esPid = Long.parseLong(args[1]);
        long documents = args.length > 2 ? Long.parseLong(args[2]) : 400_000;
        String index = "bench-sink-" + UUID.randomUUID().toString().substring(0, 8);
        Path work = Files.createTempDirectory("search-sink-bench");
        Path key = Files.writeString(work.resolve("signing-key"), "bench-alert-signing-key-0123456789abcdef0123");
        VigilConfig config = VigilConfig.load(
                "elasticsearch: {hosts: [\"" + es + "\"]}\nalerting.signing-key-file: \"" + key + "\"\n",
                List.of(),
                Map.of());
        HttpClient http = HttpClient.newHttpClient();
        http.send(
                HttpRequest.newBuilder(URI.create(es + "/" + index))
                        .header("Content-Type", "application/json")
                        .PUT(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0,\"refresh_interval\":\"5s\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromSequence(1, documents).sinkTo(ElasticsearchSinks.create(config, new Documents(index)));
        double cpuBefore = cpuSeconds(esPid);
        long started = System.nanoTime();
        env.execute("search sink bench");
        double seconds = (System.nanoTime() - started) / 1e9;
        double esCores = (cpuSeconds(esPid) - cpuBefore) / seconds;
        http.send(
                HttpRequest.newBuilder(URI.create(es + "/" + index + "/_refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String count = http.send(
                        HttpRequest.newBuilder(URI.create(es + "/" + index + "/_count"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        System.out.printf(
                "search sink: %d documents in %.1f s = %.0f documents/s; Elasticsearch used %.2f cores; index holds %s%n",
                documents, seconds, documents / seconds, esCores, count);
        http.send(
                HttpRequest.newBuilder(URI.create(es + "/" + index)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** utime + stime of a process, in seconds (clock ticks of 100 Hz, as on Linux x86-64). */
    private static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static final class Documents implements DocumentWriter<Long> {
        private final String index;

        Documents(String index) {
            this.index = index;
        }

        @Override
        public String id(Long n) {
            return Long.toHexString(n * 0x9E3779B97F4A7C15L);
        }

        @Override
        public String index(Long n) {
            return index;
        }

        @Override
        public byte[] json(Long n) {
            return ("{\"event_id\":\"" + n + "\",\"type\":\"agent_log\",\"timestamp\":" + (1_764_460_800_000L + n)
                            + ",\"service\":\"checkout-"
                            + (n % 7) + "\",\"environment\":\"prod\",\"host\":\"node-" + (n % 13)
                            + "\",\"correlation_id\":\"c" + (n / 5)
                            + "\",\"level\":\"" + (n % 10 == 0 ? "warn" : "info")
                            + "\",\"logger\":\"dev.example.checkout.PaymentService\","
                            + "\"message\":\"payment authorised for order " + n
                            + " after 3 attempts in 128 ms via gateway eu-west\","
                            + "\"agent_id\":\"agent-" + (n % 3) + "\",\"tool\":\"search\",\"tokens_in\":" + (n % 900)
                            + ",\"duration_ms\":"
                            + (n % 1000) + ".5,\"sample_rate\":1.0}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
