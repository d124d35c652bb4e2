package io.tessera.be.storage;

import io.tessera.common.TesseraException;
import io.tessera.proto.backend.StatusCode;
import java.util.Objects;

/**
 * An expected error whose kind the FE must be able to act on without reading its text: a replica
 * that is not here, one that exists with other ids, a state that forbids the call, damaged files.
 * It travels to the FE as {@code Status.code}. A plain {@link TesseraException} raised by the
 * backend is sent as {@link StatusCode#INVALID_REQUEST}. Immutable.
 */
public final class BackendFailure extends TesseraException {
    private static final long serialVersionUID = 1L;

    private final StatusCode statusCode;

    public BackendFailure(StatusCode statusCode, String message) {
        super(message);
        this.statusCode = Objects.requireNonNull(statusCode, "statusCode is null");
    }

    public StatusCode statusCode() {
        return statusCode;
    }
}
