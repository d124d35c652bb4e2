package io.tessera.fe.sql.ast;

/**
 * {@code SHOW {CHARSET | CHARACTER SET} [LIKE 'pattern']}.
 *
 * @param likePattern null when absent
 */
public record ShowCharsetStatement(String likePattern) implements Statement {
}
