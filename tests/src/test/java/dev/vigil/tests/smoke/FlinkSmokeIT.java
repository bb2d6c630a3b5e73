package dev.vigil.tests.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.tests.stack.FlinkRest;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.LocalTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkSmokeIT {

    @Test
    void submitsAJarAndSeesItFinish(@TempDir Path tmp) throws Exception {
        JsonNode overview = Http.get(LocalStack.flinkUrl() + "/overview");
        assertThat(overview.get("taskmanagers").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("flink-version").asText()).isEqualTo("1.20.1");

        Path jar = packageSmokeJob(tmp.resolve("vigil-smoke-job.jar"));
        FlinkRest flink = new FlinkRest(LocalStack.flinkUrl());
        String jobId = flink.submit(jar, FlinkSmokeJob.class.getName());
        assertThat(flink.awaitTerminal(jobId, Duration.ofMinutes(2))).isEqualTo("FINISHED");

        // The filter saw every number and passed exactly the even ones to the sink.
        long readByFilter = 0;
        long readBySink = 0;
        for (JsonNode v : flink.job(jobId).get("vertices")) {
            String name = v.get("name").asText();
            long read = v.at("/metrics/read-records").asLong();
            if (name.startsWith("Filter")) {
                readByFilter += read;
            } else if (name.contains("Sink")) {
                readBySink += read;
            }
        }
        assertThat(readByFilter).isEqualTo(FlinkSmokeJob.COUNT);
        assertThat(readBySink).isEqualTo(FlinkSmokeJob.COUNT / 2);
    }

    /**
     * Flink's REST API answers only clients holding a key signed by the stack's CA (mutual TLS), and even
     * those cannot upload or run jars through it: another local user cannot run code as the stack's owner.
     */
    @Test
    void restAcceptsOnlyTheStacksClientCertificateAndNoJarUploads() throws Exception {
        URI overview = URI.create(LocalStack.flinkUrl() + "/overview");
        HttpClient noCertificate = HttpClient.newBuilder()
                .sslContext(LocalTls.trustingLocalCa())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        assertThatThrownBy(() -> noCertificate.send(
                        HttpRequest.newBuilder(overview).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        HttpClient plain =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI plainOverview = URI.create(overview.toString().replace("https://", "http://"));
        // plain HTTP only gets a redirect to HTTPS, never an answer
        HttpResponse<String> redirect = plain.send(
                HttpRequest.newBuilder(plainOverview)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("location")).contains(overview.toString());
        assertThat(redirect.body()).isEmpty();

        HttpClient stack = HttpClient.newBuilder()
                .sslContext(LocalTls.flinkClient())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        assertThat(stack.send(HttpRequest.newBuilder(overview).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> upload = stack.send(
                HttpRequest.newBuilder(URI.create(LocalStack.flinkUrl() + "/jars/upload"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(404);
        assertThat(stack.send(
                                HttpRequest.newBuilder(URI.create(LocalStack.flinkUrl() + "/jars"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
    }

    /** Builds a job jar from the compiled test classes: only the job's own classes, Flink is provided. */
    private static Path packageSmokeJob(Path jar) throws IOException {
        Path classes = Path.of(FlinkSmokeJob.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        String dir = FlinkSmokeJob.class.getPackageName().replace('.', '/');
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Main-Class", FlinkSmokeJob.class.getName());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jos = new JarOutputStream(out, manifest);
                var files = Files.list(classes.resolve(dir))) {
            for (Path f : (Iterable<Path>)
                    files.filter(p -> p.getFileName().toString().startsWith("FlinkSmokeJob"))::iterator) {
                jos.putNextEntry(new JarEntry(dir + "/" + f.getFileName()));
                jos.write(Files.readAllBytes(f));
                jos.closeEntry();
            }
        }
        return jar;
    }
}
