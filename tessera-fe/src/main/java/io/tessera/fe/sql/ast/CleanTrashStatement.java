package io.tessera.fe.sql.ast;

import java.util.List;

/**
 * {@code ADMIN CLEAN TRASH [ON ("host:port", ...)]}.
 *
 * @param backends the {@code host:heartbeat_port} strings as written; empty for every backend
 */
public record CleanTrashStatement(List<String> backends) implements Statement {
    public CleanTrashStatement {
        backends = List.copyOf(backends);
    }
}
