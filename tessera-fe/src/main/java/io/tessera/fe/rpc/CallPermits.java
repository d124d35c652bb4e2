package io.tessera.fe.rpc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Bounds FE→BE calls in flight: at most {@link CallLimits#perBackend} to one backend and
 * {@link CallLimits#total} in all. A call past a limit waits in a queue (per backend, first come
 * first served, backends taking turns) and is started by whoever returns a permit; no thread
 * blocks for a permit. A waiting call whose result is already complete (the caller gave up on it)
 * is dropped without being started.
 *
 * <p>Threading: thread-safe. Calls start on the thread that submits them or on the thread that
 * returns a permit (a gRPC callback thread); one thread at a time starts queued calls, in a loop,
 * so calls that fail at once never recurse.
 */
public final class CallPermits {
    private final CallLimits limits;
    /** Waiting calls per backend, in turn order; guarded by this. */
    private final Map<Long, Deque<Waiting>> waiting = new LinkedHashMap<>();
    /** Calls in flight per backend; guarded by this. */
    private final Map<Long, Integer> inFlightByBackend = new HashMap<>();
    private int inFlight;
    private int waitingCount;
    private boolean draining;

    /** One call waiting for its permits. */
    private record Waiting(long backendId, CompletableFuture<?> result, Supplier<? extends CompletionStage<?>> start) {
    }

    public CallPermits(CallLimits limits) {
        this.limits = limits;
    }

    /**
     * Starts a call once it may: {@code start} sends it and returns a stage that completes (in any
     * way) when the call has ended, which returns its permits. If {@code result} is complete by
     * the time the call's turn comes, it is not started. A {@code start} that throws fails
     * {@code result} with that exception.
     */
    public void submit(long backendId, CompletableFuture<?> result, Supplier<? extends CompletionStage<?>> start) {
        synchronized (this) {
            waiting.computeIfAbsent(backendId, id -> new ArrayDeque<>()).addLast(new Waiting(backendId, result, start));
            waitingCount++;
        }
        drain();
    }

    /** Calls in flight to all backends. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Calls in flight to one backend. */
    public synchronized int inFlight(long backendId) {
        return inFlightByBackend.getOrDefault(backendId, 0);
    }

    /** Calls waiting for a permit. */
    public synchronized int waiting() {
        return waitingCount;
    }

    private void drain() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            Waiting next;
            synchronized (this) {
                next = takeNext();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            start(next);
        }
    }

    private void start(Waiting call) {
        CompletionStage<?> ended;
        try {
            ended = call.start().get();
        } catch (RuntimeException e) {
            call.result().completeExceptionally(e);
            release(call.backendId());
            return;
        }
        ended.whenComplete((value, failure) -> release(call.backendId()));
    }

    private void release(long backendId) {
        synchronized (this) {
            inFlight--;
            inFlightByBackend.computeIfPresent(backendId, (id, count) -> count == 1 ? null : count - 1);
        }
        drain();
    }

    /** The next call that may start, with its permits taken; null when none may. Guarded by this. */
    private Waiting takeNext() {
        Iterator<Map.Entry<Long, Deque<Waiting>>> backends = waiting.entrySet().iterator();
        while (backends.hasNext() && inFlight < limits.total()) {
            Map.Entry<Long, Deque<Waiting>> entry = backends.next();
            Deque<Waiting> queue = entry.getValue();
            dropAbandoned(queue);
            if (queue.isEmpty()) {
                backends.remove();
                continue;
            }
            if (inFlightByBackend.getOrDefault(entry.getKey(), 0) >= limits.perBackend()) {
                continue;
            }
            Waiting call = queue.pollFirst();
            waitingCount--;
            backends.remove();
            if (!queue.isEmpty()) {
                waiting.put(entry.getKey(), queue); // to the back: backends take turns
            }
            inFlight++;
            inFlightByBackend.merge(entry.getKey(), 1, Integer::sum);
            return call;
        }
        return null;
    }

    private void dropAbandoned(Deque<Waiting> queue) {
        while (!queue.isEmpty() && queue.peekFirst().result().isDone()) {
            queue.pollFirst();
            waitingCount--;
        }
    }
}
