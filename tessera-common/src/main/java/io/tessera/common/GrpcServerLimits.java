package io.tessera.common;

/**
 * How much work one gRPC listener takes on at once: call handlers run on {@code threads} threads
 * (blocking work included, never on Netty's transport threads); the handler queue holds at most
 * {@code queueCapacity} tasks; one connection may have {@code maxCallsPerConnection} calls open
 * (HTTP/2 flow control: the client holds further calls back); and beyond {@code maxCallsInFlight}
 * open calls in all, a new call is answered at once with RESOURCE_EXHAUSTED instead of waiting.
 */
public record GrpcServerLimits(int threads, int queueCapacity, int maxCallsPerConnection, int maxCallsInFlight) {
    /**
     * What a node's listeners use unless told otherwise. The call limits are generous on purpose: a
     * Stream Load keeps one WriteRows stream open per replica it writes until its end, so a load
     * into a table of many tablets needs that many open calls on one connection at once; what
     * must not grow, the threads, is fixed.
     */
    public static final GrpcServerLimits DEFAULT = new GrpcServerLimits(32, 16_384, 16_384, 16_384);

    public GrpcServerLimits {
        if (threads < 1 || queueCapacity < 1 || maxCallsPerConnection < 1 || maxCallsInFlight < 1) {
            throw new IllegalArgumentException("gRPC server limits must be positive: " + threads + " threads, queue "
                    + queueCapacity + ", " + maxCallsPerConnection + " calls per connection, " + maxCallsInFlight
                    + " calls in flight");
        }
    }

    public GrpcServerLimits withThreads(int newThreads) {
        return new GrpcServerLimits(newThreads, queueCapacity, maxCallsPerConnection, maxCallsInFlight);
    }
}
