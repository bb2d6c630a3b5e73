package dev.vigil.schema.event;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** Payload of an {@code error} event. */
public class ErrorEvent {
    /** Exception type or class, e.g. java.net.SocketTimeoutException. */
    public String errorType;

    public String message;

    @TypeInfo(StackFramesTypeInfoFactory.class)
    public StackFrame[] frames;
    /** Frames of a deeper stack left out between the first and the last ones kept (0 when none were). */
    public int framesOmitted;

    public Boolean handled;
    /** warning, error or fatal. */
    public String severity;

    public Integer httpStatus;
    public String operation;
    /** A producer-supplied grouping key; when present it wins over Vigil's own fingerprint. */
    public String fingerprint;
    /** The affected user, if known; counted per error group. */
    public String userId;
    /** The error group, set by the errors job's fingerprinter (never read from input). */
    public String groupId;
    /** Which rule chose the group: producer, stack or message. */
    public String groupedBy;
    /** The group's message template ({@code <*>} where its messages differ) when the message rule chose it. */
    public String template;

    public ErrorEvent() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ErrorEvent)) return false;
        ErrorEvent e = (ErrorEvent) o;
        return Objects.equals(errorType, e.errorType)
                && Objects.equals(message, e.message)
                && Arrays.equals(frames, e.frames)
                && framesOmitted == e.framesOmitted
                && Objects.equals(handled, e.handled)
                && Objects.equals(severity, e.severity)
                && Objects.equals(httpStatus, e.httpStatus)
                && Objects.equals(operation, e.operation)
                && Objects.equals(fingerprint, e.fingerprint)
                && Objects.equals(userId, e.userId)
                && Objects.equals(groupId, e.groupId)
                && Objects.equals(groupedBy, e.groupedBy)
                && Objects.equals(template, e.template);
    }

    @Override
    public int hashCode() {
        return Objects.hash(errorType, message, operation);
    }
}
