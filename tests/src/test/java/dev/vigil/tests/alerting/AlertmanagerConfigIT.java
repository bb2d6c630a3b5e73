package dev.vigil.tests.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** deploy/alertmanager/alertmanager.yml checked by Alertmanager's own amtool: it is valid and routes as documented. */
class AlertmanagerConfigIT {
    static final String CONFIG = LocalStack.repoRoot()
            .resolve("deploy/alertmanager/alertmanager.yml")
            .toString();

    @Test
    void amtoolAcceptsTheConfig() throws Exception {
        Result r = amtool("check-config", CONFIG);
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("SUCCESS").contains("1 inhibit rules").contains("7 receivers");
    }

    @ParameterizedTest
    @CsvSource({
        "team=payments severity=critical, payments-pager",
        "team=payments severity=warning, payments-chat",
        "team=search severity=critical, search-pager",
        "team=search severity=warning, search-chat",
        "team=platform severity=critical, platform-pager",
        "team=platform severity=warning, platform-chat",
        "team=payments severity=info, errors-digest",
    })
    void routesByTeamAndSeverity(String labels, String receiver) throws Exception {
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + CONFIG));
        args.addAll(List.of(labels.split(" ")));
        Result r = amtool(args.toArray(new String[0]));
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.stdout.strip()).isEqualTo(receiver);
    }

    record Result(int exit, String stdout, String output) {}

    static Result amtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("amtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, out + err);
    }
}
