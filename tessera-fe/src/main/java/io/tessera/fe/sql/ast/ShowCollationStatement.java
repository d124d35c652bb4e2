package io.tessera.fe.sql.ast;

/**
 * {@code SHOW COLLATION [LIKE 'pattern' | WHERE condition]}.
 *
 * @param likePattern null when absent
 * @param where       WHERE over the answer's columns; null when absent
 */
public record ShowCollationStatement(String likePattern, Expression where) implements Statement {
    public ShowCollationStatement(String likePattern) {
        this(likePattern, null);
    }
}
