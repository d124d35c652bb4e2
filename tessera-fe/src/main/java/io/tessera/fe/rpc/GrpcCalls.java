package io.tessera.fe.rpc;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/** Bridges gRPC's async stubs to futures. Stateless. */
public final class GrpcCalls {
    private GrpcCalls() {
    }

    /** An observer that completes the future with the single response (or the error). */
    public static <T> StreamObserver<T> completing(CompletableFuture<T> future) {
        return new StreamObserver<>() {
            private T last;

            @Override
            public void onNext(T value) {
                last = value;
            }

            @Override
            public void onError(Throwable error) {
                future.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
                future.complete(last);
            }
        };
    }
}
