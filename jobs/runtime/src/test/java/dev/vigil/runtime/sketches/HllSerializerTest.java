package dev.vigil.runtime.sketches;

import org.apache.datasketches.hll.HllSketch;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/** Flink's serializer test suite against the HyperLogLog serializer. */
class HllSerializerTest extends SerializerTestBase<HllSketch> {

    HllSerializerTest() {
        super(new DeeplyEqualsChecker()
                .withCustomCheck(
                        (a, b) -> a instanceof HllSketch && b instanceof HllSketch,
                        // the representation may change on a round trip (list, set, dense); the estimate must not
                        (a, b, checker) -> ((HllSketch) a).getEstimate() == ((HllSketch) b).getEstimate()
                                && ((HllSketch) a).getLgConfigK() == ((HllSketch) b).getLgConfigK()));
    }

    @Override
    protected TypeSerializer<HllSketch> createSerializer() {
        return HllSketches.Serializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<HllSketch> getTypeClass() {
        return HllSketch.class;
    }

    @Override
    protected HllSketch[] getTestData() {
        HllSketch few = HllSketches.empty();
        for (int i = 0; i < 10; i++) few.update("u" + i);
        HllSketch many = HllSketches.empty();
        for (int i = 0; i < 100_000; i++) many.update("user-" + i);
        return new HllSketch[] {HllSketches.empty(), few, many};
    }
}
