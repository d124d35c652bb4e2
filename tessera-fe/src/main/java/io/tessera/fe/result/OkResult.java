package io.tessera.fe.result;

import java.util.Objects;

/**
 * An OK packet.
 *
 * @param affectedRows rows changed, as in {@code Query OK, N rows affected}
 * @param info         human-readable text after the counts, or "" for none
 * @param warnings     warning count
 */
public record OkResult(long affectedRows, String info, int warnings) implements QueryResult {
    public static final OkResult EMPTY = new OkResult(0, "", 0);

    public OkResult {
        Objects.requireNonNull(info, "info is null");
    }
}
