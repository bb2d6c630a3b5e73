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
