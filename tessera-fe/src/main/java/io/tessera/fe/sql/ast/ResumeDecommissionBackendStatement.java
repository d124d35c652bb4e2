package io.tessera.fe.sql.ast;

import java.util.List;

/** {@code ALTER SYSTEM RESUME DECOMMISSION BACKEND "h:p" | "id" [, ...]} (Tessera's, not Doris's). */
public record ResumeDecommissionBackendStatement(List<String> identifiers) implements Statement {
    public ResumeDecommissionBackendStatement {
        identifiers = List.copyOf(identifiers);
    }
}
