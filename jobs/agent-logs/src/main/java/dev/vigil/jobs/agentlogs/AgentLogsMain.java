package dev.vigil.jobs.agentlogs;

import dev.vigil.jobs.agentlogs.sinks.AgentLogTables;
import dev.vigil.jobs.agentlogs.sinks.JourneyDocuments;
import dev.vigil.jobs.agentlogs.sinks.LogDocuments;
import dev.vigil.runtime.JobRules;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.accounting.DeadLetterSink;
import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sinks.archive.ArchiveSink;
import dev.vigil.runtime.sinks.elasticsearch.ElasticsearchSinks;
import dev.vigil.runtime.sinks.elasticsearch.IndexTemplates;
import dev.vigil.runtime.sinks.timescale.Migrations;
import dev.vigil.runtime.sources.KafkaSources;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Entry point: wires config to sources and sinks, prepares the stores, runs {@link AgentLogsJob}. */
public final class AgentLogsMain {
    private AgentLogsMain() {}

    public static void main(String[] args) throws Exception {
        VigilConfig config;
        try {
            config = VigilConfig.fromArgs(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("vigil agent-logs: bad configuration: " + e.getMessage());
            throw e;
        }
        StreamExecutionEnvironment env = VigilEnvironment.create(config);
        prepareStores(config);
        job(config, config.get(VigilOptions.KAFKA_BOUNDED), System.getenv()).build(env);
        env.execute("vigil-" + AgentLogsJob.NAME);
    }

    /** Index templates and table migrations, before the first write. Idempotent. */
    public static void prepareStores(VigilConfig config) {
        IndexTemplates.install(config, LogDocuments.ALIAS);
        IndexTemplates.install(config, JourneyDocuments.ALIAS);
        Migrations.apply(config);
    }

    /** The job with its production sources and sinks; {@code bounded} reads up to the offsets latest at start. */
    public static AgentLogsJob job(VigilConfig config, boolean bounded, java.util.Map<String, String> env) {
        AgentLogsJob.Sinks sinks = new AgentLogsJob.Sinks();
        sinks.logIndex = ElasticsearchSinks.create(config, new LogDocuments());
        sinks.journeyIndex = ElasticsearchSinks.create(config, new JourneyDocuments());
        sinks.archive = ArchiveSink.create(config, AgentLogsJob.NAME);
        sinks.deadLetters = DeadLetterSink.create(config, AgentLogsJob.NAME);
        sinks.logCounts = AgentLogTables.logCounts(config);
        sinks.agentUsage = AgentLogTables.agentUsage(config);
        sinks.journeyHops = AgentLogTables.journeyHops(config);
        return new AgentLogsJob(config, KafkaSources.source(config, AgentLogsJob.NAME, bounded), sinks,
                JobRules.masking(config), JobRules.maskingKey(config, env), JobRules.sampling(config));
    }
}
