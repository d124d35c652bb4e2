package io.tessera.fe.sql.ast;

/**
 * {@code SHOW DATABASES [LIKE 'pattern' | WHERE condition]} (also {@code SHOW SCHEMAS}).
 *
 * @param likePattern null when absent
 * @param where       over the column {@code Database}; null when absent
 */
public record ShowDatabasesStatement(String likePattern, Expression where) implements Statement {
    public ShowDatabasesStatement(String likePattern) {
        this(likePattern, null);
    }
}
