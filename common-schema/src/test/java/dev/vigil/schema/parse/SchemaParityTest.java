package dev.vigil.schema.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vigil.schema.event.DeadLetterReason;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the published JSON Schemas and the Java parser from drifting: every sample under
 * {@code samples/valid} passes both; every sample under {@code samples/invalid}, named
 * {@code REASON--what.json}, fails both with that reason code.
 */
class SchemaParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix("https://vigil.dev/schemas/", "classpath:schemas/")));
    private final EventParser parser = new EventParser(ParserLimits.withoutClockWindow());

    static Stream<Path> validSamples() throws Exception {
        return samples("valid");
    }

    static Stream<Path> invalidSamples() throws Exception {
        return samples("invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSamples")
    void validSamplePassesSchemaAndParser(Path sample) throws IOException {
        byte[] bytes = Files.readAllBytes(sample);
        assertThat(schemaReasons(bytes)).as("JSON Schema errors").isEmpty();
        ParseOutcome outcome = parser.parse(bytes);
        assertThat(outcome.isValid()).as("parser: %s", outcome).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSamples")
    void invalidSampleFailsSchemaAndParserWithTheSameReason(Path sample) throws IOException {
        String name = sample.getFileName().toString();
        DeadLetterReason expected = DeadLetterReason.valueOf(name.substring(0, name.indexOf("--")));
        byte[] bytes = Files.readAllBytes(sample);

        ParseOutcome outcome = parser.parse(bytes);
        assertThat(outcome.isValid()).as("parser accepted it").isFalse();
        assertThat(outcome.reason()).as("parser reason (%s)", outcome.detail()).isEqualTo(expected);

        assertThat(schemaReasons(bytes)).as("JSON Schema reasons").containsExactly(expected);
    }

    /** Validates as a producer would (UTF-8 decode, JSON parse, schema), mapping each failure to a reason code. */
    private static Set<DeadLetterReason> schemaReasons(byte[] bytes) {
        Set<DeadLetterReason> reasons = new TreeSet<>();
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            reasons.add(DeadLetterReason.INVALID_UTF8);
            return reasons;
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(text);
        } catch (IOException e) {
            reasons.add(DeadLetterReason.MALFORMED_JSON);
            return reasons;
        }
        if (!doc.isObject()) {
            reasons.add(DeadLetterReason.NOT_AN_OBJECT);
            return reasons;
        }
        JsonNode type = doc.get("type");
        String schemaName = type != null
                        && List.of("agent_log", "business_event", "performance_metric", "error")
                                .contains(type.asText())
                ? type.asText()
                : "envelope";
        JsonSchema schema =
                FACTORY.getSchema(SchemaLocation.of("https://vigil.dev/schemas/" + schemaName + ".schema.json"));
        for (ValidationMessage m : schema.validate(doc)) {
            reasons.add(reasonFor(m));
        }
        return reasons;
    }

    private static DeadLetterReason reasonFor(ValidationMessage m) {
        String keyword = m.getType();
        String where = String.valueOf(m.getEvaluationPath()) + " " + m.getSchemaLocation();
        String property = String.valueOf(m.getInstanceLocation());
        if (where.contains("timestampShape")) return DeadLetterReason.TIMESTAMP_UNPARSEABLE;
        if (where.contains("timestampRange") || where.contains("epochMillisRange"))
            return DeadLetterReason.TIMESTAMP_OUT_OF_RANGE;
        if (where.contains("traceId") || where.contains("spanId") || where.contains("traceparent")) {
            return keyword.equals("type") ? DeadLetterReason.WRONG_TYPE : DeadLetterReason.INVALID_TRACE_CONTEXT;
        }
        switch (keyword) {
            case "required":
                return DeadLetterReason.MISSING_FIELD;
            case "type":
                return DeadLetterReason.WRONG_TYPE;
            case "maxProperties":
                return DeadLetterReason.TOO_MANY_ATTRIBUTES;
            case "enum":
                return property.equals("$.type") ? DeadLetterReason.UNKNOWN_TYPE : DeadLetterReason.INVALID_VALUE;
            case "maximum":
                return property.equals("$.schema_version")
                        ? DeadLetterReason.UNSUPPORTED_SCHEMA_VERSION
                        : DeadLetterReason.INVALID_VALUE;
            default:
                return DeadLetterReason.INVALID_VALUE;
        }
    }

    private static Stream<Path> samples(String dir) throws IOException, URISyntaxException {
        Path root =
                Path.of(SchemaParityTest.class.getResource("/samples/" + dir).toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(root)) {
            files = s.sorted().toList();
        }
        return files.stream();
    }
}
