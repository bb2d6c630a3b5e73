package dev.vigil.runtime;

import dev.vigil.runtime.accounting.ContractGate;
import dev.vigil.runtime.accounting.MaskingKeySource;
import dev.vigil.runtime.accounting.Outcomes;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sources.KafkaSources;
import dev.vigil.runtime.sources.ParsedRecord;
import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.masking.MaskingRules;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The head every job shares: its config, its Kafka source, and the contract gate that turns records
 * into validated, masked events while dead letters go to their sink.
 */
public final class JobInput {
    private final String job;
    private final VigilConfig config;
    private final Source<ParsedRecord, ?, ?> source;
    private final MaskingRules masking;
    private final MaskingKeySource maskingKey;

    public JobInput(
            String job,
            VigilConfig config,
            Source<ParsedRecord, ?, ?> source,
            MaskingRules masking,
            MaskingKeySource maskingKey) {
        this.job = job;
        this.config = config;
        this.source = source;
        this.masking = masking;
        this.maskingKey = maskingKey;
    }

    /** The production input of a job: its Kafka topics, masking rules and key from config. */
    public static JobInput fromConfig(
            String job, VigilConfig config, boolean bounded, java.util.Map<String, String> env) {
        return new JobInput(
                job,
                config,
                KafkaSources.source(config, job, bounded),
                JobRules.masking(config),
                JobRules.maskingKey(config, env));
    }

    public VigilConfig config() {
        return config;
    }

    /** Source, per-partition watermarks, validation and masking; dead letters to {@code deadLetters}. */
    public SingleOutputStreamOperator<Event> events(StreamExecutionEnvironment env, Sink<DeadLetter> deadLetters) {
        SingleOutputStreamOperator<Event> events = env.fromSource(
                        source, KafkaSources.watermarks(config, job), "kafka: " + job)
                .uid("source")
                .process(new ContractGate(masking, maskingKey))
                .uid("contract")
                .name("validate and mask");
        events.getSideOutput(Outcomes.DEAD_LETTERS)
                .sinkTo(deadLetters)
                .uid("dead-letters")
                .name("dead letters");
        return events;
    }
}
