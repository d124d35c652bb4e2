package io.tessera.fe.rpc;

import io.grpc.Status;
import io.tessera.common.Failures;
import io.tessera.common.TesseraException;
import io.tessera.proto.backend.StatusCode;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Error translation for FE→BE calls, in one place: a backend's answer status ({@code code} and
 * message) and a transport failure (gRPC status) both become a {@link BackendCallException} whose
 * {@link BackendError} callers act on; nobody reads message text to decide. Messages keep the text
 * clients saw before: the backend's message, or the innermost cause's message of a transport
 * failure. Stateless.
 */
public final class BackendErrors {
    private BackendErrors() {
    }

    /** The failure an answer's status reports, if any. */
    public static Optional<BackendCallException> of(long backendId, io.tessera.proto.backend.Status status) {
        if (status.getCode() == StatusCode.OK && status.getErrorMessage().isEmpty()) {
            return Optional.empty();
        }
        String message = status.getErrorMessage().isEmpty() ? "backend " + backendId + " reported " + status.getCode()
                : status.getErrorMessage();
        return Optional.of(new BackendCallException(kind(status.getCode()), backendId, message, null));
    }

    /** A failure of a call (transport, deadline, or anything thrown while sending) as a backend call failure. */
    public static BackendCallException of(long backendId, Throwable failure) {
        Throwable cause = Failures.unwrapFuture(failure);
        if (cause instanceof BackendCallException known) {
            return known;
        }
        if (cause instanceof CancellationException) {
            return new BackendCallException(BackendError.CANCELLED, backendId, "the call was cancelled", cause);
        }
        if (cause instanceof TesseraException notReachable) {
            // DataChannels: the backend does not exist or has not reported its port.
            return new BackendCallException(BackendError.UNREACHABLE, backendId, notReachable.getMessage(), cause);
        }
        Status status = Status.fromThrowable(cause);
        return new BackendCallException(kind(status.getCode()), backendId, Failures.rootMessage(cause), cause);
    }

    /** A failure for a call whose deadline passed before it could be sent. */
    static BackendCallException deadlinePassed(long backendId, String what) {
        return new BackendCallException(BackendError.TIMEOUT, backendId, what + " to backend " + backendId
                + " was not sent: its deadline passed while it waited for its turn", null);
    }

    static BackendError kind(StatusCode code) {
        return switch (code) {
            case INVALID_REQUEST -> BackendError.INVALID_REQUEST;
            case NOT_FOUND -> BackendError.NOT_FOUND;
            case ALREADY_EXISTS -> BackendError.ALREADY_EXISTS;
            case CONFLICT -> BackendError.CONFLICT;
            case CORRUPTED -> BackendError.CORRUPTED;
            case RESOURCE_EXHAUSTED -> BackendError.RESOURCE_EXHAUSTED;
            case SHUTTING_DOWN -> BackendError.SHUTTING_DOWN;
            // OK with a message: a backend older than Status.code failed.
            case OK, INTERNAL, UNRECOGNIZED -> BackendError.INTERNAL;
        };
    }

    static BackendError kind(Status.Code code) {
        return switch (code) {
            case UNAVAILABLE -> BackendError.UNREACHABLE;
            case DEADLINE_EXCEEDED -> BackendError.TIMEOUT;
            case CANCELLED -> BackendError.CANCELLED;
            case RESOURCE_EXHAUSTED -> BackendError.RESOURCE_EXHAUSTED;
            case NOT_FOUND -> BackendError.NOT_FOUND;
            case INVALID_ARGUMENT -> BackendError.INVALID_REQUEST;
            default -> BackendError.INTERNAL;
        };
    }

}
