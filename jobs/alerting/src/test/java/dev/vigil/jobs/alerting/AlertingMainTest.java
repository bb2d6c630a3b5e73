package dev.vigil.jobs.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.JobLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --validate}: what a start would refuse, found without connecting to anything. */
class AlertingMainTest {
    @Test
    void everyOptionProblemIsListedAtOnce(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("vigil.yaml"), """
                windows:
                  errors: {size: ten}
                alerting:
                  teems: [payments=pay]
                  resend-interval: -1s
                """);
        assertThat(JobLauncher.problems(
                        "alerting", new String[] {"--config", config.toString()}, Map.of(), AlertingMain::job))
                .containsExactly(
                        "unknown key 'alerting.teems' (did you mean 'alerting.teams'?); every option is listed in docs/configuration.md",
                        "windows.errors.size: 'ten' is not a valid duration (allowed: > 0, e.g. 500ms, 10s, 5min, 1h, 7d)",
                        "alerting.resend-interval: '-1s' is not a valid duration (allowed: > 0, e.g. 500ms, 10s, 5min, 1h, 7d)");
    }

    @Test
    void theJobsOwnRulesAreCheckedByBuildingItsGraph(@TempDir Path tmp) throws Exception {
        Path key = Files.writeString(tmp.resolve("signing-key"), "k".repeat(48));
        Path config = Files.writeString(tmp.resolve("vigil.yaml"), """
                alerting:
                  signing-key-file: %s
                  escalation: ["warning>critical;after=soon"]
                """.formatted(key));
        assertThat(JobLauncher.problems(
                        "alerting", new String[] {"--config", config.toString()}, Map.of(), AlertingMain::job))
                .singleElement()
                .asString()
                .startsWith("alerting.escalation: ");
        Files.writeString(config, "alerting:\n  signing-key-file: " + key + "\n");
        assertThat(JobLauncher.problems(
                        "alerting", new String[] {"--config", config.toString()}, Map.of(), AlertingMain::job))
                .isEmpty();
    }
}
