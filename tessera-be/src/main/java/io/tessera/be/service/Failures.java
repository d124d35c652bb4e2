package io.tessera.be.service;

import io.tessera.common.TesseraException;
import io.tessera.proto.backend.Status;
import org.apache.arrow.memory.OutOfMemoryException;
import org.slf4j.Logger;

/**
 * Turns what went wrong in a call into the text of {@code Status.error_message}: an expected error
 * ({@link TesseraException}) keeps its message; running out of Arrow memory says which setting caps
 * it; anything else is a fault, logged here with the call's context and stack trace and answered
 * with that context and a pointer to the log, never the exception's class or text.
 * Stateless.
 */
final class Failures {
    private Failures() {
    }

    static Status ok() {
        return Status.getDefaultInstance();
    }

    static Status status(String message) {
        return Status.newBuilder().setErrorMessage(message).build();
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
        return context + " failed on the backend; see the BE log for details";
    }
}
