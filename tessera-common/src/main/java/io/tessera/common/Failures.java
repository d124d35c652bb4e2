package io.tessera.common;

/** Reading failures for messages. Stateless. */
public final class Failures {
    private Failures() {
    }

    /** The innermost cause's message (its text when it has no message): what an operator needs to see. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
