package io.tessera.be.service;

import io.tessera.be.storage.BackendFailure;
import io.tessera.common.TesseraException;
import io.tessera.proto.backend.Status;
import io.tessera.proto.backend.StatusCode;
import org.apache.arrow.memory.OutOfMemoryException;
import org.slf4j.Logger;

/**
 * Turns what went wrong in a call into a {@code Status}: its code says what kind of failure it is
 * ({@link BackendFailure} carries its own; any other expected error, {@link TesseraException}, is
 * an invalid request; running out of Arrow memory is resource exhaustion; anything else is a fault,
 * logged here with the call's context) and its message keeps the text the FE shows.
 * Stateless.
 */
final class Failures {
    private Failures() {
    }

    static Status ok() {
        return Status.getDefaultInstance();
    }

    static Status status(StatusCode code, String message) {
        return Status.newBuilder().setCode(code).setErrorMessage(message).build();
    }

    /**
     * @param context what the call was doing, e.g. {@code "WriteRows of transaction 7 to tablet 10010"}
     */
    static Status status(Throwable failure, String context, Logger log) {
        return status(code(failure), describe(failure, context, log));
    }

    /** The kind of failure, as the FE sees it. */
    static StatusCode code(Throwable failure) {
        if (failure instanceof BackendFailure coded) {
            return coded.statusCode();
        }
        if (failure instanceof TesseraException) {
            return StatusCode.INVALID_REQUEST;
        }
        if (failure instanceof OutOfMemoryException) {
            return StatusCode.RESOURCE_EXHAUSTED;
        }
        return StatusCode.INTERNAL;
    }

    /**
     * @param context what the call was doing, e.g. {@code "WriteRows of transaction 7 to tablet 10010"}
     */
    static String describe(Throwable failure, String context, Logger log) {
        if (failure instanceof TesseraException expected) {
            return expected.getMessage();
        }
        if (failure instanceof OutOfMemoryException) {
            log.warn("{}: out of Arrow memory: {}", context, failure.toString());
            return context + ": the backend is out of Arrow memory (arrow_memory_limit_bytes): "
                    + failure.getMessage();
        }
        log.error("{} failed", context, failure);
        return context + " failed on the backend: " + failure;
    }
}
