package io.tessera.be.load;

/**
 * An error that fails a whole Stream Load (as opposed to a bad row, which is filtered): its message
 * is what the reply's {@code Message} shows. Immutable.
 */
public final class LoadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoadFailure(String message) {
        super(message);
    }

    public LoadFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
