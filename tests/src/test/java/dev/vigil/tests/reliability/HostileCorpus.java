package dev.vigil.tests.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.tests.stack.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/corpus.jsonl}): one case per line with
 * its payload as text, as base64 (bytes that are not UTF-8) or as parts (text and repeated runs, for
 * 10 MB messages and deep nesting without committing them), and what must happen to it: a dead
 * letter with a given reason, or stored with the checked fields exactly as sent. {@code @ID@},
 * {@code @SVC@} and {@code @NOW@} in a payload become the case's event ID, the run's service and the
 * current time.
 */
final class HostileCorpus {
    /** One case. {@code expect} is {@code stored} or a dead-letter reason such as {@code MALFORMED_JSON}. */
    record Case(String category, String name, String expect, JsonNode spec) {
        boolean stored() {
            return expect.equals("stored");
        }

        /** Field → value the stored document must hold: {@code message}, {@code attributes/KEY}, {@code pg:agent_id}. */
        JsonNode checks() {
            return spec.path("checks");
        }

        byte[] payload(String eventId, String service, long now) {
            byte[] raw;
            if (spec.has("text")) {
                raw = spec.get("text").asText().getBytes(StandardCharsets.UTF_8);
            } else if (spec.has("base64")) {
                raw = Base64.getDecoder().decode(spec.get("base64").asText());
            } else {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (JsonNode part : spec.get("parts")) {
                    byte[] text = (part.has("text") ? part.get("text") : part.get("repeat"))
                            .asText()
                            .getBytes(StandardCharsets.UTF_8);
                    int times = part.has("times") ? part.get("times").asInt() : 1;
                    for (int i = 0; i < times; i++) out.write(text, 0, text.length);
                }
                raw = out.toByteArray();
            }
            return replace(replace(replace(raw, "@ID@", eventId), "@SVC@", service), "@NOW@", Long.toString(now));
        }
    }

    private HostileCorpus() {}

    static List<Case> load() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/corpus.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                JsonNode c = Http.JSON.readTree(line);
                cases.add(new Case(
                        c.get("category").asText(),
                        c.get("name").asText(),
                        c.get("expect").asText(),
                        c));
            }
        }
        return cases;
    }

    /** Replaces every occurrence of an ASCII placeholder in raw bytes (which need not be UTF-8). */
    private static byte[] replace(byte[] in, String placeholder, String value) {
        byte[] p = placeholder.getBytes(StandardCharsets.US_ASCII);
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (i <= in.length - p.length && matches(in, i, p)) {
                out.write(v, 0, v.length);
                i += p.length - 1;
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }

    private static boolean matches(byte[] in, int at, byte[] p) {
        for (int j = 0; j < p.length; j++) if (in[at + j] != p[j]) return false;
        return true;
    }
}
