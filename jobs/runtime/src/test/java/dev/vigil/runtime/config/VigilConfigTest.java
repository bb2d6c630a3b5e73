package dev.vigil.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VigilConfigTest {

    @Test
    void layersDefaultsYamlEnvironmentAndSetInThatOrder() {
        String yaml = """
                kafka:
                  bootstrap-servers: broker-1:9092,broker-2:9092
                  topics: [agent-logs, errors]
                windows:
                  performance-metrics:
                    type: sliding
                    size: 1min
                    slide: 10s
                parallelism: 4
                """;
        VigilConfig c = VigilConfig.load(
                yaml,
                List.of("parallelism=8"),
                Map.of("VIGIL_KAFKA_GROUP_ID", "from-env", "VIGIL_PARALLELISM", "6", "VIGIL_UNRELATED", "x"));
        assertThat(c.get(VigilOptions.KAFKA_BOOTSTRAP)).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(c.get(VigilOptions.KAFKA_TOPICS)).containsExactly("agent-logs", "errors");
        assertThat(c.get(VigilOptions.KAFKA_GROUP_ID)).isEqualTo("from-env");
        assertThat(c.get(VigilOptions.PARALLELISM)).isEqualTo(8);
        assertThat(c.get(VigilOptions.<VigilOptions.WindowType>window("performance-metrics", "type")))
                .isEqualTo(VigilOptions.WindowType.SLIDING);
        assertThat(c.get(VigilOptions.<Long>window("performance-metrics", "size")))
                .isEqualTo(60_000L);
        assertThat(c.get(VigilOptions.<Long>window("performance-metrics", "slide")))
                .isEqualTo(10_000L);
        assertThat(c.get(VigilOptions.<Long>window("agent-logs", "size"))).isEqualTo(10_000L);
        assertThat(c.get(VigilOptions.KAFKA_STARTING_OFFSETS)).isEqualTo(VigilOptions.StartingOffsets.COMMITTED);
        assertThat(c.get(VigilOptions.SAMPLING_DEFAULT_RATE)).isEqualTo(1.0);
    }

    @Test
    void durationsTakeEveryUnitTheDocsName() {
        VigilConfig c = VigilConfig.load(
                "windows: {agent-logs: {size: 250ms, gap: 5m, allowed-lateness: 2min, out-of-orderness: 3s},"
                        + " errors: {size: 1h, allowed-lateness: 0}}\nparser.max-past: 7d\n",
                List.of(),
                Map.of());
        assertThat(c.get(VigilOptions.<Long>window("agent-logs", "size"))).isEqualTo(250L);
        assertThat(c.get(VigilOptions.<Long>window("agent-logs", "gap"))).isEqualTo(300_000L);
        assertThat(c.get(VigilOptions.<Long>window("agent-logs", "allowed-lateness")))
                .isEqualTo(120_000L);
        assertThat(c.get(VigilOptions.<Long>window("agent-logs", "out-of-orderness")))
                .isEqualTo(3_000L);
        assertThat(c.get(VigilOptions.<Long>window("errors", "size"))).isEqualTo(3_600_000L);
        assertThat(c.get(VigilOptions.<Long>window("errors", "allowed-lateness")))
                .isZero();
        assertThat(c.get(VigilOptions.PARSER_MAX_PAST)).isEqualTo(604_800_000L);
        assertThatThrownBy(() -> VigilConfig.load("windows: {agent-logs: {size: 5mo}}\n", List.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("windows.agent-logs.size: '5mo' is not a valid duration");
    }

    @Test
    void unknownKeysStopStartUpWithASuggestion() {
        assertThatThrownBy(() -> VigilConfig.load("kafka:\n  bootstrap-server: x:1\n", List.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "unknown key 'kafka.bootstrap-server' (did you mean 'kafka.bootstrap-servers'?); every option is listed in docs/configuration.md");
    }

    @Test
    void theReplacedStateKeyNamesItsReplacement() {
        assertThatThrownBy(() -> VigilConfig.load("state: {rocksdb-incremental: false}\n", List.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("state.rocksdb-incremental: replaced by state.<job>.backend (rocksdb or hashmap) per job, "
                        + "e.g. state: {errors: {backend: hashmap}}; remove it (docs/configuration.md)");
    }

    @Test
    void eachJobHasItsOwnStateBackend() {
        VigilConfig defaults = VigilConfig.load("", List.of(), Map.of());
        assertThat(defaults.get(VigilOptions.stateBackend("agent-logs"))).isEqualTo(VigilOptions.StateBackend.HASHMAP);
        assertThat(defaults.get(VigilOptions.stateBackend("errors"))).isEqualTo(VigilOptions.StateBackend.HASHMAP);
        assertThat(defaults.get(VigilOptions.stateBackend("business-events")))
                .isEqualTo(VigilOptions.StateBackend.ROCKSDB);
        VigilConfig set = VigilConfig.load("state: {agent-logs: {backend: rocksdb}}\n", List.of(), Map.of());
        assertThat(set.get(VigilOptions.stateBackend("agent-logs"))).isEqualTo(VigilOptions.StateBackend.ROCKSDB);

        var env = org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment();
        dev.vigil.runtime.VigilEnvironment.configure(env, defaults, "agent-logs");
        assertThat(env.getConfiguration().toMap()).containsEntry("state.backend.type", "hashmap");
        dev.vigil.runtime.VigilEnvironment.configure(env, defaults, "performance-metrics");
        assertThat(env.getConfiguration().toMap())
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true");
    }

    @Test
    void wrongTypesAndValuesNameTheKeyAndWhatIsAllowed() {
        assertThatThrownBy(() -> VigilConfig.load("parallelism: many\n", List.of(), Map.of()))
                .hasMessage("parallelism: 'many' is not a valid integer (allowed: 1..1024)");
        assertThatThrownBy(() -> VigilConfig.load("", List.of("kafka.starting-offsets=newest"), Map.of()))
                .hasMessage(
                        "kafka.starting-offsets: 'newest' is not a valid choice (allowed: earliest, latest, committed)");
        assertThatThrownBy(() -> VigilConfig.load("", List.of("windows.errors.allowed-lateness=-5s"), Map.of()))
                .hasMessage(
                        "windows.errors.allowed-lateness: '-5s' is not a valid duration (allowed: >= 0, e.g. 0, 500ms, 10s, 5min, 1h, 7d)");
        assertThatThrownBy(() -> VigilConfig.load("elasticsearch:\n  hosts: []\n", List.of(), Map.of()))
                .hasMessage("elasticsearch.hosts: must list at least one value");
        // A list that is empty by default may be set empty: the chart renders alerting.teams: [] for "no team map".
        assertThat(VigilConfig.load("alerting:\n  teams: []\n", List.of(), Map.of())
                        .get(VigilOptions.ALERT_TEAMS))
                .isEmpty();
        assertThatThrownBy(() -> VigilConfig.load("", List.of("sampling.default-rate=1.5"), Map.of()))
                .hasMessage("sampling.default-rate: 1.5 is out of range (allowed: 0.0..1.0)");
        assertThatThrownBy(() -> VigilConfig.load("", List.of("windows.agent-logs.size=0s"), Map.of()))
                .hasMessage("windows.agent-logs.size: must be > 0 (allowed: > 0, e.g. 500ms, 10s, 5min, 1h, 7d)");
    }

    @Test
    void impossibleCombinationsStopStartUp() {
        assertThatThrownBy(() -> VigilConfig.load(
                        "",
                        List.of(
                                "windows.performance-metrics.type=sliding",
                                "windows.performance-metrics.size=10s",
                                "windows.performance-metrics.slide=1min"),
                        Map.of()))
                .hasMessage(
                        "windows.performance-metrics.slide: 60000 ms is larger than windows.performance-metrics.size (10000 ms) (allowed: a slide <= the size)");
        assertThatThrownBy(() -> VigilConfig.load("", List.of("kafka.security.protocol=sasl-ssl"), Map.of()))
                .hasMessage(
                        "kafka.sasl.username and kafka.sasl.password-file are required when kafka.security.protocol is sasl-ssl");
    }

    @Test
    void readsArgumentsAndRejectsStrayOnes() {
        assertThat(VigilConfig.fromArgs(new String[] {"--set", "parallelism=3"}, Map.of())
                        .get(VigilOptions.PARALLELISM))
                .isEqualTo(3);
        assertThatThrownBy(() -> VigilConfig.fromArgs(new String[] {"--paralelism", "3"}, Map.of()))
                .hasMessage("unknown argument '--paralelism' (allowed: --config FILE, --set key=value)");
    }
}
