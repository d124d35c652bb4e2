package io.tessera.fe.sql.ast;

/**
 * {@code SHOW GRANTS}, {@code SHOW GRANTS FOR 'u'@'h'} and {@code SHOW ALL GRANTS}.
 *
 * @param user null for the session's own account or for ALL
 */
public record ShowGrantsStatement(boolean all, UserSpec user) implements Statement {
}
