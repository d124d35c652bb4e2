package io.tessera.fe.sql.ast;

import java.util.List;

/**
 * {@code EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND ...}: where the DECOMMISSION of the named
 * backends, taken together, would move their replicas, what would stay unplaced, and whether it
 * would be admitted, without doing it. Beyond Doris (docs/compatibility.md).
 */
public record ExplainDecommissionBackendStatement(List<String> identifiers) implements Statement {
    public ExplainDecommissionBackendStatement {
        identifiers = List.copyOf(identifiers);
    }
}
