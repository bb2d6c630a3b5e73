package dev.vigil.runtime.sinks.elasticsearch;

import dev.vigil.schema.event.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Document IDs that no producer can aim at another's documents. An event's {@code event_id} is the
 * producer's claim, so its document ID is a hash of the service and the event ID: a service that
 * reuses another service's event ID writes a document of its own. A journey's ID includes its start,
 * so an event that reuses a finished request's correlation ID starts a second journey instead of
 * replacing the first. SHA-256 (first 128 bits), because with a non-cryptographic hash a producer could
 * compute a colliding pair.
 */
public final class DocumentIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    });

    private DocumentIds() {}

    /** The document ID of an event: its service and event ID, hashed (replays of one event overwrite its document). */
    public static String event(Event e) {
        return event(e.service, e.eventId);
    }

    /** The same, from the service and event ID alone (as a reader of stored JSON has them). */
    public static String event(String service, String eventId) {
        return hash(service, eventId);
    }

    /** The document ID of a request's journey: its correlation ID and start. */
    public static String journey(String correlationId, long start) {
        return hash(correlationId, Long.toString(start));
    }

    static String hash(String scope, String id) {
        MessageDigest sha = SHA256.get();
        sha.update(scope.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0); // no scope holds a NUL, so (scope, id) pairs cannot run into each other
        byte[] d = sha.digest(id.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(d[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[d[i] & 0xf];
        }
        return new String(out);
    }
}
