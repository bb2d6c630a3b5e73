package dev.vigil.schema.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.json.EventJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An event read from the contract's tokens (as OTLP records are) follows the same rules as one read from its text. */
class ContractTokensTest {
    private static final JsonFactory JSON = new JsonFactory();
    private final EventParser parser = new EventParser(ParserLimits.withoutClockWindow());

    /** The contract's samples that are JSON: faults of the text itself (bad UTF-8, a truncated object) have no tokens. */
    static Stream<Path> samples() throws IOException, URISyntaxException {
        Path root = Path.of(ContractTokensTest.class.getResource("/samples").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files
                    .filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> tokensOf(read(p)) != null)
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleReadAsTokensHasTheOutcomeOfItsText(Path sample) throws IOException {
        byte[] text = Files.readAllBytes(sample);
        ContractTokens tokens = tokensOf(text);

        assertThat(tokens.boundBytes())
                .as("the bound of the text's size")
                .isGreaterThanOrEqualTo(tokens.render().length);
        ParseOutcome fromText = parser.parse(text, Long.MIN_VALUE);
        // the ID a mapper gives an event without one: here the text's own, so IDs derived from it (correlation) agree
        String derivedId = fromText.isValid() && fromText.event().eventIdDerived ? fromText.event().eventId : "d-x";
        ParseOutcome fromTokens = parser.parse(tokens, () -> derivedId, Long.MIN_VALUE);

        assertThat(fromTokens.isValid()).as("%s / %s", fromText, fromTokens).isEqualTo(fromText.isValid());
        if (!fromText.isValid()) {
            assertThat(fromTokens.reason()).isEqualTo(fromText.reason());
            assertThat(fromTokens.detail()).isEqualTo(fromText.detail());
            return;
        }
        Event a = fromText.event();
        Event b = fromTokens.event();
        assertThat(b.eventIdDerived).isEqualTo(a.eventIdDerived);
        assertThat(new String(EventJson.toBytes(b), StandardCharsets.UTF_8))
                .isEqualTo(new String(EventJson.toBytes(a), StandardCharsets.UTF_8));
    }

    @Test
    void attributesNestedPastTheDepthLimitAreTooDeepAsTokensAsInText() throws IOException {
        ParserLimits limits = ParserLimits.withoutClockWindow();
        EventParser p = new EventParser(limits);
        // the event's object is level 1, attributes 2: levels 3..maxDepth hold, one more does not
        for (int levels : new int[] {limits.maxDepth, limits.maxDepth + 1}) {
            for (String where : new String[] {"\"attributes\":%s", "\"unknown\":%s"}) {
                String nested = "1";
                int inner = where.startsWith("\"attributes") ? levels - 2 : levels - 1;
                for (int i = 0; i < inner; i++) nested = (i % 2 == 0 ? "{\"k\":" + nested + "}" : "[" + nested + "]");
                if (where.startsWith("\"attributes")) nested = "{\"a\":" + nested + "}";
                byte[] text =
                        ("{\"type\":\"agent_log\",\"timestamp\":1764000000000,\"service\":\"s\",\"level\":\"INFO\","
                                        + "\"message\":\"m\"," + String.format(where, nested) + "}")
                                .getBytes(StandardCharsets.UTF_8);
                ParseOutcome fromText = p.parse(text, Long.MIN_VALUE);
                ParseOutcome fromTokens = p.parse(tokensOf(text), () -> "d-x", Long.MIN_VALUE);
                boolean tooDeep = levels > limits.maxDepth;
                assertThat(fromText.isValid())
                        .as("text, %d levels, %s", levels, where)
                        .isEqualTo(!tooDeep);
                assertThat(fromTokens.isValid())
                        .as("tokens, %d levels, %s", levels, where)
                        .isEqualTo(!tooDeep);
                if (tooDeep) {
                    assertThat(fromText.reason()).isEqualTo(DeadLetterReason.TOO_DEEP);
                    assertThat(fromTokens.reason()).isEqualTo(DeadLetterReason.TOO_DEEP);
                    assertThat(fromTokens.detail()).isEqualTo(fromText.detail());
                }
            }
        }
    }

    @Test
    void anEventWhoseTextWouldPassTheSizeLimitIsOversizeWithItsExactSize() throws IOException {
        ParserLimits limits = ParserLimits.withoutClockWindow();
        limits.maxBytes = 4096;
        EventParser p = new EventParser(limits);
        // control characters take six bytes each as JSON escapes: 1,000 of them are 6,000 bytes of text
        ContractTokens escaped = event("\u0001".repeat(1000));
        int size = escaped.render().length;
        assertThat(size).isGreaterThan(6000);
        ParseOutcome oversize = p.parse(escaped, () -> "d-x", Long.MIN_VALUE);
        assertThat(oversize.reason()).isEqualTo(DeadLetterReason.OVERSIZE);
        assertThat(oversize.detail()).isEqualTo("message is " + size + " bytes, limit 4096");
        // 600 plain characters: over the cheap bound (6 bytes a character), under the limit once written
        assertThat(p.parse(event("x".repeat(600)), () -> "d-x", Long.MIN_VALUE).isValid())
                .isTrue();
        // the same text read as text is refused alike
        assertThat(p.parse(escaped.render(), Long.MIN_VALUE).detail()).isEqualTo(oversize.detail());
    }

    @Test
    void aMessagesRecordIdsAreStableDistinctAndDifferFromAnotherMessages() {
        byte[] message = "one request".getBytes(StandardCharsets.UTF_8);
        long[] hash = ContentHash.hash128(message);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) ids.add(ContentHash.hex128(hash, i));
        assertThat(ids).hasSize(10_000).allMatch(id -> id.matches("[0-9a-f]{32}"));
        assertThat(ContentHash.hex128(ContentHash.hash128(message.clone()), 7)).isEqualTo(ContentHash.hex128(hash, 7));
        long[] other = ContentHash.hash128("another request".getBytes(StandardCharsets.UTF_8));
        assertThat(ContentHash.hex128(other, 7)).isNotEqualTo(ContentHash.hex128(hash, 7));
    }

    private static ContractTokens event(String message) throws IOException {
        ContractTokens t = new ContractTokens();
        t.writeStartObject();
        t.writeStringField("type", "agent_log");
        t.writeNumberField("timestamp", 1764000000000L);
        t.writeStringField("service", "checkout");
        t.writeStringField("level", "INFO");
        t.writeStringField("message", message);
        t.writeEndObject();
        return t;
    }

    /** The text's tokens, or null when it is not JSON. */
    private static ContractTokens tokensOf(byte[] text) {
        try (JsonParser p = JSON.createParser(text)) {
            ContractTokens t = new ContractTokens();
            if (p.nextToken() == null) return null;
            t.copyCurrentStructure(p);
            if (p.nextToken() != null) return null;
            return t;
        } catch (IOException e) {
            return null;
        }
    }
}
