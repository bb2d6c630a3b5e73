package dev.vigil.client;

/** What {@link Publisher#publish} does when its queue is full. */
public enum Overflow {
    /** Drop the event and count it: the application thread never waits (the default). */
    DROP,
    /** Wait for room: nothing is lost, but a stalled Kafka stalls the caller. For batch jobs and exact test inputs. */
    BLOCK
}
