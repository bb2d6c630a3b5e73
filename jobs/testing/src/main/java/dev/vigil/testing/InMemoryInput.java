package dev.vigil.testing;

import dev.vigil.runtime.JobInput;
import dev.vigil.runtime.JobRules;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sources.ParsedRecord;
import dev.vigil.runtime.sources.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A job's input from memory instead of Kafka: the records go through the job's own parser (dead letters
 * included), masking and watermarks, as if read in order from one partition of {@code topic}.
 */
public final class InMemoryInput {
    private InMemoryInput() {}

    /** {@code recordTime}: every record's Kafka timestamp (the broker's clock), which bounds how far ahead an event may be. */
    public static JobInput of(String job, VigilConfig config, String topic, List<String> records, long recordTime) {
        RecordParser parser = RecordParser.of(config, job);
        byte[][] values = new byte[records.size()][];
        for (int i = 0; i < values.length; i++) values[i] = records.get(i).getBytes(StandardCharsets.UTF_8);
        GeneratorFunction<Long, ParsedRecord> read =
                offset -> parser.parse(values[offset.intValue()], recordTime, topic, 0, offset);
        return new JobInput(
                job,
                config,
                new DataGeneratorSource<>(read, values.length, TypeInformation.of(ParsedRecord.class)),
                JobRules.masking(config),
                JobRules.maskingKey(config, Map.of()));
    }
}
