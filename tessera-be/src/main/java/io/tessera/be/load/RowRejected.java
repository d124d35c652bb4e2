package io.tessera.be.load;

/**
 * A row that a load filters, with the reason the error log shows. Cheap: no stack trace, since bad
 * rows are expected input, not faults. Immutable.
 */
public final class RowRejected extends Exception {
    private static final long serialVersionUID = 1L;

    public RowRejected(String reason) {
        super(reason, null, false, false);
    }
}
