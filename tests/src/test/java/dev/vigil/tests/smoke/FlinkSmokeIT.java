package dev.vigil.tests.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.tests.stack.FlinkRest;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.LocalStack;
import java.io.IOException;
import java.io.OutputStream;
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
    void submitsAJarOverRestAndSeesItFinish(@TempDir Path tmp) throws Exception {
        JsonNode overview = Http.get(LocalStack.flinkUrl() + "/overview");
        assertThat(overview.get("taskmanagers").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("flink-version").asText()).isEqualTo("1.20.1");

        Path jar = packageSmokeJob(tmp.resolve("vigil-smoke-job.jar"));
        FlinkRest flink = new FlinkRest(LocalStack.flinkUrl());
        String jarId = flink.uploadJar(jar);
        try {
            String jobId = flink.run(jarId, FlinkSmokeJob.class.getName(), "");
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
        } finally {
            flink.deleteJar(jarId);
        }
    }

    /** Builds a job jar from the compiled test classes: only the job's own classes, Flink is provided. */
    private static Path packageSmokeJob(Path jar) throws IOException {
        Path classes = Path.of(FlinkSmokeJob.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String dir = FlinkSmokeJob.class.getPackageName().replace('.', '/');
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Main-Class", FlinkSmokeJob.class.getName());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, manifest);
                var files = Files.list(classes.resolve(dir))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().startsWith("FlinkSmokeJob"))::iterator) {
                jos.putNextEntry(new JarEntry(dir + "/" + f.getFileName()));
                jos.write(Files.readAllBytes(f));
                jos.closeEntry();
            }
        }
        return jar;
    }
}
