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
    /** The request Alertmanager refused for its content (a 4xx other than 429), else null. */
    public byte[] refusedBody;
    /** Alertmanager's reason for refusing it: the first line of its answer. */
    public String refusal;

    /** Alertmanager refused the alert itself: retrying or resending the same body cannot succeed. */
    public boolean refused() {
        return refusedBody != null;
    }

    public Delivery() {}
}
