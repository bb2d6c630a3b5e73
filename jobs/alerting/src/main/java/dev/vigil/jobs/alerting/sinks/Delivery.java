package dev.vigil.jobs.alerting.sinks;

/** How one post of an alert to Alertmanager ended. */
public class Delivery {
    public String fingerprint;
    public String status;
    public String severity;
    public int attempts;
    public boolean delivered;
    /** HTTP status of the last attempt, 0 if there was no response. */
    public int httpStatus;

    public Delivery() {}
}
