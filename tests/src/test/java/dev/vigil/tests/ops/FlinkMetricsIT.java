package dev.vigil.tests.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.FlinkRest;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.TestJobConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Vigil job on the local standalone cluster exposes its metrics through Flink's Prometheus reporter
 * (bound to 127.0.0.1): Vigil's accounting counters, consumer lag, watermarks, checkpoints and
 * backpressure; the scrape passes {@code promtool check metrics}.
 */
class FlinkMetricsIT {
    @Test
    void aRunningJobsMetricsAreScrapedAndLintClean(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "fm" + run + ".";
        KafkaTopics.create(1, prefix + "errors", prefix + "dead-letters", prefix + "alerts");
        List<byte[]> records = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 10; i++) {
            records.add(("{\"type\":\"error\",\"timestamp\":" + (now - 60_000 + i * 1000) + ",\"service\":\"fm-" + run
                            + "\",\"error_type\":\"E\",\"message\":\"failure " + i + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        records.add("{not json".getBytes(StandardCharsets.UTF_8));
        KafkaTopics.produce(prefix + "errors", records);
        Path config = TestJobConfig.file(prefix, tmp, "");
        LocalStack.shareWithFlink(tmp);

        FlinkRest flink = new FlinkRest(LocalStack.flinkUrl());
        String jobId = flink.submit(
                LocalStack.repoRoot().resolve("jobs/errors/target/vigil-errors-job.jar"),
                "dev.vigil.jobs.errors.ErrorsMain",
                "--config",
                config.toString());
        String scrape = "";
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                scrape = scrapeAll();
                if (sum(scrape, "flink_taskmanager_job_task_operator_vigil_processed", jobId) == 10
                        && sum(scrape, "flink_jobmanager_job_numberOfCompletedCheckpoints", jobId) >= 1) break;
                Thread.sleep(1000);
            }
        } finally {
            flink.cancel(jobId);
        }
        assertThat(sum(scrape, "flink_taskmanager_job_task_operator_deserializer_vigil_received", jobId))
                .isEqualTo(11);
        assertThat(sum(scrape, "flink_taskmanager_job_task_operator_vigil_processed", jobId))
                .isEqualTo(10);
        assertThat(sum(
                        scrape,
                        "flink_taskmanager_job_task_operator_vigil_deadLettered_records",
                        jobId,
                        "deadLettered=\"MALFORMED_JSON\""))
                .isEqualTo(1);
        assertThat(sum(scrape, "flink_jobmanager_job_numberOfCompletedCheckpoints", jobId))
                .isPositive();
        for (String family : List.of(
                "flink_taskmanager_job_task_operator_pendingRecords",
                "flink_taskmanager_job_task_operator_currentOutputWatermark",
                "flink_taskmanager_job_task_backPressuredTimeMsPerSecond",
                "flink_jobmanager_job_lastCheckpointDuration",
                "flink_jobmanager_job_numberOfFailedCheckpoints",
                "flink_jobmanager_job_numRestarts",
                "flink_taskmanager_job_task_operator_numRecordsSendErrors")) {
            assertThat(scrape).as(family).containsPattern("(?m)^" + family + "\\{[^}]*job_id=\"" + jobId + "\"");
        }

        // promtool parses the whole exposition; what it then reports are naming-style lints of Flink's and the
        // Kafka client's metric names (camelCase scopes, "_total" on gauges, "ns" units), which no job can rename.
        // Vigil's own families get no finding but the camelCase of Flink's naming scheme.
        Path file = Files.writeString(tmp.resolve("scrape.prom"), scrape);
        Tools lint = Tools.run(tmp.toFile(), "sh", "-c", "promtool check metrics < " + file);
        assertThat(lint.output()).doesNotContain("error while linting");
        assertThat(lint.exit()).as(lint.output()).isIn(0, 3);
        for (String finding : lint.output().lines().filter(l -> !l.isBlank()).toList()) {
            if (finding.contains("_vigil_")) {
                assertThat(finding).endsWith("names should be written in 'snake_case' not 'camelCase'");
            } else {
                assertThat(finding)
                        .containsAnyOf(
                                "should be written in 'snake_case' not 'camelCase'",
                                "non-counter metrics should not have \"_total\" suffix",
                                "non-histogram and non-summary metrics should not have \"_count\" suffix",
                                "metric names should not contain abbreviated units");
            }
        }
    }

    private static String scrapeAll() throws Exception {
        StringBuilder all = new StringBuilder();
        for (String url : LocalStack.get("VIGIL_FLINK_METRICS_URLS").split(",")) {
            assertThat(URI.create(url).getHost()).isEqualTo("127.0.0.1");
            all.append(Http.getText(url));
        }
        return all.toString();
    }

    /** Sum of a metric's samples for one job (and optionally one more label). */
    private static double sum(String scrape, String family, String jobId, String... labels) {
        Pattern p = Pattern.compile("(?m)^" + family + "\\{([^}]*)\\} (\\S+)$");
        Matcher m = p.matcher(scrape);
        double total = 0;
        while (m.find()) {
            String l = m.group(1);
            if (!l.contains("job_id=\"" + jobId + "\"")) continue;
            boolean all = true;
            for (String extra : labels) all &= l.contains(extra);
            if (all) total += Double.parseDouble(m.group(2));
        }
        return total;
    }
}
