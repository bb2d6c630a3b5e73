package dev.vigil.tests.reliability;

import dev.vigil.tests.stack.FlinkRest;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.TestJobConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The agent-logs job jar on the local standalone cluster, submitted over REST with a config file as
 * an operator would: exactly-once checkpoints every 2 s into the test's folder, retained, so the job
 * can resume from the latest one after losing its JobManager.
 */
final class ClusterJob implements AutoCloseable {
    private static final String ENTRY = "dev.vigil.jobs.agentlogs.AgentLogsMain";

    private final FlinkRest flink = new FlinkRest(LocalStack.flinkUrl());
    private final Path tmp;
    private final Path checkpoints;
    private final Path config;
    private String jobId;

    private ClusterJob(Path tmp, Path checkpoints, Path config) {
        this.tmp = tmp;
        this.checkpoints = checkpoints;
        this.config = config;
    }

    /** {@code archiveDir}: the folder in the archive bucket; {@code extraYaml}: more top-level config sections. */
    static ClusterJob agentLogs(Path tmp, String prefix, String archiveDir, String extraYaml) throws IOException {
        return agentLogs(tmp, prefix, archiveDir, LocalStack.esUrl(), extraYaml);
    }

    static ClusterJob agentLogs(Path tmp, String prefix, String archiveDir, String esUrl, String extraYaml)
            throws IOException {
        return agentLogs(
                tmp,
                prefix,
                archiveDir,
                "hosts: [\"" + esUrl + "\"]",
                extraYaml,
                "bootstrap-servers: \"" + LocalStack.kafkaBootstrap() + "\"",
                "reliability-key-0123456789");
    }

    /**
     * {@code esYaml} and {@code kafkaYaml}: the contents of the elasticsearch section and the connection part of the kafka
     * section (hosts, brokers, security); {@code maskingKey}: the HMAC key's text.
     */
    static ClusterJob agentLogs(
            Path tmp,
            String prefix,
            String archiveDir,
            String esYaml,
            String extraYaml,
            String kafkaYaml,
            String maskingKey)
            throws IOException {
        Path key = Files.writeString(tmp.resolve("masking-key"), maskingKey);
        Path checkpoints = tmp.resolve("checkpoints");
        Path config = Files.writeString(
                tmp.resolve("vigil.yaml"),
                TestJobConfig.signingKeyYaml(tmp)
                        + """
                kafka: {%s, topic-prefix: "%s", topics: [agent-logs], starting-offsets: earliest}
                windows: {agent-logs: {size: 10s}}
                sampling: {rates: [":debug=0.0"]}
                masking: {hmac-key-env: VIGIL_RELIABILITY_UNSET, hmac-key-file: "%s"}
                timescaledb: {url: "%s", username: "%s", password-file: "%s"}
                elasticsearch: {%s}
                s3: {archive-path: "s3://%s/%s"}
                checkpoint: {interval: 2s, storage: "file://%s"}
                parallelism: 2
                """.formatted(
                                        kafkaYaml,
                                        prefix,
                                        key,
                                        LocalStack.pgUrl(),
                                        LocalStack.pgUser(),
                                        LocalStack.get("VIGIL_PG_PASSWORD_FILE"),
                                        esYaml,
                                        LocalStack.s3Bucket(),
                                        archiveDir,
                                        checkpoints)
                        + extraYaml);
        return new ClusterJob(tmp, checkpoints, config);
    }

    FlinkRest flink() {
        return flink;
    }

    String id() {
        return jobId;
    }

    void start() throws Exception {
        LocalStack.shareWithFlink(tmp); // what the test wrote there (a password file, say) included
        jobId = flink.submit(jar(), ENTRY, "--config", config.toString());
        flink.awaitRunningAndCheckpointed(jobId, 1, Duration.ofMinutes(2));
    }

    /** After a JobManager restart without HA the job is gone: submit it again from its newest retained checkpoint. */
    void resumeFromLatestCheckpoint() throws Exception {
        Path latest;
        try (Stream<Path> dirs = Files.list(checkpoints.resolve(jobId))) {
            latest = dirs.filter(
                            d -> d.getFileName().toString().startsWith("chk-") && Files.exists(d.resolve("_metadata")))
                    .max(Comparator.comparingLong(
                            d -> Long.parseLong(d.getFileName().toString().substring(4))))
                    .orElseThrow(
                            () -> new AssertionError("no completed checkpoint under " + checkpoints.resolve(jobId)));
        }
        awaitSlots();
        jobId = flink.submitFrom(latest.toUri().toString(), jar(), ENTRY, "--config", config.toString());
        flink.awaitRunningAndCheckpointed(jobId, 1, Duration.ofMinutes(3));
    }

    /** Cancels the job if it still runs (also when a test failed half-way). */
    @Override
    public void close() throws InterruptedException {
        if (jobId != null) {
            try {
                flink.cancel(jobId);
            } catch (RuntimeException e) {
                // already finished or failed
            }
            flink.awaitTerminal(jobId, Duration.ofMinutes(1));
            jobId = null;
        }
    }

    private void awaitSlots() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (dev.vigil.tests.stack.Http.get(LocalStack.flinkUrl() + "/overview")
                                .get("slots-available")
                                .asInt()
                        >= 2) return;
            } catch (RuntimeException e) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no free task slots 2 minutes after the JobManager restart");
    }

    private static Path jar() {
        return LocalStack.repoRoot().resolve("jobs/agent-logs/target/vigil-agent-logs-job.jar");
    }
}
