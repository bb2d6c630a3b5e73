package dev.vigil.jobs.errors.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageNormalizerTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "order 81723 not found|order <num> not found",
                "Read timed out after 3000 ms calling psp-2.example.net|Read timed out after <num> ms calling <id>",
                "user 4f9a1c2e-1111-2222-3333-444455556666 locked|user <uuid> locked",
                "segfault at 0x7ffd3a2b|segfault at <hex>",
                "object deadbeef01 missing|object <hex> missing",
                "User 'bob' not found|User <str> not found",
                "key \"cart:991\" expired|key <str> expired",
                "mail to jane.doe@example.com bounced|mail to <email> bounced",
                "cannot open /var/lib/app/data.db: permission denied|cannot open <path>: permission denied",
                "cannot open C:\\data\\x.db|cannot open <path>",
                "GET https://api.example.com/v1/orders?id=7 failed|GET <url> failed",
                "session ab12cd failed|session <id> failed",
                "took 12.5 ms, limit 10.|took <num> ms, limit <num>.",
                "   many    spaces   here  |many spaces here",
                "unbalanced 'quote and 42|unbalanced 'quote and <num>",
            })
    void replacesVariablePartsWithPlaceholders(String message, String expected) {
        assertThat(MessageNormalizer.normalize(message)).isEqualTo(expected);
    }

    @Test
    void nullIsEmptyAndHugeMessagesAreCut() {
        assertThat(MessageNormalizer.normalize(null)).isEmpty();
        assertThat(MessageNormalizer.normalize("x".repeat(100_000))).hasSize(MessageNormalizer.MAX_LENGTH);
    }
}
