package io.tessera.common;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Refuses a call at once with RESOURCE_EXHAUSTED when the listener already has its limit of calls
 * open, so an overload is answered fast instead of piling up work (and, with gRPC's default
 * executor, threads) on the node.
 *
 * <p>Threading: thread-safe (an atomic counter); runs on the server's call executor.
 */
final class CallsInFlightLimit implements ServerInterceptor {
    private final String name;
    private final int maxCalls;
    private final AtomicInteger open = new AtomicInteger();

    CallsInFlightLimit(String name, int maxCalls) {
        this.name = name;
        this.maxCalls = maxCalls;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (open.incrementAndGet() > maxCalls) {
            open.decrementAndGet();
            call.close(Status.RESOURCE_EXHAUSTED.withDescription(name + " is busy: " + maxCalls
                    + " calls are in flight; try again later"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
        ServerCall.Listener<Q> delegate;
        try {
            delegate = next.startCall(call, headers);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                } finally {
                    release.run();
                }
            }

            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    release.run();
                }
            }
        };
    }

    /** Calls open now. */
    int open() {
        return open.get();
    }
}
