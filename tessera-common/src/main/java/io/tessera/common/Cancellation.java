package io.tessera.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks one piece of work (a running statement) to stop, from any thread, and lets the work notice:
 * it checks {@link #throwIfCancelled} between steps, registers what must be stopped with it
 * ({@link #onCancel}: the calls it has in flight), and waits only through {@link #sleep}, which
 * wakes at once when it is cancelled. The first {@link #cancel} wins and names the error the work
 * fails with; later ones change nothing.
 *
 * <p>Why here: the FE's statements run on a bounded pool and their backend calls are futures, so
 * stopping one means a flag, callbacks that cancel futures, and waking the one thread that may be
 * sleeping in it. Nothing else is interrupted: a thread is bound for interruption only while it is
 * inside {@link #sleep}, so a KILL never interrupts a thread waiting on the journal or a lock.
 *
 * <p>Threading: thread-safe. Listeners run once, on the cancelling thread (or on the registering
 * thread, when it registers after the cancel), and must not block.
 */
public final class Cancellation {
    private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);
    /** The longest {@link #sleep} waits before it looks at the flag again, even when nobody interrupts it. */
    static final Duration SLEEP_SLICE = Duration.ofMillis(100);

    private final Clock clock;
    private final Object lock = new Object();
    private TesseraException reason;
    private final List<Runnable> listeners = new ArrayList<>();
    private Thread sleeper;

    public Cancellation(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /**
     * Stops the work with this error, unless it was stopped already.
     *
     * @return true when this call cancelled it
     */
    public boolean cancel(TesseraException why) {
        Objects.requireNonNull(why, "why is null");
        List<Runnable> toRun;
        synchronized (lock) {
            if (reason != null) {
                return false;
            }
            reason = why;
            toRun = List.copyOf(listeners);
            listeners.clear();
            if (sleeper != null) {
                sleeper.interrupt();
            }
        }
        toRun.forEach(Cancellation::runQuietly);
        return true;
    }

    public boolean isCancelled() {
        synchronized (lock) {
            return reason != null;
        }
    }

    /** The error the work was cancelled with, or null. */
    public TesseraException reason() {
        synchronized (lock) {
            return reason;
        }
    }

    /** Throws the cancel's error (a fresh exception with its code and text) once the work is cancelled. */
    public void throwIfCancelled() {
        TesseraException why = reason();
        if (why != null) {
            throw new TesseraException(why.code(), why.getMessage());
        }
    }

    /** Runs {@code listener} when the work is cancelled: now, if it already is. */
    public void onCancel(Runnable listener) {
        Objects.requireNonNull(listener, "listener is null");
        synchronized (lock) {
            if (reason == null) {
                listeners.add(listener);
                return;
            }
        }
        runQuietly(listener);
    }

    /**
     * Waits for the duration on the clock, waking when cancelled (then throws the cancel's error).
     * A manual clock moves forward instead of waiting.
     */
    public void sleep(Duration duration) {
        long deadlineNanos = clock.monotonicNanos() + duration.toNanos();
        synchronized (lock) {
            if (sleeper != null) {
                throw new IllegalStateException("two threads sleep in one cancellation");
            }
            sleeper = Thread.currentThread();
        }
        try {
            while (true) {
                throwIfCancelled();
                long remainingNanos = deadlineNanos - clock.monotonicNanos();
                if (remainingNanos <= 0) {
                    return;
                }
                try {
                    clock.sleep(Duration.ofNanos(Math.min(remainingNanos, SLEEP_SLICE.toNanos())));
                } catch (InterruptedException e) {
                    if (!isCancelled()) {
                        // Not ours: the pool is stopping. Keep the flag for it.
                        Thread.currentThread().interrupt();
                        throw new TesseraException(ErrorCode.UNAVAILABLE, "the FE is shutting down");
                    }
                }
            }
        } finally {
            synchronized (lock) {
                sleeper = null;
                if (reason != null) {
                    // The cancel's interrupt was for this sleep only; it must not reach the thread's next work.
                    Thread.interrupted();
                }
            }
        }
    }

    private static void runQuietly(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.warn("a cancel listener failed", e);
        }
    }
}
