package dev.vigil.runtime.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.Event;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {
    static final String SHOP_E1 = "90ca113f6b7ed866939893ba401f5a3d";

    @Test
    void anEventsIdIsScopedToItsServiceAndStableAcrossReplays() {
        assertThat(DocumentIds.event(event("shop", "e-1")))
                .isEqualTo(DocumentIds.event(event("shop", "e-1")))
                .matches("[0-9a-f]{32}")
                .isNotEqualTo(DocumentIds.event(event("mallory", "e-1")))
                .isNotEqualTo(DocumentIds.event(event("shop", "e-2")));
        // the separator keeps (scope, id) pairs apart: "ab" + "c" is not "a" + "bc"
        assertThat(DocumentIds.hash("ab", "c")).isNotEqualTo(DocumentIds.hash("a", "bc"));
        // the first 128 bits of SHA-256("shop\0e-1"), as sha256sum computes them
        assertThat(DocumentIds.hash("shop", "e-1")).isEqualTo(SHOP_E1);
    }

    @Test
    void aJourneysIdIsItsCorrelationIdAndStart() {
        assertThat(DocumentIds.journey("req-1", 1000))
                .isEqualTo(DocumentIds.journey("req-1", 1000))
                .isNotEqualTo(DocumentIds.journey("req-1", 601_000))
                .isNotEqualTo(DocumentIds.journey("req-2", 1000));
    }

    private static Event event(String service, String eventId) {
        Event e = new Event();
        e.service = service;
        e.eventId = eventId;
        return e;
    }
}
