package io.tessera.fe.sql.ast;

import java.util.List;

/**
 * {@code ALTER SYSTEM DROP BACKEND ...} ({@code force} false) or {@code ALTER SYSTEM DROPP BACKEND ...}
 * ({@code force} true).
 */
public record DropBackendStatement(List<String> identifiers, boolean force) implements Statement {
    public DropBackendStatement {
        identifiers = List.copyOf(identifiers);
    }
}
