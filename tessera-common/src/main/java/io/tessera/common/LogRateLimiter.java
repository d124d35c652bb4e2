package io.tessera.common;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rate-limits repeated log lines (a per-heartbeat or per-report failure repeats every few
 * seconds for as long as a peer is down): per key, at most one line per interval is written, and
 * the next line written says how many similar messages were suppressed in between. Time comes
 * from the injected clock's monotonic reading, so tests drive it with a manual clock. At most
 * {@code maxKeys} keys are remembered (the least recently used is forgotten), so hostile keys
 * cannot grow it. Thread-safe: one lock, held only for the bookkeeping, never while logging.
 */
public final class LogRateLimiter {
    private final Clock clock;
    private final long intervalNanos;
    private final Map<String, Window> windows;

    public LogRateLimiter(Clock clock, Duration interval, int maxKeys) {
        this.clock = clock;
        this.intervalNanos = interval.toNanos();
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** One line per minute per key, remembering up to 1024 keys. */
    public static LogRateLimiter perMinute(Clock clock) {
        return new LogRateLimiter(clock, Duration.ofMinutes(1), 1024);
    }

    /**
     * Writes {@code message} through {@code sink} unless a line with the same key was written
     * less than an interval ago; a written line that follows suppressed ones gets
     * {@code " (N similar messages suppressed)"} appended. Returns whether it was written.
     */
    public boolean log(String key, String message, Consumer<String> sink) {
        long suppressed;
        long now = clock.monotonicNanos();
        synchronized (windows) {
            Window window = windows.get(key);
            if (window != null && now - window.lastWrittenNanos < intervalNanos) {
                window.suppressed++;
                return false;
            }
            suppressed = window == null ? 0 : window.suppressed;
            windows.put(key, new Window(now));
        }
        sink.accept(suppressed == 0 ? message : message + " (" + suppressed + " similar messages suppressed)");
        return true;
    }

    private static final class Window {
        private final long lastWrittenNanos;
        private long suppressed;

        private Window(long lastWrittenNanos) {
            this.lastWrittenNanos = lastWrittenNanos;
        }
    }
}
