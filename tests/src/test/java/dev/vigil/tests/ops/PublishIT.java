package dev.vigil.tests.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.vigil.tests.stack.LocalStack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarFile;
import org.apache.flink.client.program.artifact.ArtifactFetchManager;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's way of running Vigil, end to end as far as this machine allows (no container engine or
 * Kubernetes here): {@code ./vigil publish} uploads the job jars to S3, the chart points each
 * FlinkDeployment's jarURI there, and Flink's own artifact fetcher (what application mode runs before
 * the job's main) downloads exactly the jar that was built, with the entry class the chart names.
 */
class PublishIT {
    @Test
    void theJarsPublishedAreTheOnesEachFlinkDeploymentFetches(@TempDir Path tmp) throws Exception {
        String base = "s3://vigil-flink/jars/it-" + UUID.randomUUID().toString().substring(0, 8);
        Tools publish = Tools.run(LocalStack.repoRoot().toFile(), "./vigil", "publish", "--to", base);
        assertThat(publish.exit()).as(publish.output()).isZero();

        Configuration flink = LocalStack.flinkS3();
        FileSystem.initialize(flink, null);

        List<HasMetadata> objects = HelmChartIT.render(new Helm(HelmChartIT.CHART)
                .template()
                .withName("vigil")
                .set("jars.baseUri", base)
                .call());
        int fetched = 0;
        List<String> published = new java.util.ArrayList<>();
        for (HasMetadata o : objects) {
            if (!(o instanceof FlinkDeployment d)) continue;
            String job = d.getMetadata().getLabels().get("app.kubernetes.io/component");
            String jarUri = d.getSpec().getJob().getJarURI();
            assertThat(jarUri).startsWith(base + "/");
            published.add(jarUri);
            Path into = Files.createDirectories(tmp.resolve(job));
            java.io.File jar = new ArtifactFetchManager(flink, into.toString())
                    .fetchArtifacts(jarUri, List.of())
                    .getJobJar();
            Path built = LocalStack.repoRoot().resolve("jobs/" + job + "/target/vigil-" + job + "-job.jar");
            assertThat(sha256(jar.toPath())).as(jarUri).isEqualTo(sha256(built));
            try (JarFile in = new JarFile(jar)) {
                assertThat(in.getManifest().getMainAttributes().getValue("Main-Class"))
                        .isEqualTo(d.getSpec().getJob().getEntryClass());
            }
            fetched++;
        }
        assertThat(fetched).isEqualTo(HelmChartIT.JOBS.size());
        for (String uri : published) {
            org.apache.flink.core.fs.Path p = new org.apache.flink.core.fs.Path(uri);
            assertThat(p.getFileSystem().delete(p, false)).as("removing " + uri).isTrue(); // 75 MB each
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
