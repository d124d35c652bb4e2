package io.tessera.fe.session;

import java.util.HexFormat;
import java.util.Random;

/**
 * Makes query ids in Doris's shape, two 64-bit halves in hex joined by a dash
 * ({@code c84e397193a54fe7-bbe9bc219318b75e}), from the FE's injected random source.
 *
 * <p>Threading: thread-safe ({@link Random} is).
 */
public final class QueryIds {
    private static final HexFormat HEX = HexFormat.of();

    private final Random random;

    public QueryIds(Random random) {
        this.random = random;
    }

    public String next() {
        // Not String.format: every statement takes an id, and the formatter's parsing showed in the
        // profile of SELECT 1 at 16 connections. HexFormat writes each half as 16 zero-padded digits.
        return HEX.toHexDigits(random.nextLong()) + '-' + HEX.toHexDigits(random.nextLong());
    }
}
