package dev.vigil.schema.masking;

import java.util.ArrayList;
import java.util.List;

/** The text of each span a scan finds, in order: what the form tests compare. */
final class ScannedSpans {
    private ScannedSpans() {}

    static List<String> of(PiiScanner scanner, String text) {
        int n = scanner.scan(text);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < n; i++) found.add(text.substring(scanner.start(i), scanner.end(i)));
        return found;
    }

    /** Those of one kind. */
    static List<String> of(PiiScanner scanner, String text, PiiKind kind) {
        int n = scanner.scan(text);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (scanner.kind(i) == kind) found.add(text.substring(scanner.start(i), scanner.end(i)));
        }
        return found;
    }
}
