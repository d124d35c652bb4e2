package io.tessera.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Reading failures for messages that reach clients and SHOW output: the text of what went wrong,
 * never a Java class name. Stateless.
 */
public final class Failures {
    private Failures() {
    }

    /**
     * The innermost cause's message: what an operator needs to see. A cause without a message is
     * described in words ({@code timed out}, {@code interrupted}), not by its class name.
     */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message != null && !message.isBlank()) {
            return message;
        }
        if (root instanceof TimeoutException) {
            return "timed out";
        }
        if (root instanceof InterruptedException) {
            return "interrupted";
        }
        if (root instanceof CancellationException) {
            return "cancelled";
        }
        return "failed without an error message";
    }

    /**
     * The failure a future's wrappers ({@link CompletionException}, {@link ExecutionException})
     * carry: what the work itself threw, so callers can tell its kind.
     */
    public static Throwable unwrapFuture(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
