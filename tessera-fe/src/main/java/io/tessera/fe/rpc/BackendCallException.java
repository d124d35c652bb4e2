package io.tessera.fe.rpc;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;

/**
 * A failed call to a backend, with its kind ({@link BackendError}) for callers to act on, and the
 * message a client sees (the backend's text, or the transport's). Clients see Doris's catch-all
 * code 1105, as for every DDL or load failure; the error code's category says what kind of failure
 * it was (an unreachable or overloaded backend is UNAVAILABLE, a replica's state a CONFLICT, a fault
 * or damaged files INTERNAL). Immutable.
 */
public final class BackendCallException extends TesseraException {
    private static final long serialVersionUID = 1L;

    private final BackendError error;
    private final long backendId;

    public BackendCallException(BackendError error, long backendId, String message, Throwable cause) {
        super(codeOf(error), message);
        this.error = error;
        this.backendId = backendId;
        if (cause != null) {
            initCause(cause);
        }
    }

    public BackendError error() {
        return error;
    }

    public long backendId() {
        return backendId;
    }

    /** The client-facing code of a backend failure of this kind. */
    static ErrorCode codeOf(BackendError error) {
        return switch (error) {
            case UNREACHABLE, TIMEOUT, CANCELLED, SHUTTING_DOWN, RESOURCE_EXHAUSTED -> ErrorCode.UNAVAILABLE;
            case CONFLICT, ALREADY_EXISTS -> ErrorCode.CONFLICT;
            case NOT_FOUND -> ErrorCode.UNKNOWN_OBJECT;
            case INVALID_REQUEST -> ErrorCode.BAD_STATEMENT;
            case INTERNAL, CORRUPTED -> ErrorCode.INTERNAL_ERROR;
        };
    }
}
