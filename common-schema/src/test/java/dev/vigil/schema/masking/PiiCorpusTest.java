package dev.vigil.schema.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the PII scanner on the labelled corpus ({@code pii/corpus.txt}): a span
 * counts as found only with exactly the labelled boundaries.
 */
class PiiCorpusTest {

    record Span(int line, int start, int end) {}

    @Test
    void meetsRecallAndPrecisionTargets() throws IOException {
        String corpus;
        try (InputStream in = getClass().getResourceAsStream("/pii/corpus.txt")) {
            corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<Span> expected = new HashSet<>();
        Set<Span> found = new HashSet<>();
        List<String> misses = new ArrayList<>();
        int lines = 0;
        PiiScanner scanner = new PiiScanner();
        for (String raw : corpus.split("\n")) {
            if (raw.startsWith("#") || raw.isBlank()) continue;
            lines++;
            LabelledLine labelled = LabelledLine.parse(raw);
            for (LabelledLine.Label l : labelled.labels()) expected.add(new Span(lines, l.start(), l.end()));
            String line = labelled.text();
            int n = scanner.scan(line);
            for (int k = 0; k < n; k++) {
                Span s = new Span(lines, scanner.start(k), scanner.end(k));
                found.add(s);
                if (!expected.contains(s))
                    misses.add("false positive " + scanner.kind(k) + ": '" + line.substring(s.start, s.end) + "' in: "
                            + line);
            }
            for (Span s : expected) {
                if (s.line == lines && !found.contains(s))
                    misses.add("missed: '" + line.substring(s.start, s.end) + "' in: " + line);
            }
        }
        Set<Span> truePositives = new HashSet<>(found);
        truePositives.retainAll(expected);
        double recall = (double) truePositives.size() / expected.size();
        double precision = (double) truePositives.size() / found.size();
        System.out.printf(
                "PII corpus: %d lines, %d labelled spans, %d found, recall %.4f, precision %.4f%n",
                lines, expected.size(), found.size(), recall, precision);
        misses.forEach(System.out::println);
        assertThat(lines).isGreaterThanOrEqualTo(300);
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(0.99);
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(0.97);
    }
}
