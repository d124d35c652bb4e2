package io.tessera.fe.rpc;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;

/**
 * A failed call to a backend, with its kind ({@link BackendError}) for callers to act on, and the
 * message a client sees (the backend's text, or the transport's). Clients see Doris's catch-all
 * code 1105, as for every DDL or load failure. Immutable.
 */
public final class BackendCallException extends TesseraException {
    private static final long serialVersionUID = 1L;

    private final BackendError error;
    private final long backendId;

    public BackendCallException(BackendError error, long backendId, String message, Throwable cause) {
        super(ErrorCode.INTERNAL_ERROR, message);
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
}
