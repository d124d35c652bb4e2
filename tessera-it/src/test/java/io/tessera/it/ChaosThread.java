package io.tessera.it;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The thread that kills and restarts nodes during a chaos test. Declared in the test's
 * try-with-resources after the cluster, so that it is stopped (interrupted, and waited for) before
 * the cluster is closed: a restart in flight must not start a node after the cluster was taken down.
 *
 * <p>Threading: started and closed by the test's thread.
 */
final class ChaosThread implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "chaos");
        t.setDaemon(true);
        return t;
    });

    CompletableFuture<Void> start(Runnable chaos) {
        return CompletableFuture.runAsync(chaos, thread);
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        if (!thread.awaitTermination(150, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the chaos thread did not stop within 150 s");
        }
    }

    /**
     * Waits a random, seeded delay chosen by a chaos test so that a kill lands inside a statement
     * or load: chaos input, never synchronization.
     */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
