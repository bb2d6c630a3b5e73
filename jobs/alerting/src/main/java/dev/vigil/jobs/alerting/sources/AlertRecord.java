package dev.vigil.jobs.alerting.sources;

import dev.vigil.schema.event.Alert;
import dev.vigil.schema.event.DeadLetter;

/** A record of the alerts topic: an alert, or a dead letter when it is not one. */
public class AlertRecord {
    public Alert alert;
    public DeadLetter deadLetter;

    public AlertRecord() {}
}
