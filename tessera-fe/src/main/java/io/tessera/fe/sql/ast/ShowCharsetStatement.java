package io.tessera.fe.sql.ast;

/**
 * {@code SHOW {CHARSET | CHARACTER SET} [LIKE 'pattern' | WHERE condition]}.
 *
 * @param likePattern null when absent
 * @param where       WHERE over the answer's columns; null when absent
 */
public record ShowCharsetStatement(String likePattern, Expression where) implements Statement {
    public ShowCharsetStatement(String likePattern) {
        this(likePattern, null);
    }
}
