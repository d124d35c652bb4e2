package io.tessera.fe.rpc;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Executor;

/**
 * Observers that hand every callback to an executor, so a channel can run gRPC's own work
 * directly on its transport threads while the caller's observer still runs where it expects.
 *
 * <p>Why: a channel's executor runs more than the caller's callbacks. grpc-java also uses it to
 * start the calls that waited for a connection (its delayed transport). A heartbeat line whose
 * channel executor was the single heartbeat thread therefore could not start any call while that
 * thread was busy, and the first round after an FE start, which opens a channel to every backend
 * on that thread (seconds at 1,000 backends), sent almost none of its heartbeats before their
 * deadline. With a direct channel executor and these observers, calls start on the transport's
 * threads as soon as their connection is ready, and only the answers wait for the heartbeat thread.
 *
 * <p>Threading: callbacks arrive from gRPC in order, one at a time; each is handed to the executor
 * in that order, so a serial executor (the heartbeat thread) delivers them in that order too.
 * {@link ClientResponseObserver#beforeStart} is not handed over: gRPC calls it on the caller's own
 * thread before the call starts, which is where the caller expects it.
 */
final class HandedOverObservers {
    private HandedOverObservers() {
    }

    /** An observer that runs each of {@code target}'s callbacks on {@code executor}. */
    static <T> StreamObserver<T> of(StreamObserver<T> target, Executor executor) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                executor.execute(() -> target.onNext(value));
            }

            @Override
            public void onError(Throwable failure) {
                executor.execute(() -> target.onError(failure));
            }

            @Override
            public void onCompleted() {
                executor.execute(target::onCompleted);
            }
        };
    }

    /** As {@link #of(StreamObserver, Executor)}, for a call whose observer gets its handle first. */
    static <Q, R> ClientResponseObserver<Q, R> of(ClientResponseObserver<Q, R> target, Executor executor) {
        StreamObserver<R> handedOver = of((StreamObserver<R>) target, executor);
        return new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
                target.beforeStart(requestStream);
            }

            @Override
            public void onNext(R value) {
                handedOver.onNext(value);
            }

            @Override
            public void onError(Throwable failure) {
                handedOver.onError(failure);
            }

            @Override
            public void onCompleted() {
                handedOver.onCompleted();
            }
        };
    }
}
