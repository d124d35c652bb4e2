package io.tessera.fe.journal;

import io.tessera.fe.meta.MetadataImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import io.tessera.common.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes metadata snapshots on a thread of its own, so the journal's apply thread only captures
 * an immutable {@link MetadataImage} (O(1)) and goes on applying while a large catalog is
 * serialized and fsynced. After a snapshot is durable it keeps the newest {@link #RETAINED} files
 * and asks for the Raft log to be purged up to the oldest one kept, so that if the newest file is
 * ever found damaged, the previous one and the log after it still recover everything.
 *
 * <p>Threading: {@link #maybeStart} on the apply thread; at most one write runs at a time, on
 * the {@code metadata-snapshot} thread, which also calls the two callbacks.
 */
final class SnapshotWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);

    private final Clock clock;
    static final int RETAINED = 2;
    private static final long CLOSE_WAIT_SECONDS = 60;

    private final SnapshotStore store;
    private final Consumer<SnapshotStore.SnapshotFile> onDurable;
    private final LongConsumer purgeLogUpTo;
    private final ExecutorService thread;
    private final AtomicBoolean busy = new AtomicBoolean();

    /**
     * @param onDurable    told of each snapshot once it is durable
     * @param purgeLogUpTo told the index up to which the Raft log is no longer needed
     */
    SnapshotWriter(SnapshotStore store, Consumer<SnapshotStore.SnapshotFile> onDurable, LongConsumer purgeLogUpTo,
                   Clock clock) {
        this.clock = clock;
        this.store = store;
        this.onDurable = onDurable;
        this.purgeLogUpTo = purgeLogUpTo;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "metadata-snapshot");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts writing {@code image} unless a write is still running; true when it started. */
    boolean maybeStart(long term, long index, MetadataImage image) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        thread.execute(() -> {
            try {
                write(term, index, image);
            } catch (IOException | RuntimeException e) {
                LOG.error("writing the metadata snapshot at index {} failed; the journal keeps its log", index, e);
            } finally {
                busy.set(false);
            }
        });
        return true;
    }

    private void write(long term, long index, MetadataImage image) throws IOException {
        long startNs = clock.monotonicNanos();
        SnapshotStore.SnapshotFile file = store.write(term, index, image);
        try {
            store.verify(file);
        } catch (IOException e) {
            Files.deleteIfExists(file.path());
            throw new IOException("metadata snapshot " + file.path().getFileName() + " did not read back ("
                    + e.getMessage() + "); deleted", e);
        }
        LOG.info("metadata snapshot {} written and read back in {} ms ({} bytes)", file.path().getFileName(),
                (clock.monotonicNanos() - startNs) / 1_000_000, Files.size(file.path()));
        onDurable.accept(file);
        List<SnapshotStore.SnapshotFile> kept = store.retainNewest(RETAINED);
        if (kept.size() == RETAINED) {
            purgeLogUpTo.accept(kept.get(RETAINED - 1).index());
        }
    }

    /** Lets a running write finish, so a clean stop leaves no half-written file. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("the metadata snapshot did not finish within {} s; its temporary file is removed at the "
                        + "next start", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
