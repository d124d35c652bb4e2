package io.tessera.fe.sql.ast;

import java.util.List;

/** {@code CANCEL DECOMMISSION BACKEND "h:p" | "id" [, ...]}. */
public record CancelDecommissionBackendStatement(List<String> identifiers) implements Statement {
    public CancelDecommissionBackendStatement {
        identifiers = List.copyOf(identifiers);
    }
}
