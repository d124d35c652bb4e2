package io.tessera.fe.sql.ast;

import java.util.List;

/** {@code ALTER SYSTEM DECOMMISSION BACKEND "h:p" | "id" [, ...]}. */
public record DecommissionBackendStatement(List<String> identifiers) implements Statement {
    public DecommissionBackendStatement {
        identifiers = List.copyOf(identifiers);
    }
}
