package dev.vigil.tests.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vigil.tests.stack.LocalStack;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm chart, checked by a real helm (helm-java's native library): it lints, renders from its
 * values, every rendered object parses with fabric8's Kubernetes model and the Flink operator's CRD
 * model (FlinkDeployments also validate against the operator's CRD schema), the fields that matter
 * are right, no secret value is inlined, and deploy/k8s/ is exactly what the chart renders by default.
 */
class HelmChartIT {
    static final Path CHART = LocalStack.repoRoot().resolve("helm/vigil");
    static final Path RENDERED = LocalStack.repoRoot().resolve("deploy/k8s/vigil.yaml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final List<String> JOBS = List.of("agent-logs", "alerting", "business-events", "errors", "performance-metrics");

    @Test
    void lints() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void rendersOneFlinkDeploymentPerJobWithTheSettingsThatMatter() throws Exception {
        List<HasMetadata> objects = render(new Helm(CHART).template().withName("vigil").withNamespace("observability").call());
        Set<String> kinds = new TreeSet<>();
        for (HasMetadata o : objects) kinds.add(o.getKind());
        assertThat(kinds).containsExactly("ConfigMap", "FlinkDeployment", "KafkaTopic", "KafkaUser", "PodMonitor", "PrometheusRule");
        // Only the jobs' user may write the alerts and dead-letter topics; a producer's user writes the four input topics only.
        JsonNode users = YAML.valueToTree(objects.stream().filter(o -> o.getKind().equals("KafkaUser")).toList());
        assertThat(users.findValuesAsText("name")).contains("vigil", "vigil-producer");
        for (JsonNode user : users) {
            List<String> writable = new ArrayList<>();
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                if (acl.path("operations").toString().contains("Write") && acl.at("/resource/type").asText().equals("topic")) {
                    writable.add(acl.at("/resource/name").asText());
                }
            }
            if (user.at("/metadata/name").asText().equals("vigil")) {
                assertThat(writable).containsExactlyInAnyOrder("vigil.alerts", "vigil.dead-letters");
            } else {
                assertThat(writable).containsExactlyInAnyOrder("vigil.agent-logs", "vigil.business-events", "vigil.performance-metrics", "vigil.errors");
            }
        }
        List<String> timestampTypes = objects.stream().filter(o -> o.getKind().equals("KafkaTopic"))
                .map(o -> YAML.valueToTree(o).at("/spec/config/message.timestamp.type").asText()).distinct().toList();
        assertThat(timestampTypes).as("the broker stamps records (event time is bounded by it)").containsExactly("LogAppendTime");

        List<FlinkDeployment> deployments = objects.stream().filter(o -> o instanceof FlinkDeployment).map(o -> (FlinkDeployment) o).toList();
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder(
                "vigil-agent-logs", "vigil-alerting", "vigil-business-events", "vigil-errors", "vigil-performance-metrics");
        FlinkDeployment metrics = deployments.stream().filter(d -> d.getMetadata().getName().equals("vigil-performance-metrics")).findFirst().orElseThrow();
        var spec = metrics.getSpec();
        assertThat(spec.getJob().getParallelism()).isEqualTo(2);
        assertThat(spec.getJob().getJarURI()).isEqualTo("local:///opt/vigil/jobs/vigil-performance-metrics-job.jar");
        assertThat(spec.getJob().getEntryClass()).isEqualTo("dev.vigil.jobs.metrics.PerformanceMetricsMain");
        assertThat(spec.getJob().getArgs()).containsExactly("--config", "/etc/vigil/vigil.yaml", "--set", "parallelism=2",
                "--set", "checkpoint.storage=s3://vigil-flink/checkpoints/performance-metrics");
        assertThat(spec.getJob().getUpgradeMode().name()).isEqualTo("SAVEPOINT");
        assertThat(spec.getFlinkVersion().toString()).isEqualTo("v1_20");
        Map<String, String> flink = spec.getFlinkConfiguration();
        assertThat(flink).containsEntry("state.checkpoints.dir", "s3://vigil-flink/checkpoints/performance-metrics")
                .containsEntry("state.savepoints.dir", "s3://vigil-flink/savepoints/performance-metrics")
                .containsEntry("high-availability.type", "kubernetes")
                .containsEntry("restart-strategy.type", "exponential-delay")
                .containsEntry("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                .containsEntry("taskmanager.numberOfTaskSlots", "2");
        // Secrets are referenced (env from secretKeyRef, files from secret volumes), never inlined.
        var container = spec.getPodTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv()).allSatisfy(e -> assertThat(e.getValue()).isNull());
        assertThat(container.getEnv()).extracting(e -> e.getName()).doesNotContain("VIGIL_MASKING_KEY");
        assertThat(spec.getPodTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .extracting(v -> v.getSecret().getSecretName())
                .containsExactlyInAnyOrder("vigil-kafka-user", "vigil-kafka-cluster-ca", "vigil-timescaledb", "vigil-elasticsearch",
                        "vigil-masking-key", "vigil-alert-signing-key");
        assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath())
                .contains("/etc/vigil/secrets/masking", "/etc/vigil/secrets/alert-signing");

        ConfigMap config = objects.stream().filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals("vigil-config"))
                .map(o -> (ConfigMap) o).findFirst().orElseThrow();
        JsonNode vigil = YAML.readTree(config.getData().get("vigil.yaml"));
        assertThat(vigil.at("/timescaledb/password-file").asText()).isEqualTo("/etc/vigil/secrets/timescaledb/password");
        assertThat(vigil.at("/kafka/sasl/password-file").asText()).isEqualTo("/etc/vigil/secrets/kafka/password");
        assertThat(vigil.at("/windows/errors/size").asText()).isEqualTo("1min");
        assertThat(vigil.at("/detection/latency-regression/factor").asDouble()).isEqualTo(2.0);
        assertThat(vigil.at("/masking/hmac-key-file").asText()).isEqualTo("/etc/vigil/secrets/masking/hmac-key");
        assertThat(vigil.at("/alerting/signing-key-file").asText()).isEqualTo("/etc/vigil/secrets/alert-signing/signing-key");

        long dashboards = objects.stream().filter(o -> o instanceof ConfigMap && "1".equals(o.getMetadata().getLabels().get("grafana_dashboard"))).count();
        assertThat(dashboards).isEqualTo(6);
        List<String> topics = objects.stream().filter(o -> o.getKind().equals("KafkaTopic")).map(o -> o.getMetadata().getName()).sorted().toList();
        assertThat(topics).containsExactly("vigil-agent-logs", "vigil-alerts", "vigil-business-events", "vigil-dead-letters", "vigil-errors",
                "vigil-performance-metrics");
    }

    @Test
    void everyFlinkDeploymentValidatesAgainstTheOperatorsCrdSchema() throws Exception {
        JsonNode crd;
        try (InputStream in = FlinkDeployment.class.getResourceAsStream("/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml")) {
            crd = YAML.readTree(in);
        }
        JsonNode openApi = crd.at("/spec/versions/0/schema/openAPIV3Schema");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(openApi);
        int checked = 0;
        for (JsonNode doc : documents(new Helm(CHART).template().withName("vigil").call())) {
            if (!doc.path("kind").asText().equals("FlinkDeployment")) continue;
            Set<ValidationMessage> errors = schema.validate(doc);
            assertThat(errors).as(doc.at("/metadata/name").asText()).isEmpty();
            checked++;
        }
        assertThat(checked).isEqualTo(JOBS.size());
    }

    @Test
    void valuesChooseTheJobsAndTheirSize() throws Exception {
        List<HasMetadata> objects = render(new Helm(CHART).template().withName("obs")
                .set("jobs.errors.enabled", false).set("jobs.agent-logs.parallelism", 6).set("monitoring.grafanaDashboards", false).call());
        List<FlinkDeployment> deployments = objects.stream().filter(o -> o instanceof FlinkDeployment).map(o -> (FlinkDeployment) o).toList();
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("obs-agent-logs", "obs-alerting", "obs-business-events", "obs-performance-metrics");
        FlinkDeployment logs = deployments.stream().filter(d -> d.getMetadata().getName().equals("obs-agent-logs")).findFirst().orElseThrow();
        assertThat(logs.getSpec().getJob().getParallelism()).isEqualTo(6);
        assertThat(logs.getSpec().getJob().getArgs()).contains("parallelism=6");
        assertThat(objects).noneMatch(o -> o instanceof ConfigMap && o.getMetadata().getName().startsWith("obs-dashboard"));
    }

    @Test
    void aBadWindowSizeFailsSchemaValidationNamingTheValue(@TempDir Path tmp) throws Exception {
        Path values = Files.writeString(tmp.resolve("bad.yaml"), "windows:\n  errors: {size: 10 seconds}\n");
        assertThatThrownBy(() -> new Helm(CHART).template().withName("vigil").withValuesFile(values).call())
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("windows.errors.size")
                .hasMessageContaining("Does not match pattern '^[0-9]+(ms|s|min|h|d)$'");
        Path parallelism = Files.writeString(tmp.resolve("bad2.yaml"), "jobs:\n  errors: {parallelism: 0}\n");
        assertThatThrownBy(() -> new Helm(CHART).template().withName("vigil").withValuesFile(parallelism).call())
                .hasMessageContaining("jobs.errors.parallelism");
    }

    @Test
    void deployK8sIsWhatTheChartRendersByDefault() throws Exception {
        String rendered = "# Generated from helm/vigil with its default values (release vigil, namespace vigil); do not edit.\n"
                + "# Regenerate: mvn -B -pl tests verify -Dit.test=HelmChartIT -Dvigil.update-k8s=true\n"
                + new Helm(CHART).template().withName("vigil").withNamespace("vigil").call();
        if (Boolean.getBoolean("vigil.update-k8s")) Files.writeString(RENDERED, rendered);
        assertThat(Files.readString(RENDERED)).as("deploy/k8s/vigil.yaml is stale; regenerate it (see its header)").isEqualTo(rendered);
    }

    static List<HasMetadata> render(String manifest) throws Exception {
        List<HasMetadata> out = new ArrayList<>();
        for (JsonNode doc : documents(manifest)) {
            String yaml = YAML.writeValueAsString(doc);
            KubernetesResource r = doc.path("kind").asText().equals("FlinkDeployment")
                    ? Serialization.unmarshal(yaml, FlinkDeployment.class)
                    : Serialization.unmarshal(yaml);
            assertThat(r).as(doc.path("kind").asText()).isInstanceOf(HasMetadata.class);
            out.add((HasMetadata) r);
        }
        return out;
    }

    static List<JsonNode> documents(String manifest) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(manifest)) {
            for (JsonNode n : YAML.readValues(parser, JsonNode.class).readAll()) if (n != null && !n.isEmpty()) docs.add(n);
        }
        return docs;
    }
}
