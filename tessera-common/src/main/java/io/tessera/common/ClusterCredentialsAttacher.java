package io.tessera.common;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Puts this node's cluster credentials on every call of a channel, read when the call starts: an FE
 * always has them; a backend has them once its binding heartbeat stored them (before that its calls
 * go out bare, and the listeners they reach refuse them).
 *
 * <p>Threading: thread-safe; {@code credentials} is read once per call.
 */
public final class ClusterCredentialsAttacher implements ClientInterceptor {
    private final Supplier<Optional<ClusterCredentials>> credentials;

    public ClusterCredentialsAttacher(Supplier<Optional<ClusterCredentials>> credentials) {
        this.credentials = credentials;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> responseListener, Metadata headers) {
                credentials.get().ifPresent(cluster -> cluster.attachTo(headers));
                super.start(responseListener, headers);
            }
        };
    }
}
