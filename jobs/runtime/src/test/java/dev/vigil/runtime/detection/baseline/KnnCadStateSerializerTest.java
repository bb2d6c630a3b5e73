package dev.vigil.runtime.detection.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Flink's serializer test suite against the KNN-CAD state's serializer, and the upgrade from the POJO serializer. */
class KnnCadStateSerializerTest extends SerializerTestBase<KnnCadState> {

    @Override
    protected TypeSerializer<KnnCadState> createSerializer() {
        return new KnnCadStateSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<KnnCadState> getTypeClass() {
        return KnnCadState.class;
    }

    @Override
    protected KnnCadState[] getTestData() {
        KnnCadDetector d = KnnCadDetectorTest.detector();
        KnnCadState fresh = d.newState();
        KnnCadState training = d.newState(); // no calibration yet: scores, factor and norms null
        KnnCadState scoring = d.newState(); // a week of a daily cycle: every array set, NaN-free
        KnnCadState withoutDaily = d.newState(); // as state written before daily context: lags and profile null
        withoutDaily.lags = null;
        withoutDaily.daily = null;
        Random r = new Random(5);
        for (int i = 0; i < 3 * KnnCadDetectorTest.DAY; i++) {
            double v = 50 + 40 * Math.sin(2 * Math.PI * i / KnnCadDetectorTest.DAY) + r.nextGaussian();
            if (i < 100) d.scoreAndLearn(training, i * KnnCadDetectorTest.STEP, v);
            d.scoreAndLearn(scoring, i * KnnCadDetectorTest.STEP, v);
            d.scoreAndLearn(withoutDaily, i * KnnCadDetectorTest.STEP, v);
        }
        return new KnnCadState[] {fresh, training, scoring, withoutDaily};
    }

    @Test
    void everyTypeInformationOfTheStateUsesIt() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        assertThat(TypeInformation.of(KnnCadState.class).createSerializer(config))
                .isInstanceOf(KnnCadStateSerializer.class);
    }

    @Test
    void stateWrittenWithFlinksPojoSerializerIsMigrated() throws Exception {
        // the POJO serializer every BaselineScorer used for "knn-cad" before this one
        Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
        fields.put("points", Types.LONG);
        fields.put("firstTimestamp", Types.LONG);
        fields.put("probation", Types.INT);
        fields.put("values", PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO);
        fields.put("lags", PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO);
        fields.put("daily", PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO);
        fields.put("scores", PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO);
        fields.put("nextScore", Types.INT);
        fields.put("factor", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO);
        fields.put("refractory", Types.INT);
        fields.put("norms", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<KnnCadState> pojo = Types.POJO(KnnCadState.class, fields).createSerializer(config);
        assertThat(pojo).isNotInstanceOf(KnnCadStateSerializer.class);

        assertMigrated(pojo);
    }

    @Test
    void stateWrittenInTheFormatBeforeTheHalfShapeIsMigratedAndThenCalibratesIt() throws Exception {
        TypeSerializer<KnnCadState> formatOne = new KnnCadStateSerializer.Snapshot().restoreSerializer();
        assertThat(formatOne).isNotEqualTo(new KnnCadStateSerializer());
        assertMigrated(formatOne);

        // a series scored before the half shape existed scores on, its half calibrated from the values it kept
        KnnCadDetector d = KnnCadDetectorTest.detector();
        KnnCadState scoring = getTestData()[2];
        scoring.half = null;
        DataOutputSerializer written = new DataOutputSerializer(24_576);
        formatOne.serialize(scoring, written);
        KnnCadState read = formatOne.deserialize(new DataInputDeserializer(written.getCopyOfBuffer()));
        assertThat(read.half).isNull();
        d.scoreAndLearn(read, 3L * KnnCadDetectorTest.DAY * KnnCadDetectorTest.STEP, 50);
        assertThat(read.half.scores)
                .as("calibrated: one per training item of the half shape")
                .hasSize(read.probation - 10);
        assertThat(read.half.factor).isNotNull();
    }

    /** What a checkpoint written with {@code old} holds is read with it and rewritten in the current format. */
    private void assertMigrated(TypeSerializer<KnnCadState> old) throws Exception {
        DataOutputSerializer snapshotBytes = new DataOutputSerializer(1024);
        TypeSerializerSnapshot.writeVersionedSnapshot(snapshotBytes, old.snapshotConfiguration());
        TypeSerializerSnapshot<KnnCadState> snapshot = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snapshotBytes.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertThat(new KnnCadStateSerializer.Snapshot2()
                        .resolveSchemaCompatibility(snapshot)
                        .isCompatibleAfterMigration())
                .isTrue();
        assertThat(new KnnCadStateSerializer.Snapshot2()
                        .resolveSchemaCompatibility(new KnnCadStateSerializer().snapshotConfiguration())
                        .isCompatibleAsIs())
                .isTrue();

        TypeSerializer<KnnCadState> restored = snapshot.restoreSerializer();
        TypeSerializer<KnnCadState> now = new KnnCadStateSerializer();
        for (KnnCadState s : getTestData()) {
            KnnCadState before = now.copy(s);
            before.half = null; // neither older format had it
            DataOutputSerializer written = new DataOutputSerializer(24_576);
            old.serialize(before, written);
            KnnCadState read = restored.deserialize(new DataInputDeserializer(written.getCopyOfBuffer()));
            DataOutputSerializer rewritten = new DataOutputSerializer(24_576);
            now.serialize(read, rewritten);
            assertThat(now.deserialize(new DataInputDeserializer(rewritten.getCopyOfBuffer())))
                    .as("migrated")
                    .isEqualTo(before);
        }
    }
}
