package dev.vigil.jobs.errors.functions;

import dev.vigil.schema.event.Event;
import org.apache.flink.api.common.functions.MapFunction;

/** Assigns each error event its group (in place: the event is not copied). */
public class Fingerprint implements MapFunction<Event, Event> {
    private final ErrorFingerprinter fingerprinter;

    public Fingerprint(ErrorFingerprinter fingerprinter) {
        this.fingerprinter = fingerprinter;
    }

    @Override
    public Event map(Event e) {
        fingerprinter.assign(e.service, e.error);
        return e;
    }
}
