package dev.vigil.schema.event;

import java.util.Arrays;
import java.util.Objects;

/** An input that could not be turned into an {@link Event}, kept byte for byte with the reason. */
public class DeadLetter {
    public byte[] originalBytes;
    public String sourceTopic;
    public int sourcePartition;
    public long sourceOffset;
    public DeadLetterReason reason;
    /** Names the field and the rule broken; never echoes field values (they may be PII). */
    public String detail;
    /** When Vigil dead-lettered it, epoch milliseconds. */
    public long deadLetteredAt;
    /** The job that dead-lettered it. */
    public String job;

    public DeadLetter() {}

    public DeadLetter(byte[] originalBytes, DeadLetterReason reason, String detail) {
        this.originalBytes = originalBytes;
        this.reason = reason;
        this.detail = detail;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof DeadLetter)) return false;
        DeadLetter d = (DeadLetter) o;
        return sourcePartition == d.sourcePartition
                && sourceOffset == d.sourceOffset
                && deadLetteredAt == d.deadLetteredAt
                && Arrays.equals(originalBytes, d.originalBytes)
                && Objects.equals(sourceTopic, d.sourceTopic)
                && reason == d.reason
                && Objects.equals(detail, d.detail)
                && Objects.equals(job, d.job);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceTopic, sourcePartition, sourceOffset, reason);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reason + ": " + detail + " @" + sourceTopic + "/" + sourcePartition + "/" + sourceOffset
                + "}";
    }
}
