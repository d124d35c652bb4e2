package io.tessera.fe.sql.ast;

/**
 * {@code SHOW TRASH [ON "host:port"]}.
 *
 * @param backend the {@code host:heartbeat_port} after ON as written; null when absent
 */
public record ShowTrashStatement(String backend) implements Statement {
}
