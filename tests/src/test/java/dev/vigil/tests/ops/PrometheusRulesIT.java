package dev.vigil.tests.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.LocalStack;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The pipeline-health rules, checked and unit-tested by Prometheus's own promtool. */
class PrometheusRulesIT {
    static final File ROOT = LocalStack.repoRoot().toFile();

    @Test
    void rulesAreValid() throws Exception {
        Tools r = Tools.run(ROOT, "promtool", "check", "rules", "helm/vigil/files/prometheus/vigil-rules.yml");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: 15 rules found");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasAUnitTest() throws Exception {
        Yaml yaml = new Yaml();
        Set<String> alerts = new TreeSet<>();
        Map<String, Object> rules =
                yaml.load(Files.readString(ROOT.toPath().resolve("helm/vigil/files/prometheus/vigil-rules.yml")));
        for (Object g : (List<Object>) rules.get("groups")) {
            for (Object r : (List<Object>) ((Map<String, Object>) g).get("rules")) {
                Object alert = ((Map<String, Object>) r).get("alert");
                if (alert != null) alerts.add(alert.toString());
            }
        }
        Set<String> tested = new TreeSet<>();
        Map<String, Object> tests =
                yaml.load(Files.readString(ROOT.toPath().resolve("deploy/prometheus/vigil-rules.test.yml")));
        for (Object t : (List<Object>) tests.get("tests")) {
            for (Object a : (List<Object>) ((Map<String, Object>) t).get("alert_rule_test")) {
                Map<String, Object> case_ = (Map<String, Object>) a;
                if (!((List<Object>) case_.getOrDefault("exp_alerts", List.of())).isEmpty())
                    tested.add(case_.get("alertname").toString());
            }
        }
        assertThat(alerts).hasSize(8);
        assertThat(tested).as("alerts with a firing test case").isEqualTo(alerts);
    }

    @Test
    void everyAlertFiresAndStaysQuietAsItsUnitTestsSay() throws Exception {
        Tools r = Tools.run(
                ROOT.toPath().resolve("deploy/prometheus").toFile(),
                "promtool",
                "test",
                "rules",
                "vigil-rules.test.yml");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }
}
