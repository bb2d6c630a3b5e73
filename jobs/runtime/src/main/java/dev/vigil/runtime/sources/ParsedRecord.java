package dev.vigil.runtime.sources;

import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.Event;

/** What the source emits for each Kafka record: the parsed event, or the dead letter it became. */
public class ParsedRecord {
    public Event event;
    public DeadLetter deadLetter;

    public ParsedRecord() {}

    static ParsedRecord of(Event event) {
        ParsedRecord r = new ParsedRecord();
        r.event = event;
        return r;
    }

    static ParsedRecord of(DeadLetter deadLetter) {
        ParsedRecord r = new ParsedRecord();
        r.deadLetter = deadLetter;
        return r;
    }
}
