package dev.vigil.tests.hot;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.hot.HotTierSink;
import dev.vigil.schema.event.AgentLog;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.MiniClusterRun;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** What the hot-tier tests share: the stack's Redis, a config under a key prefix of their own, agent logs, and the sink run. */
final class HotTierFixtures {
    private HotTierFixtures() {}

    /** The hot tier on the stack's Redis under {@code prefix}, with more settings as YAML lines. */
    static VigilConfig config(String prefix, String extraYaml) {
        return VigilConfig.load(
                "redis:\n  uri: " + LocalStack.get("VIGIL_REDIS_URI") + "\n  password-file: "
                        + LocalStack.get("VIGIL_REDIS_PASSWORD_FILE") + "\nhot-tier.key-prefix: \"" + prefix + "\"\n"
                        + extraYaml,
                List.of(),
                Map.of());
    }

    /** A client of the stack's Redis, for looking at what the sink wrote. */
    static RedisClient redis() {
        return RedisClient.create(RedisURI.builder(RedisURI.create(LocalStack.get("VIGIL_REDIS_URI")))
                .withPassword((CharSequence) LocalStack.secret("VIGIL_REDIS_PASSWORD"))
                .build());
    }

    /** Runs the events through the hot-tier sink on a MiniCluster (one writer, so in order); returns its counters. */
    static Map<String, Long> write(VigilConfig config, List<Event> events) throws Exception {
        HotTierSink sink = HotTierSink.create(config);
        return MiniClusterRun.run("hot-tier", env -> {
            env.setParallelism(1);
            env.fromData(TypeInformation.of(Event.class), events.toArray(new Event[0]))
                    .sinkTo(sink);
        });
    }

    static Event log(String service, String id, long timestamp, String correlationId, String level, String message) {
        Event e = new Event();
        e.type = EventType.AGENT_LOG;
        e.schemaVersion = Event.CURRENT_SCHEMA_VERSION;
        e.eventId = id;
        e.timestamp = timestamp;
        e.service = service;
        e.correlationId = correlationId;
        e.agentLog = new AgentLog();
        e.agentLog.level = level;
        e.agentLog.message = message;
        return e;
    }
}
