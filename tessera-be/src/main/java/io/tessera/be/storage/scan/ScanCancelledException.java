package io.tessera.be.storage.scan;

/** Ends a scan whose receiver went away or cancelled; caught by {@link TabletScanner}, never seen by callers. */
final class ScanCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScanCancelledException() {
        super("the scan's receiver is gone", null, false, false);
    }
}
