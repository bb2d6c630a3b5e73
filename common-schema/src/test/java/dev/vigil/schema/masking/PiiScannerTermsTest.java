package dev.vigil.schema.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression: "(" or "+" right after a word and before a digit ("alert(1)", "a+1") once made the
 * numeric-run scanner stop advancing, hanging the job's source task (found by the hostile-input
 * corpus). The timeout only guards termination; it is not a performance bound.
 */
class PiiScannerTermsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"alert(1)", "a+1", "chr(0)", "pg_sleep(10)", "f(2)(3)", "x(", "y+", "<script>alert(1)</script>"})
    void wordAdjacentParenthesisOrPlusBeforeADigitIsSteppedOver(String text) {
        int found = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new PiiScanner().scan(text));
        assertThat(found).isZero();
    }
}
