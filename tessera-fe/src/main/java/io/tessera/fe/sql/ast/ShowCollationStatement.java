package io.tessera.fe.sql.ast;

/**
 * {@code SHOW COLLATION [LIKE 'pattern']}.
 *
 * @param likePattern null when absent
 */
public record ShowCollationStatement(String likePattern) implements Statement {
}
