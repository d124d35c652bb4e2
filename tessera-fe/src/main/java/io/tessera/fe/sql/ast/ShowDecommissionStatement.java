package io.tessera.fe.sql.ast;

/**
 * {@code SHOW DECOMMISSION [ALL]}: the running decommission jobs, or with ALL the finished ones too.
 *
 * @param all whether finished jobs are listed
 */
public record ShowDecommissionStatement(boolean all) implements Statement {
}
