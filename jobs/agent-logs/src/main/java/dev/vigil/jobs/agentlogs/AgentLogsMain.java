package dev.vigil.jobs.agentlogs;

import dev.vigil.jobs.agentlogs.rows.Journey;
import dev.vigil.jobs.agentlogs.sinks.AgentLogTables;
import dev.vigil.jobs.agentlogs.sinks.JourneyDocuments;
import dev.vigil.jobs.agentlogs.sinks.LogDocuments;
import dev.vigil.runtime.JobInput;
import dev.vigil.runtime.JobLauncher;
import dev.vigil.runtime.JobRules;
import dev.vigil.runtime.accounting.DeadLetterSink;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.detection.AlertSink;
import dev.vigil.runtime.sinks.archive.ArchiveSink;
import dev.vigil.runtime.sinks.elasticsearch.ElasticsearchSinks;
import dev.vigil.runtime.sinks.elasticsearch.IndexTemplates;
import dev.vigil.runtime.sinks.hot.HotTierSink;
import dev.vigil.runtime.sinks.timescale.Migrations;
import dev.vigil.schema.event.Event;
import org.apache.flink.api.connector.sink2.Sink;

/** Entry point: wires config to sources and sinks, prepares the stores, runs {@link AgentLogsJob}. */
public final class AgentLogsMain {
    private AgentLogsMain() {}

    public static void main(String[] args) throws Exception {
        JobLauncher.run(args, AgentLogsJob.NAME, AgentLogsMain::prepareStores, AgentLogsMain::job);
    }

    /** Index templates and table migrations, before the first write. Idempotent. */
    public static void prepareStores(VigilConfig config) {
        IndexTemplates.install(config, LogDocuments.FAMILY);
        IndexTemplates.install(config, JourneyDocuments.FAMILY);
        Migrations.apply(config);
    }

    /** The search sink of the job's log documents. */
    public static Sink<Event> logIndex(VigilConfig config) {
        return ElasticsearchSinks.create(
                config,
                new LogDocuments(config.get(VigilOptions.ES_INDEX_PREFIX), config.get(VigilOptions.ES_FIELD_NAMES)));
    }

    /** The search sink of the job's journey documents. */
    public static Sink<Journey> journeyIndex(VigilConfig config) {
        return ElasticsearchSinks.create(config, new JourneyDocuments(config.get(VigilOptions.ES_INDEX_PREFIX)));
    }

    /** The job with its production sources and sinks; {@code bounded} reads up to the offsets latest at start. */
    public static AgentLogsJob job(VigilConfig config, boolean bounded, java.util.Map<String, String> env) {
        AgentLogsJob.Sinks sinks = new AgentLogsJob.Sinks();
        sinks.logIndex = logIndex(config);
        sinks.journeyIndex = journeyIndex(config);
        sinks.archive = ArchiveSink.create(config, AgentLogsJob.NAME);
        sinks.hotTier = HotTierSink.create(config);
        sinks.deadLetters = DeadLetterSink.create(config, AgentLogsJob.NAME);
        sinks.logCounts = AgentLogTables.logCounts(config);
        sinks.agentUsage = AgentLogTables.agentUsage(config);
        sinks.journeyHops = AgentLogTables.journeyHops(config);
        sinks.alerts = AlertSink.create(config);
        return new AgentLogsJob(
                JobInput.fromConfig(AgentLogsJob.NAME, config, bounded, env), sinks, JobRules.sampling(config));
    }
}
