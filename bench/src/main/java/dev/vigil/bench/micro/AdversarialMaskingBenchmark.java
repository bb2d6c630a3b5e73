package dev.vigil.bench.micro;

import dev.vigil.schema.masking.MaskingRules;
import dev.vigil.schema.masking.PiiMasker;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PII masking of adversarial inputs (runs of the characters each detector keys on) at 64 KiB and
 * 1 MiB: a linear detector takes about 16x as long for the larger one, a backtracking or rescanning
 * one about 256x. Compare the two sizes per shape in the results.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class AdversarialMaskingBenchmark {

    @Param({
        "digits",
        "digit-groups",
        "at-signs",
        "dots",
        "dotted-quads",
        "colons",
        "email-chain",
        "jwt-prefixes",
        "bearer-words",
        "iban-prefixes",
        "spaced-secrets",
        "user-options",
        "xml-secrets",
        "phrase-colons",
        "password-options",
        "oracle-logons",
        "name-value-pairs",
        "argv-lists",
        "mixed"
    })
    public String shape;

    @Param({"65536", "1048576"})
    public int size;

    private PiiMasker masker;
    private String input;

    @Setup
    public void setUp() {
        masker = new PiiMasker(
                MaskingRules.defaults(), "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        String unit = switch (shape) {
            case "digits" -> "1";
            case "digit-groups" -> "4111 ";
            case "at-signs" -> "@";
            case "dots" -> ".";
            case "dotted-quads" -> "1.2.";
            case "colons" -> "a:";
            case "email-chain" -> "a@b.";
            case "jwt-prefixes" -> "eyJ.";
            case "bearer-words" -> "Bearer ";
            case "iban-prefixes" -> "DE89 ";
            case "spaced-secrets" -> "password '";
            case "user-options" -> "--user ";
            case "xml-secrets" -> "<password>";
            case "phrase-colons" -> "password given for a:";
            case "password-options" -> "-u -p -a redis-cli ";
            case "oracle-logons" -> "sqlplus a/b/c/d/e/f/g/h/i/j/k@";
            case "name-value-pairs" -> "name: DB_PASSWORD, value: ";
            case "argv-lists" -> "\"--password\", \"";
            default -> "x@y.z 4111-1111 10.0.0 eyJa.eyJb Bearer AKIA ::1:: +1 (555) ";
        };
        StringBuilder sb = new StringBuilder(size + unit.length());
        while (sb.length() < size) sb.append(unit);
        sb.setLength(size);
        input = sb.toString();
    }

    @Benchmark
    public String mask() {
        return masker.mask(input);
    }
}
