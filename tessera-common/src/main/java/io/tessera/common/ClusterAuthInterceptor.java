package io.tessera.common;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, before any handler runs, every call that does not carry this node's cluster credentials:
 * such a call is closed with {@code UNAUTHENTICATED} and reaches no service, so it changes nothing.
 * The one exception is the binding heartbeat: while a backend has no stored identity
 * ({@code expected} is empty), the methods in {@code bindingMethods} pass, so its FE can bind it
 * (as a Doris BE accepts the first heartbeat's cluster id and token); every other call is refused
 * until then. Refusals name what was wrong (missing credentials, wrong cluster id, wrong token),
 * never the expected values nor the ones received.
 *
 * <p>Threading: thread-safe; {@code expected} is read once per call.
 */
public final class ClusterAuthInterceptor implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterAuthInterceptor.class);
    /** Doris's texts for a heartbeat from another cluster or with another token, without the values. */
    public static final String INVALID_CLUSTER_ID = "invalid cluster id. ignore.";
    public static final String INVALID_TOKEN = "invalid token";
    public static final String MISSING_CREDENTIALS = "the call carries no cluster credentials";
    private static final long LOGGED_FIRST = 10;
    private static final long LOGGED_EVERY = 1_000;
    public static final String NOT_BOUND = "this backend is not bound to a cluster yet";

    private final Supplier<Optional<ClusterCredentials>> expected;
    private final Set<String> bindingMethods;
    private final UnaryOperator<String> refusalText;
    /** Refusals so far; only the first few and then every thousandth are logged, so a flood cannot fill the log. */
    private final AtomicLong refusals = new AtomicLong();

    /**
     * @param expected       this node's credentials; empty while a backend is unbound
     * @param bindingMethods full method names that pass while {@code expected} is empty
     * @param refusalText    turns a refusal reason into the status description (a BE prefixes its host)
     */
    public ClusterAuthInterceptor(Supplier<Optional<ClusterCredentials>> expected, Set<String> bindingMethods,
                                  UnaryOperator<String> refusalText) {
        this.expected = expected;
        this.bindingMethods = Set.copyOf(bindingMethods);
        this.refusalText = refusalText;
    }

    /** An interceptor with no binding exception and plain refusal texts: an FE's listener. */
    public static ClusterAuthInterceptor requiring(ClusterCredentials credentials) {
        Optional<ClusterCredentials> fixed = Optional.of(credentials);
        return new ClusterAuthInterceptor(() -> fixed, Set.of(), UnaryOperator.identity());
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        Optional<ClusterCredentials> cluster = expected.get();
        if (cluster.isEmpty()) {
            if (bindingMethods.contains(method)) {
                return next.startCall(call, headers);
            }
            return refuse(call, method, NOT_BOUND);
        }
        return switch (cluster.get().check(headers)) {
            case ACCEPTED -> next.startCall(call, headers);
            case MISSING -> refuse(call, method, MISSING_CREDENTIALS);
            case WRONG_CLUSTER -> refuse(call, method, INVALID_CLUSTER_ID);
            case WRONG_TOKEN -> refuse(call, method, INVALID_TOKEN);
        };
    }

    private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String method, String reason) {
        long count = refusals.incrementAndGet();
        if (count <= LOGGED_FIRST || count % LOGGED_EVERY == 0) {
            LOG.warn("refused {} from {} ({} refused calls so far): {}", method,
                    call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), count, reason);
        }
        call.close(Status.UNAUTHENTICATED.withDescription(refusalText.apply(reason)), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
