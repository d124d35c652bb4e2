package io.tessera.fe.rpc;

/**
 * How many FE→BE calls may be in flight at once: to one backend, and to all together. Past these,
 * calls wait in the FE (see {@link CallPermits}), so a statement with thousands of tablets cannot
 * flood a backend or the FE with concurrent calls.
 */
public record CallLimits(int perBackend, int total) {
    /**
     * A backend runs its calls on 32 threads (GrpcServerLimits.DEFAULT); as many calls in flight
     * keep them busy without queueing work there.
     */
    public static final CallLimits DEFAULT = new CallLimits(32, 256);

    public CallLimits {
        if (perBackend < 1 || total < 1) {
            throw new IllegalArgumentException("call limits must be positive: " + perBackend + " per backend, "
                    + total + " in total");
        }
    }
}
