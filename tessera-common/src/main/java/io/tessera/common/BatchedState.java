package io.tessera.common;

/**
 * A value readers on any thread see through a volatile field, changed by one writer that may group
 * its changes in a batch: between {@link #begin} and {@link #publish}, changes go to a working copy
 * readers do not see, so a batch becomes visible at once or, after {@link #discard}, not at all.
 * The FE's hard state (catalog, backend registry, global variables) keeps its immutable snapshots
 * here so that one journal batch, one statement's records, is never seen half applied.
 *
 * <p>Threading: {@link #published} on any thread; everything else only on the one writer thread.
 *
 * @param <T> an immutable value
 */
public final class BatchedState<T> {
    private volatile T published;
    private T working;
    private boolean open;

    public BatchedState(T initial) {
        this.published = initial;
    }

    /** What readers see: the value as of the last published change. */
    public T published() {
        return published;
    }

    /** What the writer builds on: the batch's working copy while one is open. */
    public T current() {
        return open ? working : published;
    }

    /** Replaces the value: in the working copy while a batch is open, else for readers at once. */
    public void set(T next) {
        if (open) {
            working = next;
        } else {
            published = next;
        }
    }

    /** Opens a batch: the changes that follow stay unseen until {@link #publish}. */
    public void begin() {
        working = published;
        open = true;
    }

    /** Makes every change since {@link #begin} visible at once. */
    public void publish() {
        published = working;
        discard();
    }

    /** Drops every change since {@link #begin}. */
    public void discard() {
        working = null;
        open = false;
    }
}
