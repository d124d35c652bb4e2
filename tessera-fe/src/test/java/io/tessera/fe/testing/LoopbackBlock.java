package io.tessera.fe.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loopback addresses of one {@link InProcessCluster}: {@code 127.3.<block>.<host>}, a prefix
 * no other test uses (end-to-end tests sit on 127.0.x, a few unit tests on 127.1.x). Each cluster
 * of a JVM gets its own block, so its nodes are told apart in logs and never meet another
 * cluster's. gRPC listeners are only names on these hosts ({@link InProcessGrpcTransport}); the
 * MySQL and HTTP ports are real sockets on them, with ephemeral ports, so clusters of two JVMs on
 * the same block do not collide either. BEs need distinct hosts because replicas of a tablet go to
 * distinct hosts.
 *
 * <p>Threading: immutable; {@link #next} is thread-safe.
 */
record LoopbackBlock(int block) {
    /** The FE's host in the block; BEs take hosts 1 up. */
    static final int FRONTEND_HOST = 100;
    private static final int BLOCKS = 250;
    /** Per JVM, deliberately: it only spreads clusters of one test run over distinct blocks. */
    private static final AtomicInteger NEXT_BLOCK = new AtomicInteger();

    static LoopbackBlock next() {
        return new LoopbackBlock(1 + Math.floorMod(NEXT_BLOCK.getAndIncrement(), BLOCKS));
    }

    /** {@code 127.3.<block>.<host>}. */
    String host(int host) {
        if (host < 1 || host > 254) {
            throw new IllegalArgumentException("host " + host + " is not in 1..254");
        }
        return "127.3." + block + "." + host;
    }

    String frontendHost() {
        return host(FRONTEND_HOST);
    }

    /** The host of BE {@code index} (0-based): 127.3.block.(index + 1). */
    String backendHost(int index) {
        return host(index + 1);
    }
}
