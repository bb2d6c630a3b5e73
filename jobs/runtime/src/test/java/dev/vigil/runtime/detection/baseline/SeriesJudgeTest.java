package dev.vigil.runtime.detection.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.config.VigilConfig;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code detection.baseline.direction} holds for KNN-CAD's scores as for the likelihood's. */
class SeriesJudgeTest {
    static final long STEP = 300_000L;
    static final int POINTS = 6 * 288;

    @Test
    void withKnnCadADipCountsOnlyWhereDipsDo() {
        assertThat(dipScore("both")).isGreaterThanOrEqualTo(0.3);
        assertThat(dipScore("down")).isGreaterThanOrEqualTo(0.3);
        assertThat(dipScore("up")).isZero();
    }

    /**
     * A value that is no number (NaN, an infinity) scores 0, is not warm and teaches neither method anything: the
     * series scores afterwards exactly as if it had never come.
     */
    @Test
    void aValueThatIsNoNumberTeachesNothing() {
        for (String method : List.of("knn-cad", "likelihood")) {
            SeriesJudge judge = BaselineSettings.from(
                            VigilConfig.load("", List.of("detection.baseline.method=" + method), Map.of()))
                    .judge();
            LikelihoodState l = judge.newLikelihoodState();
            KnnCadState k = judge.newKnnCadState();
            LikelihoodState twinL = judge.newLikelihoodState();
            KnnCadState twinK = judge.newKnnCadState();
            Random r = new Random(37);
            Score out = new Score();
            Score twin = new Score();
            for (int i = 0; i < POINTS; i++) {
                double v = 10 + 3 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian() + (i == POINTS - 50 ? 30 : 0);
                if (i == 900 || i == 1000 || i == 1100) {
                    double none =
                            i == 900 ? Double.NaN : i == 1000 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                    judge.judge(l, k, i * STEP - 1, none, out);
                    assertThat(out.score).as(method + " " + none).isZero();
                    assertThat(out.warm).isFalse();
                }
                judge.judge(l, k, i * STEP, v, out);
                judge.judge(twinL, twinK, i * STEP, v, twin);
                assertThat(out.score).as(method + " at " + i).isEqualTo(twin.score);
                assertThat(out.baseline).isEqualTo(twin.baseline);
            }
            assertThat(out.warm).isTrue();
        }
    }

    /** KNN-CAD's score of a dip 30 below a noisy level after its training week's 750 points. */
    private static double dipScore(String direction) {
        SeriesJudge judge = BaselineSettings.from(VigilConfig.load(
                        "",
                        List.of("detection.baseline.method=knn-cad", "detection.baseline.direction=" + direction),
                        Map.of()))
                .judge();
        LikelihoodState l = judge.newLikelihoodState();
        KnnCadState k = judge.newKnnCadState();
        Random r = new Random(31);
        Score out = new Score();
        for (int i = 0; i < POINTS; i++) judge.judge(l, k, i * STEP, 10 + r.nextGaussian(), out);
        return judge.judge(l, k, POINTS * STEP, -20, out).score;
    }
}
