package io.tessera.fe.sql.ast;

import java.util.List;

/**
 * {@code EXPLAIN ALTER SYSTEM DROPP BACKEND ...}: what the DROPP of the named backends, taken
 * together, would do to the tablets, without doing it. Beyond Doris (docs/compatibility.md).
 */
public record ExplainDroppBackendStatement(List<String> identifiers) implements Statement {
    public ExplainDroppBackendStatement {
        identifiers = List.copyOf(identifiers);
    }
}
