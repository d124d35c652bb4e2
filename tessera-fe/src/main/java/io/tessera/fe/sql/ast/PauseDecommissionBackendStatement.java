package io.tessera.fe.sql.ast;

import java.util.List;

/** {@code ALTER SYSTEM PAUSE DECOMMISSION BACKEND "h:p" | "id" [, ...]} (Tessera's, not Doris's). */
public record PauseDecommissionBackendStatement(List<String> identifiers) implements Statement {
    public PauseDecommissionBackendStatement {
        identifiers = List.copyOf(identifiers);
    }
}
