package dev.vigil.jobs.errors;

import dev.vigil.jobs.errors.sinks.ErrorDocuments;
import dev.vigil.jobs.errors.sinks.ErrorGroupDocuments;
import dev.vigil.jobs.errors.sinks.ErrorTables;
import dev.vigil.runtime.JobInput;
import dev.vigil.runtime.JobLauncher;
import dev.vigil.runtime.accounting.DeadLetterSink;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.detection.AlertSink;
import dev.vigil.runtime.sinks.elasticsearch.ElasticsearchSinks;
import dev.vigil.runtime.sinks.elasticsearch.IndexTemplates;
import dev.vigil.runtime.sinks.hot.HotTierSink;
import dev.vigil.runtime.sinks.timescale.Migrations;
import dev.vigil.schema.event.Event;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;

/** Entry point: wires config to sources and sinks, prepares the stores, runs {@link ErrorsJob}. */
public final class ErrorsMain {
    private ErrorsMain() {}

    public static void main(String[] args) throws Exception {
        JobLauncher.run(args, ErrorsJob.NAME, ErrorsMain::prepareStores, ErrorsMain::job);
    }

    /** Index templates and table migrations, before the first write. Idempotent. */
    public static void prepareStores(VigilConfig config) {
        IndexTemplates.install(config, ErrorDocuments.FAMILY);
        IndexTemplates.install(config, ErrorGroupDocuments.FAMILY);
        Migrations.apply(config);
    }

    /** Every error occurrence, with its group, into the search index. */
    public static Sink<Event> occurrences(VigilConfig config) {
        return ElasticsearchSinks.create(
                config,
                new ErrorDocuments(config.get(VigilOptions.ES_INDEX_PREFIX), config.get(VigilOptions.ES_FIELD_NAMES)));
    }

    public static ErrorsJob job(VigilConfig config, boolean bounded, Map<String, String> env) {
        ErrorsJob.Sinks sinks = new ErrorsJob.Sinks();
        sinks.deadLetters = DeadLetterSink.create(config, ErrorsJob.NAME);
        sinks.occurrences = occurrences(config);
        sinks.hotTier = HotTierSink.create(config);
        sinks.groups =
                ElasticsearchSinks.create(config, new ErrorGroupDocuments(config.get(VigilOptions.ES_INDEX_PREFIX)));
        sinks.groupCounts = ErrorTables.groupCounts(config);
        sinks.alerts = AlertSink.create(config);
        return new ErrorsJob(JobInput.fromConfig(ErrorsJob.NAME, config, bounded, env), sinks);
    }
}
