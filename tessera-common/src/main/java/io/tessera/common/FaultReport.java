package io.tessera.common;

import java.util.Objects;

/**
 * What a client is told about a fault of ours (a bug, a broken invariant, an unexpected Java
 * exception): what failed and which log has the details, never the exception's class, message or
 * stack. The log line with the stack trace is the caller's job.
 *
 * <p>Threading: immutable.
 *
 * @param log how the node's log is named to the client, e.g. {@code FE log (fe.log)}
 */
public record FaultReport(String log) {
    /** Faults of the frontend, whose log is {@code log/fe.log}. */
    public static final FaultReport FRONTEND = new FaultReport("FE log (fe.log)");
    /** Faults of a backend, whose log is {@code log/be<N>.log}. */
    public static final FaultReport BACKEND = new FaultReport("BE log");

    public FaultReport {
        Objects.requireNonNull(log, "log is null");
    }

    /** The client text for a fault while doing {@code activity} ("executing the statement"). */
    public String message(String activity) {
        return "Internal error while " + activity + "; see the " + log + " for details";
    }

    /** An {@link ErrorCode#INTERNAL_ERROR} carrying {@link #message} and, for the log only, the cause. */
    public TesseraException exception(String activity, Throwable cause) {
        return new TesseraException(ErrorCode.INTERNAL_ERROR, message(activity), cause);
    }
}
