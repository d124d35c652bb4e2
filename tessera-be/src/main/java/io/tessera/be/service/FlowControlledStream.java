package io.tessera.be.service;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A server stream that a worker thread writes to at the pace the client reads: {@link #send} waits
 * while gRPC's outbound buffer is full and gives up when the client cancels, so a large scan never
 * piles its whole result up in memory. The handlers are installed in the constructor, which must
 * run inside the service method (gRPC's rule for on-ready handlers).
 *
 * <p>Threading: one worker thread sends and completes; gRPC threads signal readiness and
 * cancellation.
 */
final class FlowControlledStream<T> {
    private final ServerCallStreamObserver<T> call;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean cancelled;

    FlowControlledStream(ServerCallStreamObserver<T> call) {
        this.call = call;
        call.setOnReadyHandler(this::signal);
        call.setOnCancelHandler(() -> {
            cancelled = true;
            signal();
        });
    }

    /** Whether the client cancelled the call (or went away): the worker should stop. */
    boolean isCancelled() {
        return cancelled;
    }

    /** Sends one message once the client has room; false when the client is gone. */
    boolean send(T message) {
        lock.lock();
        try {
            while (!call.isReady() && !cancelled) {
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
        if (cancelled) {
            return false;
        }
        call.onNext(message);
        return true;
    }

    /** Sends a last message (unless the client is gone) and completes the stream. */
    void finish(T last) {
        if (!cancelled) {
            call.onNext(last);
            call.onCompleted();
        }
    }

    void complete() {
        if (!cancelled) {
            call.onCompleted();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
