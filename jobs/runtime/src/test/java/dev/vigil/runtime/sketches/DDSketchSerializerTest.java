package dev.vigil.runtime.sketches;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.Random;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/** Flink's own serializer test suite (copy, round trip, snapshot restore, duplication) run against the DDSketch serializer. */
class DDSketchSerializerTest extends SerializerTestBase<DDSketch> {

    DDSketchSerializerTest() {
        // DDSketch has no equals: two sketches are equal when count and quantiles agree
        super(new DeeplyEqualsChecker()
                .withCustomCheck(
                        (a, b) -> a instanceof DDSketch && b instanceof DDSketch,
                        (a, b, checker) -> sameSketch((DDSketch) a, (DDSketch) b)));
    }

    private static boolean sameSketch(DDSketch x, DDSketch y) {
        if (x.getCount() != y.getCount()) return false;
        if (x.getCount() == 0) return true;
        for (double q : new double[] {0.0, 0.5, 0.99, 1.0}) {
            if (x.getValueAtQuantile(q) != y.getValueAtQuantile(q)) return false;
        }
        return true;
    }

    @Override
    protected TypeSerializer<DDSketch> createSerializer() {
        return DDSketchSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<DDSketch> getTypeClass() {
        return DDSketch.class;
    }

    @Override
    protected DDSketch[] getTestData() {
        Random r = new Random(3);
        DDSketch empty = Sketches.empty();
        DDSketch one = Sketches.empty();
        one.accept(42.0);
        DDSketch many = Sketches.empty();
        for (int i = 0; i < 10_000; i++) many.accept(Math.exp(3 + r.nextGaussian()));
        return new DDSketch[] {empty, one, many};
    }
}
