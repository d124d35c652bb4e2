package io.tessera.fe.rpc;

/**
 * Why a call to a backend failed, as the FE acts on it: the backend's own
 * {@code backend.proto StatusCode}, or what the transport saw.
 */
public enum BackendError {
    /** A fault on the backend, or an answer the FE cannot read. */
    INTERNAL,
    /** The backend cannot serve the request as asked. */
    INVALID_REQUEST,
    /** The tablet or replica is not on the backend. */
    NOT_FOUND,
    /** The tablet is on the backend with other ids or another schema. */
    ALREADY_EXISTS,
    /** The replica's state forbids the call now (pending loads, a version gap). */
    CONFLICT,
    /** The replica's files are damaged. */
    CORRUPTED,
    /** The backend is out of memory or overloaded; worth trying later. */
    RESOURCE_EXHAUSTED,
    /** The backend is shutting down. */
    SHUTTING_DOWN,
    /** The backend cannot be reached: not running, not yet reporting its port, or the connection failed. */
    UNREACHABLE,
    /** The call's deadline passed before it ended. */
    TIMEOUT,
    /** The call was cancelled. */
    CANCELLED
}
