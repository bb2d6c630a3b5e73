package dev.vigil.schema.masking;

import java.util.ArrayList;
import java.util.List;

/** A corpus line with its labels removed: {@code [[kind|value]]} marks a labelled value inside the text. */
record LabelledLine(String text, List<Label> labels) {
    record Label(String kind, int start, int end) {}

    static LabelledLine parse(String raw) {
        StringBuilder text = new StringBuilder();
        List<Label> labels = new ArrayList<>();
        int i = 0;
        while (i < raw.length()) {
            int open = raw.indexOf("[[", i);
            if (open < 0) {
                text.append(raw, i, raw.length());
                break;
            }
            while (raw.startsWith("[[[", open)) open++; // "[[[~pid|1]]]": a literal '[' before the label
            text.append(raw, i, open);
            int bar = raw.indexOf('|', open);
            int close = raw.indexOf("]]", bar);
            int start = text.length();
            text.append(raw, bar + 1, close);
            labels.add(new Label(raw.substring(open + 2, bar), start, text.length()));
            i = close + 2;
        }
        return new LabelledLine(text.toString(), labels);
    }
}
