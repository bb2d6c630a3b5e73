package dev.vigil.schema.parse;

import dev.vigil.schema.event.DeadLetterReason;
import dev.vigil.schema.event.Event;

/** Either a valid event or the reason it was rejected; the parser never throws. */
public final class ParseOutcome {
    private final Event event;
    private final DeadLetterReason reason;
    private final String detail;

    private ParseOutcome(Event event, DeadLetterReason reason, String detail) {
        this.event = event;
        this.reason = reason;
        this.detail = detail;
    }

    static ParseOutcome ok(Event event) {
        return new ParseOutcome(event, null, null);
    }

    static ParseOutcome rejected(DeadLetterReason reason, String detail) {
        return new ParseOutcome(null, reason, detail);
    }

    public boolean isValid() {
        return event != null;
    }

    public Event event() {
        return event;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return isValid() ? "valid " + event : reason + ": " + detail;
    }
}
