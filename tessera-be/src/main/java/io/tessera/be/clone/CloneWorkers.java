package io.tessera.be.clone;

import io.tessera.be.storage.BackendFailure;
import io.tessera.common.BoundedExecutors;
import io.tessera.proto.backend.CloneTabletRequest;
import io.tessera.proto.backend.StatusCode;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs this backend's clones (it is their destination) on a bounded pool, so that a CloneTablet
 * call never holds a gRPC thread: at most {@code threads} clones copy at once, at most
 * {@code queueCapacity} wait, and a clone beyond that, or a second clone of a tablet already being
 * cloned, is refused at once (RESOURCE_EXHAUSTED, CONFLICT) for the FE's scheduler to retry.
 *
 * <p>Threading: thread-safe. Clones run on the {@code clone-<n>} threads; futures complete there.
 */
public final class CloneWorkers implements AutoCloseable {
    private final TabletCloner cloner;
    private final ThreadPoolExecutor pool;
    private final Set<Long> tabletsInFlight = ConcurrentHashMap.newKeySet();

    public CloneWorkers(TabletCloner cloner, int threads, int queueCapacity) {
        this.cloner = cloner;
        this.pool = BoundedExecutors.fixed("clone", threads, queueCapacity);
    }

    /** Starts the clone; the future completes with what was installed, or the failure. */
    public CompletableFuture<CloneResult> submit(CloneTabletRequest request) {
        CompletableFuture<CloneResult> result = new CompletableFuture<>();
        long tabletId = request.getTabletId();
        if (!tabletsInFlight.add(tabletId)) {
            result.completeExceptionally(new BackendFailure(StatusCode.CONFLICT, "tablet " + tabletId
                    + " is already being cloned here"));
            return result;
        }
        try {
            pool.execute(() -> {
                try {
                    result.complete(cloner.clone(request));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                } finally {
                    tabletsInFlight.remove(tabletId);
                }
            });
        } catch (RejectedExecutionException e) {
            tabletsInFlight.remove(tabletId);
            result.completeExceptionally(new BackendFailure(pool.isShutdown() ? StatusCode.SHUTTING_DOWN
                    : StatusCode.RESOURCE_EXHAUSTED, "clone of tablet " + tabletId + " refused: "
                    + (pool.isShutdown() ? "the backend is shutting down" : "too many clones running here")));
        }
        return result;
    }

    /** Stops taking clones and interrupts running ones (their staging folders are removed at the next start). */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
