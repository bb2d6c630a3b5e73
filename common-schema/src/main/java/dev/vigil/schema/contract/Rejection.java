package dev.vigil.schema.contract;

import dev.vigil.schema.event.DeadLetterReason;

/** Input the contract does not allow, with its dead-letter reason. No stack trace: it is control flow on bad input. */
public final class Rejection extends RuntimeException {
    public final DeadLetterReason reason;

    public Rejection(DeadLetterReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** A key given twice in one object (named: contract fields and members are ours, never a producer's key). */
    public static Rejection duplicate(String field) {
        return new Rejection(DeadLetterReason.DUPLICATE_FIELD, field + " appears twice");
    }

    public static Rejection wrongType(String field, String expected) {
        return new Rejection(DeadLetterReason.WRONG_TYPE, field + " must be " + expected);
    }
}
