package dev.vigil.runtime.sinks.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code _bulk} response says about each document, in request order. Elasticsearch 7–9 and
 * OpenSearch 2–3 answer alike: {@code {"errors":bool,"items":[{"index":{"status":201,...,"error":{...}}}]}}.
 * When {@code errors} is false the items are not read at all (the common case costs one token scan).
 */
public final class BulkOutcome {
    /** What to do with one document. */
    public enum Verdict {
        WRITTEN,
        RETRY,
        REJECTED
    }

    private static final JsonFactory JSON = new JsonFactory();

    public final boolean errors;
    public final List<Verdict> verdicts;
    /** The cluster's error per document ("" where written): status, type and reason. */
    public final List<String> reasons;

    private BulkOutcome(boolean errors, List<Verdict> verdicts, List<String> reasons) {
        this.errors = errors;
        this.verdicts = verdicts;
        this.reasons = reasons;
    }

    /** 429 and 5xx are the cluster's trouble (retry); any other 4xx is the document's (dead letter). */
    public static Verdict verdict(int status) {
        if (status >= 200 && status < 300) return Verdict.WRITTEN;
        if (status == 429 || status >= 500) return Verdict.RETRY;
        return Verdict.REJECTED;
    }

    public static BulkOutcome parse(InputStream body, int documents) throws IOException {
        List<Verdict> verdicts = new ArrayList<>(documents);
        List<String> reasons = new ArrayList<>(documents);
        boolean errors = true;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("a bulk response is not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("errors")) {
                    errors = p.getBooleanValue();
                    if (!errors) {
                        for (int i = 0; i < documents; i++) {
                            verdicts.add(Verdict.WRITTEN);
                            reasons.add("");
                        }
                        return new BulkOutcome(false, verdicts, reasons);
                    }
                } else if (field.equals("items")) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.nextToken(); // the action name: index, create, update, delete
                        p.nextToken(); // its object
                        item(p, verdicts, reasons);
                        p.nextToken(); // end of the item
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        if (verdicts.size() != documents) {
            throw new IOException(
                    "the bulk response has " + verdicts.size() + " items for " + documents + " documents");
        }
        return new BulkOutcome(errors, verdicts, reasons);
    }

    private static void item(JsonParser p, List<Verdict> verdicts, List<String> reasons) throws IOException {
        int status = 0;
        String type = "";
        String reason = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("status")) {
                status = p.getIntValue();
            } else if (field.equals("error") && p.currentToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    if (f.equals("type")) type = p.getText();
                    else if (f.equals("reason")) reason = p.getText();
                    else p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
        }
        Verdict v = verdict(status);
        verdicts.add(v);
        reasons.add(v == Verdict.WRITTEN ? "" : "HTTP " + status + " " + type + ": " + reason);
    }
}
