package dev.vigil.jobs.agentlogs.functions;

import dev.vigil.testing.KeyTypeTestBase;
import org.junit.jupiter.api.Nested;

/** Flink's serializer suite, and the key checks, for each composite key of the agent-logs job. */
class KeyTypesTest {

    @Nested
    class LogCountKey extends KeyTypeTestBase<LogCounts.Key> {
        LogCountKey() {
            super(
                    LogCounts.Key.TYPE,
                    new LogCounts.Key("gateway", "INFO", ""),
                    new LogCounts.Key("gateway", "INFO", "planner"),
                    new LogCounts.Key("gatewayI", "NFO", ""),
                    new LogCounts.Key("", "", ""),
                    new LogCounts.Key("paiement-ü", "ERROR", "agent\t7"));
        }
    }

    @Nested
    class AgentUsageKey extends KeyTypeTestBase<AgentUsage.Key> {
        AgentUsageKey() {
            super(
                    AgentUsage.Key.TYPE,
                    new AgentUsage.Key("planner", ""),
                    new AgentUsage.Key("planner", "gpt-4o"),
                    new AgentUsage.Key("plannergpt-4o", ""),
                    new AgentUsage.Key("", "planner"));
        }
    }
}
