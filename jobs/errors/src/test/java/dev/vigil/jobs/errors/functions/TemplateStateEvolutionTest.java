package dev.vigil.jobs.errors.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Template state written before {@link TemplateMiner.Template#seen} existed (the serializer snapshot and one bucket,
 * written by commit e0d3a5d's classes): Flink migrates it on restore, and its templates read back with seen 0, which
 * the miner takes for "seen many times".
 */
class TemplateStateEvolutionTest {
    @Test
    void aBucketWrittenBeforeTheSeenCountRestoresWithIt() throws Exception {
        DataInputDeserializer in = new DataInputDeserializer(
                Files.readAllBytes(Path.of("src/test/resources/state/templates-before-seen-count.bin")));
        TypeSerializerSnapshot<TemplateMiner.Template[]> old =
                TypeSerializerSnapshot.readVersionedSnapshot(in, getClass().getClassLoader());
        TypeSerializer<TemplateMiner.Template[]> now = TypeInformation.of(TemplateMiner.Template[].class)
                .createSerializer(new ExecutionConfig().getSerializerConfig());
        TypeSerializerSchemaCompatibility<TemplateMiner.Template[]> compatibility =
                now.snapshotConfiguration().resolveSchemaCompatibility(old);
        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();

        TemplateMiner.Template[] bucket = old.restoreSerializer().deserialize(in);
        assertThat(bucket).hasSize(1);
        assertThat(bucket[0].id).isEqualTo("abc");
        assertThat(bucket[0].tokens).containsExactly("x", "<*>");
        assertThat(bucket[0].lastSeen).isEqualTo(42);
        assertThat(bucket[0].seen).isZero();

        // seen 0 is "many": a second word waits for a third value, as before the count existed
        TemplateMiner.MapStore store = new TemplateMiner.MapStore();
        String key = TemplateMiner.bucketKey("E", TemplateMiner.tokens("disk alpha is full now"));
        TemplateMiner.Template restored = new TemplateMiner.Template();
        restored.id = "old";
        restored.tokens = TemplateMiner.tokens("disk alpha is full now");
        restored.lastSeen = 1;
        store.put(key, new TemplateMiner.Template[] {restored});
        store.count(1);
        TemplateMiner miner = new TemplateMiner(TemplateMiner.DEFAULT_SIMILARITY, 100);
        assertThat(miner.match(store, "E", "disk beta is full now", "k", 2).id).isNotEqualTo("old");
    }
}
