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
import dev.vigil.jobs.agentlogs.AgentLogsMain;
import dev.vigil.jobs.alerting.AlertingMain;
import dev.vigil.jobs.business.BusinessEventsMain;
import dev.vigil.jobs.errors.ErrorsMain;
import dev.vigil.jobs.metrics.PerformanceMetricsMain;
import dev.vigil.runtime.JobLauncher;
import dev.vigil.runtime.accounting.DeadLetterSink;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sources.KafkaSources;
import dev.vigil.runtime.sources.TopicsReady;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    static final List<String> JOBS =
            List.of("agent-logs", "alerting", "business-events", "errors", "performance-metrics");

    @Test
    void lints() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
    }

    @Test
    void rendersOneFlinkDeploymentPerJobWithTheSettingsThatMatter() throws Exception {
        List<HasMetadata> objects = render(new Helm(CHART)
                .template()
                .withName("vigil")
                .withNamespace("observability")
                .call());
        Set<String> kinds = new TreeSet<>();
        for (HasMetadata o : objects) kinds.add(o.getKind());
        assertThat(kinds)
                .containsExactly(
                        "ConfigMap", "FlinkDeployment", "KafkaTopic", "KafkaUser", "PodMonitor", "PrometheusRule");
        // Only the jobs' user may write the alerts and dead-letter topics; a producer's user writes the four input
        // topics only.
        JsonNode users = YAML.valueToTree(
                objects.stream().filter(o -> o.getKind().equals("KafkaUser")).toList());
        assertThat(users.findValuesAsText("name")).contains("vigil", "vigil-producer"); // the release's name
        for (JsonNode user : users) {
            List<String> writable = new ArrayList<>();
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                if (acl.path("operations").toString().contains("Write")
                        && acl.at("/resource/type").asText().equals("topic")) {
                    writable.add(acl.at("/resource/name").asText());
                }
            }
            if (user.at("/metadata/name").asText().equals("vigil")) {
                assertThat(writable).containsExactlyInAnyOrder("vigil.alerts", "vigil.dead-letters");
            } else {
                assertThat(writable)
                        .containsExactlyInAnyOrder(
                                "vigil.agent-logs",
                                "vigil.business-events",
                                "vigil.performance-metrics",
                                "vigil.errors");
            }
        }
        List<String> timestampTypes = objects.stream()
                .filter(o -> o.getKind().equals("KafkaTopic"))
                .map(o -> YAML.valueToTree(o)
                        .at("/spec/config/message.timestamp.type")
                        .asText())
                .distinct()
                .toList();
        assertThat(timestampTypes)
                .as("the broker stamps records (event time is bounded by it)")
                .containsExactly("LogAppendTime");

        List<FlinkDeployment> deployments = objects.stream()
                .filter(o -> o instanceof FlinkDeployment)
                .map(o -> (FlinkDeployment) o)
                .toList();
        assertThat(deployments)
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "vigil-agent-logs",
                        "vigil-alerting",
                        "vigil-business-events",
                        "vigil-errors",
                        "vigil-performance-metrics");
        FlinkDeployment metrics = deployments.stream()
                .filter(d -> d.getMetadata().getName().equals("vigil-performance-metrics"))
                .findFirst()
                .orElseThrow();
        var spec = metrics.getSpec();
        assertThat(spec.getJob().getParallelism()).isEqualTo(2);
        assertThat(spec.getJob().getJarURI())
                .isEqualTo("s3://vigil-flink/jars/0.1.0/vigil-performance-metrics-job.jar");
        assertThat(spec.getImage()).isEqualTo("flink:1.20.1-scala_2.12-java17");
        assertThat(spec.getJob().getEntryClass()).isEqualTo("dev.vigil.jobs.metrics.PerformanceMetricsMain");
        assertThat(spec.getJob().getArgs())
                .containsExactly(
                        "--config",
                        "/etc/vigil/vigil.yaml",
                        "--set",
                        "parallelism=2",
                        "--set",
                        "checkpoint.storage=s3://vigil-flink/checkpoints/performance-metrics");
        assertThat(spec.getJob().getUpgradeMode().name()).isEqualTo("SAVEPOINT");
        assertThat(spec.getFlinkVersion().toString()).isEqualTo("v1_20");
        Map<String, String> flink = spec.getFlinkConfiguration();
        assertThat(flink)
                .containsEntry("execution.checkpointing.dir", "s3://vigil-flink/checkpoints/performance-metrics")
                .containsEntry(
                        "execution.checkpointing.savepoint-dir", "s3://vigil-flink/savepoints/performance-metrics")
                .containsEntry("high-availability.type", "kubernetes")
                .containsEntry("restart-strategy.type", "exponential-delay")
                .containsEntry(
                        "metrics.reporter.prom.factory.class",
                        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                .containsEntry("taskmanager.numberOfTaskSlots", "2")
                .containsEntry("job.autoscaler.enabled", "false")
                .containsEntry("s3.aws.credentials.provider", "com.amazonaws.auth.profile.ProfileCredentialsProvider");
        // Secrets are files from secret volumes, never values or environment variables.
        var container = spec.getPodTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv())
                .allSatisfy(e -> assertThat(e.getValueFrom()).isNull());
        assertThat(container.getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactlyInAnyOrder(
                        "ENABLE_BUILT_IN_PLUGINS=flink-s3-fs-hadoop-1.20.1.jar",
                        "AWS_CREDENTIAL_PROFILES_FILE=/etc/vigil/secrets/s3/credentials",
                        "AWS_SHARED_CREDENTIALS_FILE=/etc/vigil/secrets/s3/credentials");
        assertThat(spec.getPodTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getSecret() != null)
                .extracting(v -> v.getSecret().getSecretName())
                .containsExactlyInAnyOrder(
                        "vigil",
                        "vigil-kafka-cluster-ca",
                        "vigil-timescaledb",
                        "vigil-elasticsearch",
                        "vigil-masking-key",
                        "vigil-alert-signing-key",
                        "vigil-s3");
        assertThat(container.getVolumeMounts())
                .extracting(m -> m.getMountPath())
                .contains("/etc/vigil/secrets/masking", "/etc/vigil/secrets/alert-signing");

        ConfigMap config = objects.stream()
                .filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals("vigil-errors-config"))
                .map(o -> (ConfigMap) o)
                .findFirst()
                .orElseThrow();
        JsonNode vigil = YAML.readTree(config.getData().get("vigil.yaml"));
        assertThat(vigil.at("/timescaledb/password-file").asText())
                .isEqualTo("/etc/vigil/secrets/timescaledb/password");
        assertThat(vigil.at("/kafka/sasl/password-file").asText()).isEqualTo("/etc/vigil/secrets/kafka/password");
        assertThat(vigil.at("/windows/errors/size").asText()).isEqualTo("1min");
        assertThat(vigil.at("/detection/latency-regression/factor").asDouble()).isEqualTo(2.0);
        assertThat(vigil.at("/masking/hmac-key-file").asText()).isEqualTo("/etc/vigil/secrets/masking/hmac-key");
        assertThat(vigil.at("/alerting/signing-key-file").asText())
                .isEqualTo("/etc/vigil/secrets/alert-signing/signing-key");
        assertThat(vigil.at("/kafka/topic-prefix").asText()).isEqualTo("vigil.");
        assertThat(vigil.at("/kafka/group-id").asText()).isEqualTo("vigil");
        assertThat(vigil.at("/windows").size())
                .as("only the errors job's window")
                .isEqualTo(1);

        long dashboards = objects.stream()
                .filter(o -> o instanceof ConfigMap
                        && "1".equals(o.getMetadata().getLabels().get("grafana_dashboard")))
                .count();
        assertThat(dashboards).isEqualTo(6);
        List<String> topics = objects.stream()
                .filter(o -> o.getKind().equals("KafkaTopic"))
                .map(o -> o.getMetadata().getName())
                .sorted()
                .toList();
        assertThat(topics)
                .containsExactly(
                        "vigil-agent-logs",
                        "vigil-alerts",
                        "vigil-business-events",
                        "vigil-dead-letters",
                        "vigil-errors",
                        "vigil-performance-metrics");
    }

    @Test
    void everyFlinkDeploymentValidatesAgainstTheOperatorsCrdSchema() throws Exception {
        JsonNode crd;
        try (InputStream in = FlinkDeployment.class.getResourceAsStream(
                "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml")) {
            crd = YAML.readTree(in);
        }
        JsonNode openApi = crd.at("/spec/versions/0/schema/openAPIV3Schema");
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(openApi);
        int checked = 0;
        for (JsonNode doc :
                documents(new Helm(CHART).template().withName("vigil").call())) {
            if (!doc.path("kind").asText().equals("FlinkDeployment")) continue;
            Set<ValidationMessage> errors = schema.validate(doc);
            assertThat(errors).as(doc.at("/metadata/name").asText()).isEmpty();
            checked++;
        }
        assertThat(checked).isEqualTo(JOBS.size());
    }

    @Test
    void valuesChooseTheJobsAndTheirSize() throws Exception {
        List<HasMetadata> objects = render(new Helm(CHART)
                .template()
                .withName("obs")
                .set("jobs.errors.enabled", false)
                .set("jobs.agent-logs.parallelism", 6)
                .set("monitoring.grafanaDashboards", false)
                .call());
        List<FlinkDeployment> deployments = objects.stream()
                .filter(o -> o instanceof FlinkDeployment)
                .map(o -> (FlinkDeployment) o)
                .toList();
        assertThat(deployments)
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "obs-agent-logs", "obs-alerting", "obs-business-events", "obs-performance-metrics");
        FlinkDeployment logs = deployments.stream()
                .filter(d -> d.getMetadata().getName().equals("obs-agent-logs"))
                .findFirst()
                .orElseThrow();
        assertThat(logs.getSpec().getJob().getParallelism()).isEqualTo(6);
        assertThat(logs.getSpec().getJob().getArgs()).contains("parallelism=6");
        assertThat(objects)
                .noneMatch(
                        o -> o instanceof ConfigMap && o.getMetadata().getName().startsWith("obs-dashboard"));
    }

    @Test
    void aBadWindowSizeFailsSchemaValidationNamingTheValue(@TempDir Path tmp) throws Exception {
        Path values = Files.writeString(tmp.resolve("bad.yaml"), "windows:\n  errors: {size: 10 seconds}\n");
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .withName("vigil")
                        .withValuesFile(values)
                        .call())
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("windows.errors.size")
                .hasMessageContaining("Does not match pattern '^[0-9]+(ms|s|m|min|h|d)$'");
        Path minutes = Files.writeString(
                tmp.resolve("minutes.yaml"),
                "windows:\n  errors: {size: 5m}\ntopics: {retention: 90m}\nflink: {checkpointInterval: 1m}\n");
        assertThat(new Helm(CHART)
                        .template()
                        .withName("vigil")
                        .withValuesFile(minutes)
                        .call())
                .as("minutes written as m, as the jobs and Flink read them")
                .contains("size: 5m", "retention.ms: \"5400000\"", "execution.checkpointing.interval: \"1m\"");
        Path unknown = Files.writeString(tmp.resolve("unknown.yaml"), "alerting:\n  teems: [a=b]\n");
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .withName("vigil")
                        .withValuesFile(unknown)
                        .call())
                .as("a misspelt key is refused, not ignored")
                .hasMessageContaining("teems");
        Path parallelism = Files.writeString(tmp.resolve("bad2.yaml"), "jobs:\n  errors: {parallelism: 0}\n");
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .withName("vigil")
                        .withValuesFile(parallelism)
                        .call())
                .hasMessageContaining("jobs.errors.parallelism");
    }

    @Test
    void deployK8sIsWhatTheChartRendersByDefault() throws Exception {
        String rendered =
                "# Generated from helm/vigil with its default values (release vigil, namespace vigil); do not edit.\n"
                        + "# Regenerate: mvn -B -pl tests verify -Dit.test=HelmChartIT -Dvigil.update-k8s=true\n"
                        + new Helm(CHART)
                                .template()
                                .withName("vigil")
                                .withNamespace("vigil")
                                .call();
        if (Boolean.getBoolean("vigil.update-k8s")) Files.writeString(RENDERED, rendered);
        assertThat(Files.readString(RENDERED))
                .as("deploy/k8s/vigil.yaml is stale; regenerate it (see its header)")
                .isEqualTo(rendered);
    }

    /** The entry point of each job, by the entry class a FlinkDeployment names. */
    static final Map<String, JobLauncher.Factory> FACTORIES = Map.of(
            "dev.vigil.jobs.agentlogs.AgentLogsMain", AgentLogsMain::job,
            "dev.vigil.jobs.metrics.PerformanceMetricsMain", PerformanceMetricsMain::job,
            "dev.vigil.jobs.business.BusinessEventsMain", BusinessEventsMain::job,
            "dev.vigil.jobs.errors.ErrorsMain", ErrorsMain::job,
            "dev.vigil.jobs.alerting.AlertingMain", AlertingMain::job);

    /**
     * What each FlinkDeployment would run, checked as the job itself checks it at start-up: its ConfigMap
     * and args through the job's own loader and rules ({@link JobLauncher#problems}), with the mounted
     * secrets stood in by files of the right size; and its entry class is the Main-Class of the jar the
     * jarURI names (as ./vigil publish uploads it).
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "examples/production.yaml"})
    void everyJobStartsWithTheConfigTheChartRenders(String valuesFile, @TempDir Path tmp) throws Exception {
        var template = new Helm(CHART).template().withName("obs").withNamespace("observability");
        if (!valuesFile.isEmpty()) template = template.withValuesFile(CHART.resolve(valuesFile));
        List<HasMetadata> objects = render(template.call());
        Map<String, ConfigMap> configMaps = new java.util.HashMap<>();
        for (HasMetadata o : objects)
            if (o instanceof ConfigMap c) configMaps.put(c.getMetadata().getName(), c);
        List<FlinkDeployment> deployments = objects.stream()
                .filter(o -> o instanceof FlinkDeployment)
                .map(o -> (FlinkDeployment) o)
                .toList();
        assertThat(deployments).hasSize(JOBS.size());
        if (!valuesFile.isEmpty()) {
            // what a kube-prometheus-stack selects on reaches the monitoring objects
            assertThat(objects)
                    .filteredOn(
                            o -> o.getKind().equals("PodMonitor") || o.getKind().equals("PrometheusRule"))
                    .hasSize(2)
                    .allSatisfy(o ->
                            assertThat(o.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack"));
        }
        for (FlinkDeployment d : deployments) {
            var pod = d.getSpec().getPodTemplate().getSpec();
            String configMap = pod.getVolumes().stream()
                    .filter(v -> v.getName().equals("vigil-config"))
                    .findFirst()
                    .orElseThrow()
                    .getConfigMap()
                    .getName();
            String yaml = configMaps.get(configMap).getData().get("vigil.yaml");
            // Stand-ins for the mounted secrets, at the paths the pod would have them.
            Path secrets = tmp.resolve(d.getMetadata().getName());
            for (var m : pod.getContainers().get(0).getVolumeMounts()) {
                if (!m.getMountPath().startsWith("/etc/vigil/secrets/")) continue;
                Path dir = Files.createDirectories(
                        secrets.resolve(m.getMountPath().substring("/etc/vigil/secrets/".length())));
                var volume = pod.getVolumes().stream()
                        .filter(v -> v.getName().equals(m.getName()))
                        .findFirst()
                        .orElseThrow();
                assertThat(volume.getSecret())
                        .as(m.getMountPath() + " is a Secret")
                        .isNotNull();
                for (String key : secretKeys(yaml, m.getMountPath()))
                    Files.writeString(dir.resolve(key), "s".repeat(48));
            }
            Path config = Files.writeString(
                    secrets.resolve("vigil.yaml"), yaml.replace("/etc/vigil/secrets/", secrets + "/"));
            List<String> args = new ArrayList<>(List.of(d.getSpec().getJob().getArgs()));
            assertThat(args.subList(0, 2)).containsExactly("--config", "/etc/vigil/vigil.yaml");
            args.set(1, config.toString());
            String entry = d.getSpec().getJob().getEntryClass();
            // the container's environment too: VIGIL_* variables would override the file
            Map<String, String> env = new java.util.HashMap<>();
            for (var e : pod.getContainers().get(0).getEnv()) env.put(e.getName(), e.getValue());
            String job = d.getMetadata().getLabels().get("app.kubernetes.io/component");
            assertThat(JobLauncher.problems(job, args.toArray(String[]::new), env, FACTORIES.get(entry)))
                    .as(d.getMetadata().getName() + " with " + (valuesFile.isEmpty() ? "default values" : valuesFile))
                    .isEmpty();

            // The jobs' KafkaUser lets this job use exactly its consumer group and transactional IDs.
            VigilConfig loaded = VigilConfig.fromArgs(args.toArray(String[]::new), env);
            if (valuesFile.isEmpty()) {
                assertThat(loaded.get(VigilOptions.REDIS_URI))
                        .as("the hot tier is off by default")
                        .isEmpty();
            } else {
                // the hot tier: an external Redis over TLS, its password and CA from mounted Secrets
                assertThat(loaded.get(VigilOptions.REDIS_URI)).isEqualTo("rediss://hot-tier.cache.svc:6380");
                assertThat(loaded.get(VigilOptions.REDIS_PASSWORD_FILE)).isEqualTo(secrets + "/redis/password");
                assertThat(loaded.get(VigilOptions.REDIS_CA_FILE)).isEqualTo(secrets + "/redis-ca/ca.crt");
                assertThat(loaded.get(VigilOptions.HOT_TIER_STREAM_MAX_LENGTH)).isEqualTo(20_000);
                assertThat(loaded.get(VigilOptions.HOT_TIER_MAX_AGE)).isEqualTo(7_200_000L);
            }
            JsonNode acls = YAML.valueToTree(objects.stream()
                            .filter(o -> o.getKind().equals("KafkaUser")
                                    && o.getMetadata().getName().equals(loaded.get(VigilOptions.KAFKA_SASL_USERNAME)))
                            .findFirst()
                            .orElseThrow())
                    .at("/spec/authorization/acls");
            Map<String, String> prefixes = new java.util.HashMap<>();
            for (JsonNode acl : acls)
                prefixes.put(
                        acl.at("/resource/type").asText(),
                        acl.at("/resource/name").asText());
            assertThat(KafkaSources.groupId(loaded, job)).startsWith(prefixes.get("group"));
            assertThat(DeadLetterSink.transactionalIdPrefix(loaded, job)).startsWith(prefixes.get("transactionalId"));

            String jar = d.getSpec().getJob().getJarURI();
            String jarName = jar.substring(jar.lastIndexOf('/') + 1);
            Path built = LocalStack.repoRoot()
                    .resolve("jobs/" + d.getMetadata().getLabels().get("app.kubernetes.io/component") + "/target/"
                            + jarName);
            assertThat(built).as("the jar " + jar + " names").exists();
            try (var in = new java.util.jar.JarFile(built.toFile())) {
                assertThat(in.getManifest().getMainAttributes().getValue("Main-Class"))
                        .isEqualTo(entry);
                assertThat(in.getEntry(entry.replace('.', '/') + ".class")).isNotNull();
            }
        }
    }

    /** The file names under a secret mount that the config refers to. */
    private static List<String> secretKeys(String yaml, String mountPath) {
        List<String> keys = new ArrayList<>();
        var m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(mountPath) + "/([^\\s\"']+)")
                .matcher(yaml);
        while (m.find()) keys.add(m.group(1));
        if (mountPath.endsWith("/s3")) keys.add("credentials");
        return keys;
    }

    @Test
    void aChangeToOneJobsWindowRollsOutThatJobAloneAndASharedKeyRollsOutEveryJob() throws Exception {
        Map<String, String> before =
                deploymentsByName(new Helm(CHART).template().withName("vigil").call());
        Map<String, String> windowChanged = deploymentsByName(new Helm(CHART)
                .template()
                .withName("vigil")
                .set("windows.errors.size", "2min")
                .call());
        assertThat(changed(before, windowChanged)).containsExactly("vigil-errors");
        Map<String, String> jobConfigChanged = deploymentsByName(new Helm(CHART)
                .template()
                .withName("vigil")
                .set("jobs.agent-logs.config.sampling.default-rate", "0.5")
                .call());
        assertThat(changed(before, jobConfigChanged)).containsExactly("vigil-agent-logs");
        Map<String, String> sharedChanged = deploymentsByName(new Helm(CHART)
                .template()
                .withName("vigil")
                .set("detection.silence.after", "10min")
                .call());
        assertThat(changed(before, sharedChanged)).hasSize(JOBS.size());
    }

    /** Two releases in one cluster share no topic, consumer group, transactional ID, index or object name. */
    @Test
    void twoReleasesShareNothing() throws Exception {
        Map<String, Set<String>> names = new java.util.HashMap<>();
        for (String release : List.of("blue", "green")) {
            Set<String> owned = new TreeSet<>();
            for (HasMetadata o :
                    render(new Helm(CHART).template().withName(release).call())) {
                owned.add(o.getKind() + "/" + o.getMetadata().getName());
                if (o instanceof ConfigMap c && c.getData().containsKey("vigil.yaml")) {
                    VigilConfig config = VigilConfig.load(c.getData().get("vigil.yaml"), List.of(), Map.of());
                    String job = c.getMetadata().getLabels().get("app.kubernetes.io/component");
                    owned.addAll(TopicsReady.needed(config, job, job.equals("alerting")));
                    owned.add("group " + KafkaSources.groupId(config, job));
                    owned.add("transactional-id " + DeadLetterSink.transactionalIdPrefix(config, job));
                    owned.add("index " + config.get(VigilOptions.ES_INDEX_PREFIX));
                }
            }
            names.put(release, owned);
        }
        assertThat(names.get("blue"))
                .contains("blue.agent-logs", "group blue-agent-logs", "index blue-")
                .doesNotContainAnyElementsOf(names.get("green"));
    }

    private static Map<String, String> deploymentsByName(String manifest) throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode doc : documents(manifest)) {
            if (doc.path("kind").asText().equals("FlinkDeployment"))
                out.put(doc.at("/metadata/name").asText(), doc.toString());
        }
        return out;
    }

    private static List<String> changed(Map<String, String> a, Map<String, String> b) {
        assertThat(b.keySet()).isEqualTo(a.keySet());
        return a.keySet().stream().filter(k -> !a.get(k).equals(b.get(k))).toList();
    }

    /** Flink 1.20 reads deprecated keys with a warning and drops them in 2.0: the chart uses none. */
    @Test
    void theFlinkConfigurationUsesNoDeprecatedKey() throws Exception {
        Map<String, String> deprecated = new java.util.HashMap<>();
        Set<String> current = new java.util.HashSet<>();
        for (Class<?> options : List.of(
                org.apache.flink.configuration.CheckpointingOptions.class,
                org.apache.flink.configuration.StateBackendOptions.class,
                org.apache.flink.configuration.HighAvailabilityOptions.class,
                org.apache.flink.configuration.RestartStrategyOptions.class,
                org.apache.flink.configuration.TaskManagerOptions.class,
                org.apache.flink.configuration.JobManagerOptions.class,
                org.apache.flink.configuration.MetricOptions.class,
                org.apache.flink.configuration.CoreOptions.class,
                org.apache.flink.configuration.StateRecoveryOptions.class,
                org.apache.flink.configuration.PipelineOptions.class,
                org.apache.flink.configuration.ExecutionOptions.class)) {
            for (var f : options.getFields()) {
                if (!(f.get(null) instanceof org.apache.flink.configuration.ConfigOption<?> o)) continue;
                for (var fallback : o.fallbackKeys()) deprecated.put(fallback.getKey(), o.key());
                if (f.isAnnotationPresent(Deprecated.class)) deprecated.put(o.key(), "(deprecated)");
                else current.add(o.key());
            }
        }
        deprecated.keySet().removeAll(current); // an old field moved to another class keeps its key
        assertThat(deprecated).containsEntry("state.checkpoints.dir", "execution.checkpointing.dir");
        for (String valuesFile : List.of("values.yaml", "examples/production.yaml")) {
            for (HasMetadata o : render(new Helm(CHART)
                    .template()
                    .withName("vigil")
                    .withValuesFile(CHART.resolve(valuesFile))
                    .call())) {
                if (!(o instanceof FlinkDeployment d)) continue;
                for (String key : d.getSpec().getFlinkConfiguration().keySet()) {
                    assertThat(deprecated)
                            .as(valuesFile + ": " + key + " is deprecated")
                            .doesNotContainKey(key);
                }
            }
        }
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
            for (JsonNode n : YAML.readValues(parser, JsonNode.class).readAll())
                if (n != null && !n.isEmpty()) docs.add(n);
        }
        return docs;
    }
}
