package io.tessera.fe.session;

import java.util.Random;

/**
 * Makes query ids in Doris's shape, two 64-bit halves in hex joined by a dash
 * ({@code c84e397193a54fe7-bbe9bc219318b75e}), from the FE's injected random source.
 *
 * <p>Threading: thread-safe ({@link Random} is).
 */
public final class QueryIds {
    private final Random random;

    public QueryIds(Random random) {
        this.random = random;
    }

    public String next() {
        return String.format("%016x-%016x", random.nextLong(), random.nextLong());
    }
}
