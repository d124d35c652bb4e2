package io.tessera.bench;

import java.nio.file.Path;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * What a benchmark started (clusters, a baseline server, temporary folders), stopped and removed
 * newest first when the benchmark ends or closes one early, and also when the JVM is stopped
 * (Ctrl-C, SIGTERM) before the benchmark's own code gets to it: a shutdown hook closes whatever is
 * still open, so no node or server outlives the benchmark.
 *
 * <p>Threading: the benchmark's thread adds and closes; the shutdown hook may close concurrently,
 * and each resource is closed at most once.
 */
public final class BenchCleanup implements AutoCloseable {
    private final Deque<AutoCloseable> open = new ConcurrentLinkedDeque<>();
    private final Thread hook;

    public BenchCleanup(String name) {
        this.hook = new Thread(this::closeAll, name + "-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Closes {@code resource} at the end (or on a stop of the JVM) unless {@link #closeNow} did. */
    public <T extends AutoCloseable> T add(T resource) {
        open.push(resource);
        return resource;
    }

    /** Removes the folder at the end. */
    public Path addFolder(Path folder) {
        add(() -> BenchFiles.deleteTree(folder));
        return folder;
    }

    /** Closes {@code resource} now, once. */
    public void closeNow(AutoCloseable resource) {
        if (open.removeFirstOccurrence(resource)) {
            closeQuietly(resource);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs (or ran) already.
        }
        closeAll();
    }

    private void closeAll() {
        AutoCloseable resource;
        while ((resource = open.poll()) != null) {
            closeQuietly(resource);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("cleanup: " + e);
        }
    }
}
