package dev.vigil.jobs.alerting.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.runtime.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationStepTest {
    @Test
    void parsesStepsWithAndWithoutARateRule() {
        List<EscalationStep> steps =
                EscalationStep.parse(List.of("info>warning;after=1h", "warning>critical;after=15min;rate-factor=2"));
        assertThat(steps).hasSize(2);
        assertThat(steps.get(1).from).isEqualTo("warning");
        assertThat(steps.get(1).to).isEqualTo("critical");
        assertThat(steps.get(1).afterMillis).isEqualTo(900_000);
        assertThat(steps.get(1).rateFactor).isEqualTo(2.0);
        assertThat(steps.get(0).rateFactor).isZero();
        assertThat(EscalationStep.from(steps, "critical")).isNull();
        assertThat(EscalationStep.from(steps, "info").to).isEqualTo("warning");
    }

    @Test
    void aBadStepNamesTheKeyAndTheRule() {
        assertThatThrownBy(() -> EscalationStep.parse(List.of("warning;after=1m")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "alerting.escalation: 'warning;after=1m' must start with FROM>TO, e.g. warning>critical;after=15min;rate-factor=2");
        assertThatThrownBy(() -> EscalationStep.parse(List.of("warning>critical")))
                .hasMessage("alerting.escalation: 'warning>critical' needs after=DURATION (> 0)");
        assertThatThrownBy(() -> EscalationStep.parse(List.of("warning>critical;after=soon")))
                .hasMessage("alerting.escalation: after=soon is not a duration (e.g. 30s, 15min, 1h)");
        assertThatThrownBy(() -> EscalationStep.parse(List.of("warning>critical;after=1min;rate-factor=0.5")))
                .hasMessage("alerting.escalation: rate-factor=0.5 must be a number above 1");
        assertThatThrownBy(() -> EscalationStep.parse(List.of("warning>critical;after=1min;page=yes")))
                .hasMessage(
                        "alerting.escalation: unknown setting 'page' in 'warning>critical;after=1min;page=yes' (allowed: after, rate-factor)");
    }
}
